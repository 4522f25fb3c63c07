/**
 * What `push` reports (`ocikit push --json`, the action's `json` output, the
 * GitLab job's JSON file): one shape for every front end, built here so none
 * of them drifts.
 */
import type { PushArtifactResult, PushedLayer } from '../artifact/push-artifact.js';
import type { Descriptor } from '../oci/manifest.js';
import { type Reference, pinnedReference } from '../reference/reference.js';

export interface PushResultJson {
  /** `registry/repo:tag@digest` (the first tag), or `repo@digest` when pushed by digest only. */
  reference: string;
  digest: string;
  mediaType: string;
  size: number;
  artifactType: string | undefined;
  tags: string[];
  layers: Array<Descriptor & { outcome: PushedLayer['outcome'] }>;
}

/** `reference` is where the push went (its tag, if any, is the first of `result.tags`). */
export function pushResultJson(reference: Reference, result: PushArtifactResult): PushResultJson {
  return {
    reference: pinnedReference(reference, result.tags[0], result.descriptor.digest),
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    size: result.descriptor.size,
    artifactType: result.manifest.artifactType,
    tags: result.tags,
    layers: result.layers.map((l) => ({ ...l.descriptor, outcome: l.outcome })),
  };
}
