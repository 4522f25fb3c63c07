import type { Descriptor } from '../oci/manifest.js';
import type { Target } from './target.js';

/**
 * A manifest pushed under its tags: none (by digest), one, or several, which a
 * registry that takes them in one request gets in one (pushManifestTags). Every
 * verb that pushes tags goes through here.
 */
export async function pushTagged(target: Target, descriptor: Descriptor, bytes: Uint8Array, tags: readonly string[]): Promise<void> {
  if (tags.length > 1 && target.pushManifestTags) return target.pushManifestTags(descriptor, bytes, tags);
  const [first, ...rest] = tags;
  await target.pushManifest(descriptor, bytes, first);
  for (const tag of rest) await target.pushManifest(descriptor, bytes, tag);
}
