import type { Descriptor } from '../oci/manifest.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from './constants.js';
import type { ImageSigner } from './signers.js';
import { type SigningSession, signingSession } from './signing-session.js';
import { type StatementOptions, buildStatement, encodeStatement } from './statement.js';

export interface SignImageOptions {
  /** Claims signed along (cosign's `sign -a key=value`); they become the statement subject's annotations. */
  annotations?: Record<string, string>;
}

/**
 * Signs a manifest digest the way `cosign sign --new-bundle-format` does (the
 * default from cosign 3): an in-toto v1 statement whose subject is the digest and
 * whose predicate type is https://sigstore.dev/cosign/sign/v1 with an empty
 * predicate, in a DSSE envelope, in a Sigstore bundle v0.3. Returns the bundle's
 * JSON bytes, ready to be a referrer's layer (`SIGSTORE_BUNDLE_MEDIA_TYPE`).
 */
export async function signImageDigest(subject: Descriptor, signer: ImageSigner | SigningSession, options: SignImageOptions = {}): Promise<Uint8Array> {
  const statementOptions: StatementOptions = options.annotations ? { annotations: options.annotations } : {};
  const statement = buildStatement(subject, COSIGN_SIGN_PREDICATE_TYPE, {}, statementOptions);
  return bundle(encodeStatement(statement), signer);
}

export interface AttestOptions {
  /** The subject's `name`, e.g. the repository `ghcr.io/org/app` (cosign attest's choice); omitted when not given. */
  subjectName?: string;
}

/**
 * Attests a predicate about a manifest: an in-toto v1 statement
 * (`{_type, subject: [{name, digest}], predicateType, predicate}`) in a DSSE
 * envelope (`application/vnd.in-toto+json`), bundled. What `cosign attest
 * --new-bundle-format` and actions/attest produce.
 */
export async function attestStatement(
  subject: Descriptor,
  predicateType: string,
  predicate: unknown,
  signer: ImageSigner | SigningSession,
  options: AttestOptions = {},
): Promise<Uint8Array> {
  const statement = buildStatement(subject, predicateType, predicate, options.subjectName === undefined ? {} : { subjectName: options.subjectName });
  return bundle(encodeStatement(statement), signer);
}

function bundle(payload: Buffer, signer: ImageSigner | SigningSession): Promise<Uint8Array> {
  return signingSession(signer).bundle(payload);
}
