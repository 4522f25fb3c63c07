/**
 * Step outputs, so later steps chain: `digest`, `reference` (tag and digest, the
 * pinned form) and `json` (the whole result, the same fields `ocikit <verb> --json`
 * prints) for every verb, plus what a verb adds.
 *
 * TODO(core): the JSON shapes below mirror the CLI's `--json` (packages/cli/src/commands/push.ts,
 * pull.ts); one core function per result would keep the two from drifting.
 */
import * as actions from '@actions/core';
import { type PullArtifactResult, type PushArtifactResult, type Reference, formatReference, withSelector } from '@ocikit/core';

/** `registry/repo:tag@digest`: the tag people read, the digest that pins it. */
export function pinnedReference(reference: Reference, tag: string | undefined, digest: string): string {
  return formatReference(withSelector(reference, { ...(tag ? { tag } : {}), digest }));
}

export function pushResultJson(reference: string, result: PushArtifactResult): Record<string, unknown> {
  return {
    reference,
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    size: result.descriptor.size,
    artifactType: result.manifest.artifactType,
    tags: result.tags,
    layers: result.layers.map((l) => ({ ...l.descriptor, outcome: l.outcome })),
  };
}

export function pullResultJson(reference: string, result: PullArtifactResult): Record<string, unknown> {
  return {
    reference,
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    artifactType: result.manifest.artifactType,
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

/** Sets each output; `json` is written compact, for `fromJSON(steps.<id>.outputs.json)`. */
export function setOutputs(outputs: Record<string, string | boolean | Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(outputs)) {
    actions.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
}
