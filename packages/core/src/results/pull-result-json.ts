/** What `pull` reports (`ocikit pull --json`, the pull action's `json` output). */
import type { PullArtifactResult } from '../artifact/pull-artifact.js';
import { platformString } from '../platform/platform.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import type { SelectedReferrer } from '../referrers/select-referrer.js';

export interface PulledFileJson {
  title: string;
  path: string;
  digest: string;
  size: number;
  mediaType: string;
  unpacked: boolean;
}

export interface PullResultJson {
  /**
   * What was pulled, pinned. The tag is kept only when it names the pulled
   * manifest itself: not for an entry picked from an index, nor for a referrer.
   */
  reference: string;
  digest: string;
  mediaType: string;
  artifactType: string | undefined;
  /** With a referrer picked by artifact type: its subject, and how many of that type it had. */
  subject?: string;
  candidates?: number;
  /** With an entry picked from an index: the index and the entry's platform. */
  index?: string;
  platform?: string;
  files: PulledFileJson[];
}

/** `reference` is what the pull named; `referrer` the referrer chosen when it asked for an artifact type. */
export function pullResultJson(reference: Reference, result: PullArtifactResult, referrer?: SelectedReferrer): PullResultJson {
  return {
    reference: pinnedReference(reference, result.index || referrer ? undefined : reference.tag, result.descriptor.digest),
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    artifactType: result.manifest.artifactType,
    ...(referrer ? { subject: referrer.subject.digest, candidates: referrer.candidates.length } : {}),
    ...(result.index && result.platform ? { index: result.index.digest, platform: platformString(result.platform) } : {}),
    files: result.files.map((f) => ({
      title: f.title,
      path: f.path,
      digest: f.descriptor.digest,
      size: f.descriptor.size,
      mediaType: f.descriptor.mediaType,
      unpacked: f.unpacked,
    })),
  };
}
