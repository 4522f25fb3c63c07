/**
 * The signer a user chose, in whatever front end: a key (PEM text, a path or
 * env://NAME) or keyless (the CI's OIDC identity, certified by Fulcio), with or
 * without the transparency log and a timestamp authority. One rule for what goes
 * together; each front end names its own flags or inputs in the errors.
 */
import { OcikitError } from '../errors.js';
import { DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL } from './constants.js';
import { sigstoreServiceURL } from './service-url.js';
import { loadGivenSigningKey, oidcTokenSecrets, signingKeySecrets } from './signer-secrets.js';
import { keySigner, keylessSignerFromEnvironment, type ImageSigner } from './signers.js';
import { signingKeySource } from './key-reference.js';

export interface SignerChoice {
  /** A key: PEM text, a file's path or env://NAME. */
  key?: string;
  keyless: boolean;
  /** False: no Rekor entry (offline CI). */
  tlog: boolean;
  rekorUrl?: string;
  fulcioUrl?: string;
  tsaUrl?: string;
}

/** How a front end names its signing options, for errors a person can act on. */
export interface SignerWording {
  /** `--key` / `the input key`. */
  key: string;
  /** `--keyless` / `keyless`. */
  keyless: string;
  /** `--no-tlog` / `tlog: false`. */
  noTlog: string;
  rekorUrl: string;
  fulcioUrl: string;
  /** Where a key given by text came from (`--key`, `the input key`), for signingKeySource. */
  keySource: string;
  /** The refusal when neither a key nor keyless was chosen. */
  neither: { message: string; hint: string };
}

/**
 * The signer, ready before anything is pushed: the key read and checked, or the
 * CI's OIDC token found. Key text and tokens go to `secret` first, so that nothing
 * printed later can show them.
 */
export async function signerFromChoice(choice: SignerChoice, wording: SignerWording, env: NodeJS.ProcessEnv, secret: (value: string) => void): Promise<ImageSigner> {
  if (choice.key !== undefined && choice.keyless) {
    throw usage(`${wording.key} and ${wording.keyless} cannot both be given`, "sign with a key of your own, or keyless with the CI's identity");
  }
  if (choice.key === undefined && !choice.keyless) throw usage(wording.neither.message, wording.neither.hint);
  if (!choice.tlog && choice.rekorUrl) throw usage(`${wording.noTlog} and ${wording.rekorUrl} cannot both be given`);
  const rekorURL = choice.tlog ? sigstoreServiceURL(choice.rekorUrl || DEFAULT_REKOR_URL, 'Rekor') : false;
  const tsaURL = choice.tsaUrl ? sigstoreServiceURL(choice.tsaUrl, 'timestamp authority') : undefined;
  if (choice.key !== undefined) {
    if (choice.fulcioUrl) throw usage(`${wording.fulcioUrl} is for ${wording.keyless} signing; a key signature has no certificate`);
    const source = signingKeySource(choice.key, env, wording.keySource);
    if (source.pem !== undefined) signingKeySecrets(source.pem).forEach(secret);
    return keySigner(await loadGivenSigningKey(source), { rekorURL, ...(tsaURL ? { tsaURL } : {}) });
  }
  oidcTokenSecrets(env).forEach(secret);
  return keylessSignerFromEnvironment({
    fulcioURL: sigstoreServiceURL(choice.fulcioUrl || DEFAULT_FULCIO_URL, 'Fulcio'),
    rekorURL,
    ...(tsaURL ? { tsaURL } : {}),
  });
}

function usage(message: string, hint?: string): OcikitError {
  return new OcikitError('INVALID_INPUT', message, hint ? { hint } : {});
}
