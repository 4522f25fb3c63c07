import { type KeyObject, createHash } from 'node:crypto';
import type { Bundle } from '@sigstore/bundle';
// Small, and what the synchronous checkVerificationPolicy needs: loaded with the module.
import { TrustedRoot } from '@sigstore/protobuf-specs';
import type { SignedEntity, TrustMaterial, Verifier } from '@sigstore/verify';
import { OcikitError } from '../errors.js';
import { type Digest, parseDigest } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import { COSIGN_SIGN_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE, SIGSTORE_BUNDLE_MEDIA_TYPE } from './constants.js';
import { parsePublicKey, publicKeyHint } from './signing-key.js';
import { type InTotoStatement, readStatement } from './statement.js';
import { type LogEvidence, type TransparencyLogNames, transparencyLogRefusal, vouched } from './transparency-log-rule.js';

/** Bundles are a few kilobytes; a referrer layer larger than this is not one. */
export const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;

/** The sigstore-js parts verification uses, loaded on first use (start-up of every other verb). */
interface SigstoreVerify {
  bundleFromJSON: typeof import('@sigstore/bundle').bundleFromJSON;
  Verifier: typeof import('@sigstore/verify').Verifier;
  VerificationError: typeof import('@sigstore/verify').VerificationError;
  toSignedEntity: typeof import('@sigstore/verify').toSignedEntity;
  toTrustMaterial: typeof import('@sigstore/verify').toTrustMaterial;
}

async function loadSigstoreVerify(): Promise<SigstoreVerify> {
  const [bundle, verify] = await Promise.all([import('@sigstore/bundle'), import('@sigstore/verify')]);
  return {
    bundleFromJSON: bundle.bundleFromJSON,
    Verifier: verify.Verifier,
    VerificationError: verify.VerificationError,
    toSignedEntity: verify.toSignedEntity,
    toTrustMaterial: verify.toTrustMaterial,
  };
}

/**
 * What a verification is held to. Either a public key, or a certificate identity
 * and OIDC issuer with a trusted root (both must match exactly, as cosign's
 * `--certificate-identity` and `--certificate-oidc-issuer`).
 */
export interface VerificationPolicy {
  /** The signer's public key, PEM (`PUBLIC KEY`). */
  publicKey?: string;
  /** The certificate's subject alternative name, e.g. `https://github.com/org/app/.github/workflows/release.yml@refs/heads/main`. */
  certificateIdentity?: string;
  /** The OIDC issuer recorded in the certificate, e.g. `https://token.actions.githubusercontent.com`. */
  certificateOidcIssuer?: string;
  /**
   * A Sigstore trusted root in its JSON form (`trusted_root.json`: Fulcio CAs, Rekor
   * and CT log keys, timestamp authorities). Required for keyless verification.
   * Given, every Rekor entry and RFC 3161 timestamp a bundle carries is verified
   * against it; not given, none can be (a key signature then verifies only with
   * `insecureIgnoreTlog`).
   */
  trustedRoot?: unknown;
  /**
   * Accept a signature that no verified Rekor entry or timestamp vouches for
   * (cosign's `--insecure-ignore-tlog`): one made without the transparency log, or
   * verified without a trusted root. Without it such a signature is refused by
   * the `transparency-log` check (transparency-log-rule.ts).
   */
  insecureIgnoreTlog?: boolean;
}

/** What a front end calls each field of a policy (`--key`, the input `public-key`), for errors that name what its user typed. */
export interface VerificationPolicyNames extends TransparencyLogNames {
  publicKey: string;
  certificateIdentity: string;
  certificateOidcIssuer: string;
  trustedRoot: string;
}

/** How core's own messages name the policy's fields, when a caller gives no names of its own. */
export const POLICY_FIELD_NAMES: VerificationPolicyNames = {
  publicKey: 'a public key',
  certificateIdentity: 'a certificate identity',
  certificateOidcIssuer: 'its OIDC issuer',
  trustedRoot: 'a trusted root',
  insecureIgnoreTlog: 'insecureIgnoreTlog: true',
};

/** Which check refused a bundle. */
export type VerificationCheck =
  | 'bundle' // not a well-formed Sigstore bundle with a DSSE in-toto envelope
  | 'key' // signed with another key, or with a key where a certificate was expected (or the reverse)
  | 'signature' // the signature does not match the signed content
  | 'certificate' // the certificate does not chain to the trusted root, or has no valid SCT
  | 'identity' // certificate subject alternative name
  | 'issuer' // certificate OIDC issuer
  | 'transparency-log' // no verified Rekor entry or timestamp vouches for it (and no opt-in), or the entry is unverifiable or not about this signature
  | 'timestamp' // signed timestamps missing or unverifiable
  | 'statement' // the payload is not an in-toto statement
  | 'subject' // the statement is about another digest
  | 'predicate-type'; // the statement is another kind of attestation

/** A refusal by one named check. Its code is DENIED; `check` says which check it was. */
export class SignatureVerificationError extends OcikitError {
  readonly check: VerificationCheck;

  constructor(check: VerificationCheck, message: string, options: { detail?: string; hint?: string } = {}) {
    super('UNVERIFIED', `signature verification failed (${check}): ${message}`, options);
    this.check = check;
  }
}

export interface VerificationResult {
  /** The digest the statement is about (= the descriptor's). */
  subject: Digest;
  predicateType: string;
  statement: InTotoStatement;
  signer:
    | { kind: 'key'; hint: string }
    | { kind: 'certificate'; identity: string; issuer: string };
  /** Rekor entries verified against the trusted root (0 when none was given). */
  transparencyLogEntries: number;
  /** RFC 3161 timestamps verified against the trusted root (0 when none was given). */
  signedTimestamps: number;
  /**
   * True when neither a verified Rekor entry nor a verified timestamp vouches for
   * the signature, and it was accepted because the policy says insecureIgnoreTlog.
   */
  transparencyLogIgnored: boolean;
}

/**
 * Verifies an image signature bundle (what `signImageDigest` and `cosign sign
 * --new-bundle-format` write) for `subject`: the signature, the signer against the
 * policy, the transparency log and timestamps, then that the statement is
 * cosign's signature statement about this very digest. Throws a
 * SignatureVerificationError naming the failed check.
 */
export async function verifyImageSignature(
  bundle: Uint8Array,
  subject: Descriptor,
  policy: VerificationPolicy,
  names: VerificationPolicyNames = POLICY_FIELD_NAMES,
): Promise<VerificationResult> {
  return verifyBundle(bundle, subject, policy, COSIGN_SIGN_PREDICATE_TYPE, names);
}

/**
 * Verifies an attestation bundle for `subject` the same way; with `predicateType`
 * the statement must be of that type. `names` words the advice of refusals as the
 * front end calls its options.
 */
export async function verifyAttestation(
  bundle: Uint8Array,
  subject: Descriptor,
  policy: VerificationPolicy & { predicateType?: string },
  names: VerificationPolicyNames = POLICY_FIELD_NAMES,
): Promise<VerificationResult> {
  return verifyBundle(bundle, subject, policy, policy.predicateType, names);
}

/**
 * Verifies a bare signature over `payload` (no envelope, no bundle): what each
 * layer of cosign's legacy `.sig` tag holds. It goes through the verifier
 * bundles go through, as a bundle's message signature without verification
 * material. Says who signed; what the payload claims is the caller's to check.
 */
export async function verifyMessageSignature(
  payload: Uint8Array,
  signature: Uint8Array,
  policy: VerificationPolicy,
  names: VerificationPolicyNames = POLICY_FIELD_NAMES,
): Promise<VerifiedSigner> {
  const mode = checkPolicy(policy);
  const lib = await loadSigstoreVerify();
  const bundle = decodeBundle(
    new TextEncoder().encode(
      JSON.stringify({
        mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
        verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] },
        messageSignature: {
          messageDigest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(payload).digest('base64') },
          signature: Buffer.from(signature).toString('base64'),
        },
      }),
    ),
    lib,
  );
  const { unvouched, ...verified } = verifySigner(lib, bundle, mode, names, payload);
  if (unvouched) throw unvouched;
  return verified;
}

/**
 * Checks a policy as verification will (a readable public key; or identity,
 * issuer and a usable trusted root) without a bundle, so a bad policy is a usage
 * error before anything is fetched. Throws OcikitError INVALID_INPUT.
 */
export function checkVerificationPolicy(policy: VerificationPolicy, names: VerificationPolicyNames = POLICY_FIELD_NAMES): void {
  checkPolicy(policy, names);
}

async function verifyBundle(
  bytes: Uint8Array,
  subject: Descriptor,
  policy: VerificationPolicy,
  expectedPredicateType: string | undefined,
  names: VerificationPolicyNames,
): Promise<VerificationResult> {
  const { result, unvouched } = await verifyBundleContent(bytes, subject, policy, expectedPredicateType, names);
  if (unvouched) throw unvouched;
  return result;
}

/** A bundle whose signature, signer, statement and subject verified; `unvouched` when the transparency-log rule refuses it. */
export interface BundleVerification {
  result: VerificationResult;
  unvouched?: SignatureVerificationError;
}

/**
 * @internal verifyAttestation, but the transparency-log rule's refusal is given
 * back rather than thrown, so that verifyReference can first tell a statement of
 * another kind (skipped, not counted) from a refused one. Every other check throws.
 */
export async function verifyBundleContent(
  bytes: Uint8Array,
  subject: Descriptor,
  policy: VerificationPolicy,
  expectedPredicateType: string | undefined,
  names: VerificationPolicyNames = POLICY_FIELD_NAMES,
): Promise<BundleVerification> {
  const { algorithm, hex } = parseDigest(subject.digest);
  const mode = checkPolicy(policy);
  const lib = await loadSigstoreVerify();
  const bundle = decodeBundle(bytes, lib);
  if (bundle.content.$case !== 'dsseEnvelope') {
    throw new SignatureVerificationError('bundle', 'the bundle holds a bare message signature, not a DSSE envelope with an in-toto statement', {
      hint: 'ocikit verifies new-format image signatures (cosign ≥ 2.4 --new-bundle-format, cosign 3) and attestations',
    });
  }
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new SignatureVerificationError('bundle', `the envelope's payloadType is ${JSON.stringify(envelope.payloadType.slice(0, 200))}, not "${IN_TOTO_PAYLOAD_TYPE}"`);
  }

  const { unvouched, ...verified } = verifySigner(lib, bundle, mode, names);

  const statement = readStatement(envelope.payload);
  if (typeof statement === 'string') throw new SignatureVerificationError('statement', `the signature is valid but ${statement}`);
  const named = statement.subject.map((s) => s.digest[algorithm]).filter((d): d is string => typeof d === 'string');
  if (!named.includes(hex)) {
    const claimed = statement.subject.flatMap((s) => Object.entries(s.digest).map(([a, h]) => shown(`${a}:${h}`))).slice(0, 5);
    throw new SignatureVerificationError('subject', `the statement is about ${claimed.join(', ') || 'no digest'}, not ${subject.digest}`, {
      hint: 'this signature belongs to another manifest; was the image rebuilt or re-pushed after signing?',
    });
  }
  if (expectedPredicateType !== undefined && statement.predicateType !== expectedPredicateType) {
    throw new SignatureVerificationError('predicate-type', `the statement's predicate type is ${shown(statement.predicateType)}, not ${expectedPredicateType}`);
  }
  const result = { subject: subject.digest, predicateType: statement.predicateType, statement, ...verified };
  return unvouched ? { result, unvouched } : { result };
}

/** Who signed, and the evidence counted, once the signature and its signer are verified. */
export type VerifiedSigner = Pick<VerificationResult, 'signer' | 'transparencyLogEntries' | 'signedTimestamps' | 'transparencyLogIgnored'>;

/**
 * Verifies a bundle's signature and its signer under the policy: the key, or the
 * certificate's chain, SCT, time, identity and issuer; with a trusted root every
 * Rekor entry and timestamp the bundle carries. Then whether one of them vouches
 * for it, or the policy accepts what none vouches for (transparency-log-rule.ts):
 * when neither, `unvouched` is the refusal, for the caller to throw (after it has
 * read what the statement is). `artifact` is what a message signature signs (a
 * DSSE envelope carries its own payload).
 */
function verifySigner(
  lib: SigstoreVerify,
  bundle: Bundle,
  mode: Mode,
  names: VerificationPolicyNames,
  artifact?: Uint8Array,
): VerifiedSigner & { unvouched?: SignatureVerificationError } {
  const { Verifier, toSignedEntity, toTrustMaterial } = lib;
  const material = bundle.verificationMaterial.content;
  let signer: VerificationResult['signer'];
  let trust: TrustMaterial;
  let entity: SignedEntity;
  let verifier: Verifier;
  const root = mode.root;
  try {
    entity = toSignedEntity(bundle, artifact === undefined ? undefined : Buffer.from(artifact));
  } catch (error) {
    throw new SignatureVerificationError('bundle', `its verification material cannot be read: ${(error as Error).message}`);
  }
  const carriedEntries = entity.tlogEntries.length;
  const carriedTimestamps = tsaTimestamps(entity);
  // The thresholds stay 0: sigstore-js verifies every entry and timestamp there is
  // anyway; whether enough of them vouch is the rule's to say, below.
  if (mode.kind === 'key') {
    if (material.$case !== 'publicKey') {
      throw new SignatureVerificationError('key', 'the bundle was signed keyless (it carries a certificate), not with a key', {
        hint: 'verify it with a certificate identity, an OIDC issuer and a trusted root',
      });
    }
    const hint = publicKeyHint(mode.publicKey);
    signer = { kind: 'key', hint };
    const publicKey = mode.publicKey;
    trust = toTrustMaterial(root ?? emptyRoot(), () => ({ publicKey, validFor: () => true }));
    // With nothing to check them against, entries and timestamps count for nothing.
    if (!root) entity = { ...entity, tlogEntries: [], timestamps: [] };
    verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
    runVerifier(lib, verifier, entity, () => {
      const bundleHint = material.publicKey.hint;
      return bundleHint && bundleHint !== hint
        ? new SignatureVerificationError('key', `the bundle was signed by another key (hint ${shown(bundleHint)}), not by the given public key (hint ${hint})`)
        : undefined;
    });
  } else {
    if (material.$case === 'publicKey') {
      throw new SignatureVerificationError('key', `the bundle was signed with a key (hint ${shown(material.publicKey.hint) || 'none'}), not keyless`, {
        hint: 'verify it with the signer\'s public key',
      });
    }
    trust = toTrustMaterial(mode.root);
    // A time of signing (a logged entry's, or a TSA's) is what the short-lived certificate is checked at.
    verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 });
    const verified = runVerifier(lib, verifier, entity, () => undefined);
    const identity = verified.identity?.subjectAlternativeName;
    const issuer = verified.identity?.extensions?.issuer;
    if (identity !== mode.identity) {
      throw new SignatureVerificationError('identity', `the certificate is for ${JSON.stringify(identity ?? null)}, not ${JSON.stringify(mode.identity)}`);
    }
    if (issuer !== mode.issuer) {
      throw new SignatureVerificationError('issuer', `the certificate's OIDC issuer is ${JSON.stringify(issuer ?? null)}, not ${JSON.stringify(mode.issuer)}`);
    }
    signer = { kind: 'certificate', identity, issuer };
  }

  const evidence: LogEvidence = {
    verifiedEntries: entity.tlogEntries.length,
    verifiedTimestamps: tsaTimestamps(entity),
    carriedEntries,
    carriedTimestamps,
    trustedRoot: root !== undefined,
  };
  const refusal = transparencyLogRefusal(evidence, mode.insecureIgnoreTlog, names);
  return {
    signer,
    transparencyLogEntries: evidence.verifiedEntries,
    signedTimestamps: evidence.verifiedTimestamps,
    transparencyLogIgnored: !vouched(evidence),
    ...(refusal !== undefined ? { unvouched: new SignatureVerificationError('transparency-log', refusal) } : {}),
  };
}

function tsaTimestamps(entity: SignedEntity): number {
  return entity.timestamps.filter((t) => t.$case === 'timestamp-authority').length;
}

/** A value from the bundle, fit for a log line: bounded, and quoted when not plain ASCII. */
export function shown(value: string, max = 200): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return /^[\x20-\x7e]*$/.test(cut) ? cut : JSON.stringify(cut);
}

type Mode = { insecureIgnoreTlog: boolean } & (
  | { kind: 'key'; publicKey: KeyObject; root: TrustedRoot | undefined }
  | { kind: 'keyless'; identity: string; issuer: string; root: TrustedRoot }
);

function checkPolicy(policy: VerificationPolicy, names: VerificationPolicyNames = POLICY_FIELD_NAMES): Mode {
  const root = policy.trustedRoot === undefined ? undefined : parseTrustedRoot(policy.trustedRoot);
  const wantsIdentity = policy.certificateIdentity !== undefined || policy.certificateOidcIssuer !== undefined;
  const insecureIgnoreTlog = policy.insecureIgnoreTlog === true;
  if (policy.publicKey !== undefined) {
    if (wantsIdentity) {
      throw new OcikitError('INVALID_INPUT', `verification takes ${names.publicKey} or ${names.certificateIdentity} and ${names.certificateOidcIssuer}, not both`, {
        hint: 'a signature is verified by its key, or (keyless) by the identity its certificate names',
      });
    }
    return { kind: 'key', publicKey: parsePublicKey(policy.publicKey, 'the policy\'s public key'), root, insecureIgnoreTlog };
  }
  if (!policy.certificateIdentity || !policy.certificateOidcIssuer) {
    throw new OcikitError('INVALID_INPUT', `verification needs ${names.publicKey}, or ${names.certificateIdentity} and ${names.certificateOidcIssuer} with ${names.trustedRoot}`, {
      hint: 'for GitHub Actions keyless signatures: identity https://github.com/<org>/<repo>/.github/workflows/<file>@<ref>, issuer https://token.actions.githubusercontent.com',
    });
  }
  if (!root) {
    throw new OcikitError('INVALID_INPUT', `keyless verification needs ${names.trustedRoot} (the Fulcio, Rekor and CT log keys to trust)`, {
      hint: 'pass the trusted_root.json of the Sigstore instance that issued the certificate (`cosign trusted-root create`, or the public-good root from its TUF repository)',
    });
  }
  if (root.certificateAuthorities.length === 0 || root.tlogs.length === 0) {
    throw new OcikitError('INVALID_INPUT', 'the trusted root names no certificate authority or no transparency log; it cannot verify a keyless signature');
  }
  return { kind: 'keyless', identity: policy.certificateIdentity, issuer: policy.certificateOidcIssuer, root, insecureIgnoreTlog };
}

function parseTrustedRoot(value: unknown): TrustedRoot {
  let json = value;
  if (typeof value === 'string' || value instanceof Uint8Array) {
    try {
      json = JSON.parse(typeof value === 'string' ? value : new TextDecoder().decode(value));
    } catch {
      throw new OcikitError('INVALID_INPUT', 'the trusted root is not JSON');
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new OcikitError('INVALID_INPUT', 'the trusted root is not a JSON object (trusted_root.json)');
  }
  try {
    return TrustedRoot.fromJSON(json);
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `the trusted root cannot be read: ${(error as Error).message}`);
  }
}

function emptyRoot(): TrustedRoot {
  return { mediaType: '', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
}

function decodeBundle(bytes: Uint8Array, { bundleFromJSON }: SigstoreVerify): Bundle {
  if (bytes.length > MAX_BUNDLE_BYTES) {
    throw new SignatureVerificationError('bundle', `it is ${bytes.length} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a bundle`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new SignatureVerificationError('bundle', 'it is not UTF-8 JSON');
  }
  try {
    return bundleFromJSON(json);
  } catch (error) {
    const fields = (error as { fields?: string[] }).fields;
    throw new SignatureVerificationError('bundle', `it is not a valid Sigstore bundle: ${(error as Error).message}${fields?.length ? ` (${fields.join(', ')})` : ''}`);
  }
}

/** Runs sigstore-js's Verifier and says which check failed, in words. */
function runVerifier(
  { VerificationError }: SigstoreVerify,
  verifier: Verifier,
  entity: SignedEntity,
  onSignatureError: () => SignatureVerificationError | undefined,
) {
  try {
    return verifier.verify(entity);
  } catch (error) {
    if (!(error instanceof VerificationError)) {
      throw new SignatureVerificationError('bundle', `it could not be verified: ${(error as Error).message}`);
    }
    const why = error.message;
    switch (error.code) {
      case 'SIGNATURE_ERROR':
        throw onSignatureError() ??
          new SignatureVerificationError('signature', 'the signature does not match the signed content: the bundle was changed after signing, or signed by another key', { detail: why });
      case 'PUBLIC_KEY_ERROR':
        throw new SignatureVerificationError('key', 'the signing key is not trusted for this signature', { detail: why });
      case 'CERTIFICATE_ERROR':
        throw new SignatureVerificationError('certificate', 'the signing certificate is not trusted: it does not chain to a trusted certificate authority, or lacks a valid SCT', {
          detail: why,
          hint: 'check the trusted root is the one of the Sigstore instance that issued the certificate',
        });
      case 'TIMESTAMP_ERROR':
        throw new SignatureVerificationError('timestamp', 'the bundle has no verifiable timestamp for when it was signed', { detail: why });
      case 'TLOG_ERROR':
      case 'TLOG_INCLUSION_PROOF_ERROR':
      case 'TLOG_INCLUSION_PROMISE_ERROR':
      case 'TLOG_MISSING_INCLUSION_ERROR':
      case 'TLOG_BODY_ERROR':
        throw new SignatureVerificationError(
          'transparency-log',
          error.code === 'TLOG_BODY_ERROR'
            ? 'the transparency log entry is not about this signature: the bundle was changed after it was logged'
            : 'the transparency log entry cannot be verified against the trusted root',
          { detail: why },
        );
      default:
        throw new SignatureVerificationError('bundle', 'it could not be verified', { detail: why });
    }
  }
}
