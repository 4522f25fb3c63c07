import { type Descriptor, type ImageManifest, describeManifest, encodeManifest, isIndex, parseManifest } from '../oci/manifest.js';
import { isSubjectBoundType } from '../documents/content-kinds.js';

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
  if (types.some((type) => type !== undefined && isSubjectBoundType(type))) return undefined;
  const repointed: ImageManifest = { ...manifest, subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size } };
  const out = encodeManifest(repointed);
  return { descriptor: describeManifest(repointed, out), bytes: out, blobs: [manifest.config, ...manifest.layers] };
}
