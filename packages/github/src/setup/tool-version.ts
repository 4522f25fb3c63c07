/**
 * The version a released binary is kept under in the runner's tool cache
 * (`$RUNNER_TOOL_CACHE/<name>/<version>/<arch>`). @actions/tool-cache finds only
 * SemVer versions, so:
 *   - a digest is `0.0.0-<algorithm>-<hex>` (exact: the content cannot change);
 *   - a SemVer tag (`v1.2.3`, `1.2.3-rc.1`) is that version: trusted to name one
 *     release, as setup-node and the other setup-* actions trust theirs;
 *   - any other tag (`latest`, `main`) may move, so it names no version until the
 *     registry has resolved it to a digest.
 */
import { isExplicitVersion } from '@actions/tool-cache';
import type { Reference } from '@ocikit/core';

export function digestVersion(digest: string): string {
  return `0.0.0-${digest.replace(':', '-')}`;
}

/** The version from the reference alone; undefined when only the registry can say (a tag that is not SemVer). */
export function versionFromReference(reference: Reference): string | undefined {
  if (reference.digest !== undefined) return digestVersion(reference.digest);
  const tag = reference.tag ?? 'latest';
  return isExplicitVersion(tag) ? tag.replace(/^v+/, '') : undefined;
}
