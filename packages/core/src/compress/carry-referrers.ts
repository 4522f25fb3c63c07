import { type Descriptor, type ImageManifest, describeManifest, encodeManifest, isIndex, parseManifest } from '../oci/manifest.js';
import { ReferrerMediaType } from '../referrers/content-kinds.js';

/**
 * Media and artifact types of documents that name the digest they are about
 * inside themselves, most of them signed: pointing one at the recompressed
 * manifest would make it claim what it does not say (and a signature over the
 * old digest verifies nothing about the new one). These need signing again.
 */
const BOUND_TO_THEIR_SUBJECT = new Set<string>([
  ReferrerMediaType.SigstoreBundle,
  ReferrerMediaType.DsseEnvelope,
  ReferrerMediaType.InTotoStatement,
  ReferrerMediaType.CosignSimpleSigning,
  ReferrerMediaType.NotationSignature,
  ReferrerMediaType.Jws,
  ReferrerMediaType.Cose,
  // cosign's own referrer artifact types (OCI 1.1 mode) for signatures and attestations.
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  'application/vnd.dev.cosign.artifact.att.v1+json',
]);

/** A referrer pointed at the recompressed manifest: its new manifest, and the blobs it needs there. */
export interface CarriedReferrerManifest {
  descriptor: Descriptor;
  bytes: Uint8Array;
  blobs: Descriptor[];
}

/**
 * What becomes of one referrer of a manifest that recompression replaced. An
 * SBOM or a scan report describes the image's content, which recompression
 * keeps (the same tars, the same config), so it is carried: the same config,
 * layers and annotations with `subject` pointed at the new manifest (a new
 * manifest, so a new digest). A signature, an attestation or any document
 * that names its subject's digest inside is left (undefined), and so is a
 * referrer index.
 */
export function carryReferrer(from: Descriptor, bytes: Uint8Array, subject: Descriptor): CarriedReferrerManifest | undefined {
  const manifest = parseManifest(bytes, `referrer ${from.digest}`, from.mediaType);
  if (isIndex(manifest)) return undefined;
  const types = [manifest.artifactType, manifest.config.mediaType, ...manifest.layers.map((layer) => layer.mediaType)];
  if (types.some((type) => type !== undefined && BOUND_TO_THEIR_SUBJECT.has(type))) return undefined;
  const repointed: ImageManifest = { ...manifest, subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size } };
  const out = encodeManifest(repointed);
  return { descriptor: describeManifest(repointed, out), bytes: out, blobs: [manifest.config, ...manifest.layers] };
}
