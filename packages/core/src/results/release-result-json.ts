/** What `release` reports (`ocikit release --json`, the release action's `json` output). */
import type { Descriptor } from '../oci/manifest.js';
import { platformString } from '../platform/platform.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import type { ReleaseResult } from '../release/release.js';

export interface ReleasedArtifactJson {
  file: string;
  platform: string;
  /** The per-platform artifact manifest (the index entry). */
  digest: string;
  /** The file's layer: its digest is the file's sha256. */
  layer: Descriptor | undefined;
}

export interface ReleaseResultJson extends Descriptor {
  /** The index, pinned with its first tag. */
  reference: string;
  tags: string[];
  artifacts: ReleasedArtifactJson[];
}

/** `reference` is where the release went (its tag, if any, is the first of `result.tags`). */
export function releaseResultJson(reference: Reference, result: ReleaseResult): ReleaseResultJson {
  return {
    reference: pinnedReference(reference, result.tags[0], result.descriptor.digest),
    ...result.descriptor,
    tags: result.tags,
    artifacts: result.artifacts.map((a) => ({
      file: a.file.path,
      platform: platformString(a.entry.platform ?? a.file.platform),
      digest: a.entry.digest,
      layer: a.result.layers[0]?.descriptor,
    })),
  };
}
