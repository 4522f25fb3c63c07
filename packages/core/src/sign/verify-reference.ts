// Verifying through `subject`: the signatures of a manifest are found among its
// referrers (API, sha256-<hex> tag schema or layout) and each is verified
// against the manifest's digest.
import { OcikitError, isOcikitError } from '../errors.js';
import { type Descriptor, isIndex, parseManifest } from '../oci/manifest.js';
import { sortNewestFirst, subjectDescriptor } from '../oci/referrer-descriptor.js';
import { readBounded } from '../util/read-bounded.js';
import type { ReferrersListing, Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { withTrustedRoot } from './trusted-root-source.js';
import type { TufRepository } from './trusted-root-tuf.js';
import { COSIGN_SIGN_PREDICATE_TYPE, SIGSTORE_BUNDLE_MEDIA_TYPE, SigstoreAnnotation } from './constants.js';
import { type LegacyCosignLayer, labelledPredicateType, legacyCosignLayers, verifyLegacyCosignLayer } from './cosign-legacy.js';
import {
  MAX_BUNDLE_BYTES,
  SignatureVerificationError,
  type VerificationCheck,
  type VerificationPolicy,
  type VerificationPolicyNames,
  type BundleVerification,
  type VerificationResult,
  checkVerificationPolicy,
  verifyBundleContent,
} from './verify.js';

export interface VerifyReferenceOptions {
  policy: VerificationPolicy;
  /** What the front end calls the policy's fields, so a bad policy's error and a refusal's advice name them. */
  policyNames?: VerificationPolicyNames;
  /** Verify attestations of this predicate type instead of image signatures (cosign's `verify-attestation --type`). */
  predicateType?: string;
  /** Referrers read and verified at once (default 4). */
  concurrency?: number;
  /**
   * Where a keyless policy without a trusted root gets one (trusted-root-source.ts):
   * this TUF repository, the public-good instance's by default; false fetches none.
   */
  tuf?: TufRepository | false;
}

/** What became of one bundle referrer, or of one signature in cosign's legacy tag. */
export type ReferrerVerification = (
  | { descriptor: Descriptor; outcome: 'verified'; result: VerificationResult }
  /** `check` names the verification check that refused it; none when the referrer could not be read at all. */
  | { descriptor: Descriptor; outcome: 'refused'; check?: VerificationCheck; message: string; detail?: string }
  /** Another kind of statement than the one asked for (an attestation where a signature is wanted): not counted. */
  | { descriptor: Descriptor; outcome: 'skipped'; reason: string }
) & {
  /**
   * Set when it was found under cosign's legacy `sha256-<hex>.sig|.att` tag rather
   * than as a referrer: the tag, and the layer of that manifest that holds this
   * signature (`descriptor` is the manifest).
   */
  legacy?: { tag: string; layer: Descriptor };
};

export interface VerifyReferenceResult {
  /** The manifest whose signatures these are. */
  subject: Descriptor;
  /** What was looked for: https://sigstore.dev/cosign/sign/v1 for signatures, else the attestation type. */
  predicateType: string;
  /** How the store listed the referrers. */
  via: ReferrersListing['via'];
  /** True when at least one referrer verified. */
  verified: boolean;
  /** Every Sigstore bundle referrer of the subject, newest first. */
  referrers: ReferrerVerification[];
}

/** Failures of one referrer's content that say nothing about the others: reported, not thrown. */
const UNREADABLE = new Set(['NOT_FOUND', 'DIGEST_MISMATCH', 'SIZE_LIMIT', 'INVALID_MANIFEST']);

/**
 * `ocikit verify`: the Sigstore bundle referrers of the manifest `subjectRef`
 * names, each verified against its digest under `policy`. It does not throw
 * when none verifies: the result says which failed and why, and `verified` is
 * false. It throws for a bad policy (INVALID_INPUT, before anything is read),
 * for a trusted root that cannot be had through TUF (keyless with none given:
 * trusted-root-source.ts) and for a store that cannot be read.
 */
export async function verifyReference(target: Target, subjectRef: string, options: VerifyReferenceOptions): Promise<VerifyReferenceResult> {
  if (options.predicateType !== undefined && options.predicateType.trim() === '') {
    throw new OcikitError('INVALID_INPUT', 'the attestation type to verify is empty', { hint: 'give a predicate type URI such as https://slsa.dev/provenance/v1' });
  }
  const policy = await withTrustedRoot(options.policy, options.tuf);
  checkVerificationPolicy(policy, options.policyNames);
  const names = options.policyNames;
  if (!target.referrers) throw new OcikitError('UNSUPPORTED', `${target.name} cannot list referrers`);
  const subject = subjectDescriptor(await target.resolve(subjectRef));
  const predicateType = options.predicateType ?? COSIGN_SIGN_PREDICATE_TYPE;
  const listing = await target.referrers(subject, { artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE });
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const referrers = await mapConcurrent(sortNewestFirst(listing.manifests), concurrency, (descriptor) =>
    verifyReferrer(target, subject, descriptor, predicateType, policy, names),
  );
  // Signatures cosign made before its bundle format live under a tag, not as referrers.
  const legacyLayers = await legacyCosignLayers(target, subject, predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'sig' : 'att');
  const legacy = await mapConcurrent(legacyLayers, concurrency, (entry) => verifyLegacy(target, subject, entry, predicateType, policy, names));
  const all = [...referrers, ...legacy];
  return { subject, predicateType, via: listing.via, verified: all.some((r) => r.outcome === 'verified'), referrers: all };
}

async function verifyLegacy(
  target: Target,
  subject: Descriptor,
  entry: LegacyCosignLayer,
  predicateType: string,
  policy: VerificationPolicy,
  names: VerificationPolicyNames | undefined,
): Promise<ReferrerVerification> {
  const legacy = { tag: entry.tag, layer: entry.layer };
  const descriptor = entry.manifest;
  const labelled = labelledPredicateType(entry);
  if (labelled !== undefined && labelled !== predicateType) return { descriptor, legacy, outcome: 'skipped', reason: otherKind(labelled, predicateType) };
  return { ...(await outcomeOf(descriptor, predicateType, async () => ({ result: await verifyLegacyCosignLayer(target, entry, subject, policy, names) }))), legacy };
}

async function verifyReferrer(
  target: Target,
  subject: Descriptor,
  descriptor: Descriptor,
  predicateType: string,
  policy: VerificationPolicy,
  names: VerificationPolicyNames | undefined,
): Promise<ReferrerVerification> {
  // The annotation is unsigned: it may only spare a fetch, never count as a check.
  const labelled = descriptor.annotations?.[SigstoreAnnotation.BundlePredicateType];
  if (labelled !== undefined && labelled !== predicateType) return { descriptor, outcome: 'skipped', reason: otherKind(labelled, predicateType) };
  return outcomeOf(descriptor, predicateType, async () => {
    const bundle = await readBundle(target, descriptor);
    if (typeof bundle === 'string') throw new SignatureVerificationError('bundle', bundle);
    return verifyBundleContent(bundle, subject, policy, undefined, names);
  });
}

/**
 * A verification's outcome: refused by a named check (or unreadable), another kind
 * of statement, or verified. Another kind is told before the transparency-log
 * rule is applied: what is not asked for is not counted, vouched for or not.
 */
async function outcomeOf(descriptor: Descriptor, predicateType: string, verify: () => Promise<BundleVerification>): Promise<ReferrerVerification> {
  let verification: BundleVerification;
  try {
    verification = await verify();
  } catch (error) {
    if (isOcikitError(error) && UNREADABLE.has(error.code)) {
      return { descriptor, outcome: 'refused', message: `it cannot be read: ${error.message}`, ...(error.detail ? { detail: error.detail } : {}) };
    }
    if (!(error instanceof SignatureVerificationError)) throw error;
    return { descriptor, outcome: 'refused', check: error.check, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
  }
  const { result, unvouched } = verification;
  // Signed and about this subject, but another kind of statement: not what was asked for.
  if (result.predicateType !== predicateType) return { descriptor, outcome: 'skipped', reason: otherKind(result.predicateType, predicateType) };
  if (unvouched) return { descriptor, outcome: 'refused', check: unvouched.check, message: unvouched.message };
  return { descriptor, outcome: 'verified', result };
}

function otherKind(found: string, wanted: string): string {
  const name = (type: string): string => (type === COSIGN_SIGN_PREDICATE_TYPE ? 'an image signature' : `a ${JSON.stringify(type.slice(0, 200))} attestation`);
  return `${name(found)}, not ${name(wanted)}`;
}

/** The referrer's one bundle layer, bounded; a string says why the manifest holds no usable bundle. */
async function readBundle(target: Target, descriptor: Descriptor): Promise<Uint8Array | string> {
  const fetched = await target.fetchManifest(descriptor);
  const manifest = parseManifest(fetched.bytes, `${target.name}@${descriptor.digest}`, fetched.descriptor.mediaType);
  if (isIndex(manifest)) return 'the referrer is an index, not a manifest holding a bundle';
  const layers = manifest.layers.filter((layer) => layer.mediaType === SIGSTORE_BUNDLE_MEDIA_TYPE);
  const layer = layers[0];
  if (!layer || layers.length > 1) return `the referrer holds ${layers.length} layers of ${SIGSTORE_BUNDLE_MEDIA_TYPE}; a signature holds exactly one`;
  if (layer.size > MAX_BUNDLE_BYTES) return `its bundle layer is ${layer.size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a bundle`;
  // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
  return readBounded(await target.fetchBlob(layer), MAX_BUNDLE_BYTES, `the bundle of ${target.name}@${descriptor.digest}`);
}
