// Signing what a target holds: the bundle the primitives make (sign.ts) becomes a
// referrer of the signed manifest, in cosign's new-bundle-format shape.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OcikitError } from '../errors.js';
import { type PushArtifactResult, pushArtifact } from '../artifact/push-artifact.js';
import { digestOf } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import { subjectDescriptor } from '../oci/referrer-descriptor.js';
import type { ReferrerListing, Target } from '../target/target.js';
import { type BundleFacts, readBundleFacts } from './bundle-facts.js';
import { COSIGN_SIGN_PREDICATE_TYPE, SIGSTORE_BUNDLE_MEDIA_TYPE, bundleLayerTitle, bundleReferrerAnnotations } from './constants.js';
import { attestStatement, signImageDigest } from './sign.js';
import type { ImageSigner } from './signers.js';
import type { SigningSession } from './signing-session.js';
import { MAX_BUNDLE_BYTES } from './verify.js';

export interface BundleReferrerOptions {
  signer: ImageSigner;
  /** Fixes `org.opencontainers.image.created` of the referrer (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  progress?: ProgressListener;
}

export interface SignManifestOptions extends BundleReferrerOptions {
  /** Claims signed along (cosign's `sign -a key=value`): the statement subject's annotations. */
  annotations?: Record<string, string>;
}

export interface AttestManifestOptions extends BundleReferrerOptions {
  /** The in-toto predicate type, a URI such as https://slsa.dev/provenance/v1. */
  predicateType: string;
  /** The predicate: a JSON object. */
  predicate: unknown;
  /** The statement subject's `name` (cosign attest uses the repository, e.g. ghcr.io/org/app). */
  subjectName?: string;
}

/** A signature or attestation, attached: the referrer manifest and what its bundle says. */
export interface BundleReferrer extends PushArtifactResult, BundleFacts {
  /** The manifest signed. */
  subject: Descriptor;
  /** The bundle layer (`application/vnd.dev.sigstore.bundle.v0.3+json`). */
  bundle: Descriptor;
  predicateType: string;
  /** How the referrer got listed (registries): by the registry's API, or in the sha256-<hex> tag index. */
  referrers?: ReferrerListing;
}

/**
 * `ocikit sign`: signs the manifest `subjectRef` names (tag or digest) as
 * `cosign sign` does (an in-toto statement about its digest, in a DSSE envelope,
 * in a Sigstore bundle) and attaches the bundle as its referrer.
 */
export async function signReference(target: Target, subjectRef: string, options: SignManifestOptions): Promise<BundleReferrer> {
  return signManifest(target, await readSubject(target, subjectRef), options);
}

/**
 * The manifest to sign, read and checked against its digest (one GET, as cosign
 * does, where a HEAD would do): a layout's manifest whose bytes were changed is
 * refused before anything is signed.
 */
async function readSubject(target: Target, subjectRef: string): Promise<Descriptor> {
  return (await target.fetchManifest(subjectRef)).descriptor;
}

/** Signs a manifest the target holds, by descriptor (what `attach --sign` signs: the referrer it just pushed). */
export async function signManifest(target: Target, manifest: Descriptor, options: SignManifestOptions): Promise<BundleReferrer> {
  const subject = subjectDescriptor(manifest);
  return attachBundle(target, subject, await bundleFor(subject, signatureClaim(options), options.signer), options);
}

/** @internal What a bundle says about its subject: cosign's image signature, or an attestation's predicate. */
export type Claim =
  | { kind: 'signature'; annotations?: Record<string, string> }
  | { kind: 'attestation'; predicateType: string; predicate: unknown; subjectName?: string };

/** @internal The signed bundle of a claim about `subject`, and the predicate type it carries. */
export interface SignedBundle {
  bytes: Uint8Array;
  predicateType: string;
}

/** @internal The claim `sign` makes with these options. */
export function signatureClaim(options: Pick<SignManifestOptions, 'annotations'>): Claim {
  return { kind: 'signature', ...(options.annotations ? { annotations: options.annotations } : {}) };
}

/** @internal The claim `attest` makes with these options, checked for size before anything is signed. */
export function attestationClaim(options: Pick<AttestManifestOptions, 'predicateType' | 'predicate' | 'subjectName'>): Claim {
  checkPredicateSize(options.predicate, options.predicateType);
  return {
    kind: 'attestation',
    predicateType: options.predicateType,
    predicate: options.predicate,
    ...(options.subjectName === undefined ? {} : { subjectName: options.subjectName }),
  };
}

/** @internal Signs one claim about one subject: the one place a statement becomes a bundle. */
export async function bundleFor(subject: Descriptor, claim: Claim, signer: ImageSigner | SigningSession): Promise<SignedBundle> {
  if (claim.kind === 'signature') {
    return { bytes: await signImageDigest(subject, signer, claim.annotations ? { annotations: claim.annotations } : {}), predicateType: COSIGN_SIGN_PREDICATE_TYPE };
  }
  const bytes = await attestStatement(subject, claim.predicateType, claim.predicate, signer, claim.subjectName === undefined ? {} : { subjectName: claim.subjectName });
  return { bytes, predicateType: claim.predicateType };
}

/**
 * `ocikit attest`: an in-toto statement with the predicate about the manifest
 * `subjectRef` names, signed and attached the same way (SLSA provenance, SBOM and
 * vulnerability attestations; what `cosign attest` and actions/attest push).
 */
export async function attestReference(target: Target, subjectRef: string, options: AttestManifestOptions): Promise<BundleReferrer> {
  const claim = attestationClaim(options);
  const subject = subjectDescriptor(await readSubject(target, subjectRef));
  return attachBundle(target, subject, await bundleFor(subject, claim, options.signer), options);
}

/**
 * Verifiers refuse bundles over MAX_BUNDLE_BYTES, and the envelope carries the
 * statement in base64 (4/3 of its size). Checked before signing, so no
 * transparency-log entry is made for a bundle that could never be used.
 */
function checkPredicateSize(predicate: unknown, predicateType: string): void {
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(predicate) ?? '');
  } catch {
    return; // not JSON-encodable: the statement builder says so
  }
  const room = Math.floor(((MAX_BUNDLE_BYTES - 64 * 1024) * 3) / 4);
  if (size > room) {
    throw new OcikitError('SIZE_LIMIT', `the ${predicateType} predicate is ${size} bytes; a signed bundle holds at most about ${room}`, {
      hint: 'verifiers refuse Sigstore bundles over 4 MiB; attach a large report as a referrer of its own and attest its digest instead',
    });
  }
}

/**
 * Pushes a bundle as cosign's `WriteAttestationNewBundleFormat` does: one layer of
 * the bundle titled `sha256-<hex>.sigstore.json`, the empty config, artifactType
 * and layer media type `application/vnd.dev.sigstore.bundle.v0.3+json`, and the
 * `dev.sigstore.bundle.*` annotations. pushArtifact takes files, so the bundle
 * (a few kilobytes) goes through a private temp file named as the title.
 * @internal (sign-references.ts attaches one bundle in each registry that holds its subject)
 */
export async function attachBundle(target: Target, subject: Descriptor, signed: SignedBundle, options: BundleReferrerOptions): Promise<BundleReferrer> {
  const { bytes, predicateType } = signed;
  const dir = await mkdtemp(join(tmpdir(), 'ocikit-bundle-'));
  try {
    const path = join(dir, bundleLayerTitle(digestOf(bytes)));
    await writeFile(path, bytes, { mode: 0o600 });
    const created = options.sourceDateEpoch === undefined ? new Date() : new Date(options.sourceDateEpoch * 1000);
    const result = await pushArtifact(target, {
      files: [{ path, mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE }],
      tags: [],
      artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      annotations: bundleReferrerAnnotations(predicateType, created),
      subject,
      ...(options.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: options.sourceDateEpoch }),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    const referrers = target.referrerListing(result.descriptor.digest);
    return {
      ...result,
      subject,
      bundle: result.manifest.layers[0]!,
      predicateType,
      ...readBundleFacts(bytes),
      ...(referrers ? { referrers } : {}),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
