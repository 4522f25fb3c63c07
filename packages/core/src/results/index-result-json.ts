/** What `index create|add|remove` reports (`ocikit index … --json`, the index action's `json` output). */
import type { Descriptor } from '../oci/manifest.js';
import type { IndexCopyStats } from '../platform-index/assemble-index.js';
import type { IndexReferenceResult } from '../platform-index/index-references.js';
import { isAttestationEntry } from '../platform/match.js';
import { platformString } from '../platform/platform.js';
import { pinnedReference } from '../reference/reference.js';

export interface IndexEntryJson {
  digest: string;
  mediaType: string;
  platform?: string;
  /** A BuildKit attestation manifest (`vnd.docker.reference.type`), not a platform's image. */
  attestation?: true;
}

export interface IndexResultJson extends Descriptor {
  /** The index, pinned: `registry/repo:tag@digest` with its first tag. */
  reference: string;
  tags: string[];
  manifests: IndexEntryJson[];
  copied: IndexCopyStats;
}

export function indexResultJson(result: IndexReferenceResult): IndexResultJson {
  return {
    reference: pinnedReference(result.reference, result.tags[0], result.descriptor.digest),
    ...result.descriptor,
    tags: result.tags,
    manifests: result.index.manifests.map((m) => ({
      digest: m.digest,
      mediaType: m.mediaType,
      ...(m.platform ? { platform: platformString(m.platform) } : {}),
      ...(isAttestationEntry(m) ? { attestation: true as const } : {}),
    })),
    copied: result.copied,
  };
}
