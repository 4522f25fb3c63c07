// The security rules every front end that builds a signer follows the same way:
// what to mask before anything is printed, how a key the user gave is read,
// and what to say when the public transparency log cannot be reached. The
// front ends keep their own wording for their flags or inputs.
import { OcikitError, isOcikitError } from '../errors.js';
import { type SigningKey, type SigningKeySource, loadSigningKey } from './signing-key.js';

/** Where a keyless signer finds the CI's OIDC credentials: secrets, masked before anything runs. */
const OIDC_TOKEN_VARIABLES = ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'SIGSTORE_ID_TOKEN'] as const;

/**
 * What of a PEM private key to mask in anything printed: its whole text and
 * each of its base64 lines, so that a path that ever echoed one line of it
 * would show *** there too.
 */
export function signingKeySecrets(pem: string): string[] {
  const lines = pem.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [pem.trim(), ...lines].filter((value) => value !== '');
}

/** The OIDC credentials present in `env`, to mask. */
export function oidcTokenSecrets(env: Record<string, string | undefined>): string[] {
  return OIDC_TOKEN_VARIABLES.map((name) => env[name]).filter((value): value is string => Boolean(value));
}

/**
 * `loadSigningKey` for a key the user gave: a key of another kind (RSA,
 * another curve, cosign-encrypted) is bad input, as an unreadable one is.
 */
export async function loadGivenSigningKey(source: SigningKeySource): Promise<SigningKey> {
  try {
    return await loadSigningKey(source);
  } catch (error) {
    if (isOcikitError(error, 'UNSUPPORTED')) throw new OcikitError('INVALID_INPUT', error.message, error.hint ? { hint: error.hint } : {});
    throw error;
  }
}

/**
 * A key signature is recorded in the public Rekor by default, which offline CI
 * cannot reach: when that is what failed, the error gets `howToSignWithout`
 * (in the front end's words: a flag or an input) added to its hint.
 */
export function explainUnreachableRekor(error: unknown, signer: { kind: 'key' | 'keyless'; rekorURL: string | false }, howToSignWithout: string): unknown {
  if (signer.kind !== 'key' || signer.rekorURL === false || !isOcikitError(error) || !/\bRekor at \S+ did not record the signature/.test(error.message)) return error;
  return new OcikitError(error.code, error.message, {
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.status ? { status: error.status } : {}),
    hint: `${error.hint ? `${error.hint}; ` : ''}${howToSignWithout}`,
    cause: error,
  });
}
