/** What `copy` reports (`ocikit copy --json`, the copy action's `json` output). */
import type { CopyGraphResult } from '../copy/copy-graph.js';
import type { CopyReferenceResult } from '../copy/copy-reference.js';
import type { Descriptor } from '../oci/manifest.js';
import { formatReference, pinnedReference } from '../reference/reference.js';

export interface CopyResultJson extends Descriptor {
  source: string;
  /** The copy at the destination, pinned: `registry/repo:tag@digest`. */
  destination: string;
  blobs: CopyGraphResult['blobs'];
  manifests: CopyGraphResult['manifests'];
  /** Blob bytes sent (mounted and skipped blobs cost none). */
  bytes: number;
  referrers?: CopyGraphResult['referrers'];
}

export function copyResultJson(result: CopyReferenceResult): CopyResultJson {
  return {
    source: formatReference(result.source),
    destination: pinnedReference(result.destination, result.tag, result.descriptor.digest),
    ...result.descriptor,
    blobs: result.blobs,
    manifests: result.manifests,
    bytes: result.bytes,
    ...(result.referrers ? { referrers: result.referrers } : {}),
  };
}
