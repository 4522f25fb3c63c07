import { OcikitError } from '../errors.js';
import { checkTag } from '../reference/reference.js';
import type { Descriptor } from '../oci/manifest.js';
import type { Target } from '../target/target.js';
import { type TagMoveOptions, readTagMoves } from './tag-moves.js';

/**
 * Points more tags at a manifest the target holds (`ocikit tag`). No blob
 * moves: a registry gets the manifest's own bytes again under each tag, a
 * layout a new index.json entry. Every tag is checked before anything is sent.
 */
export async function tagManifest(target: Target, reference: string, tags: string[], options: TagMoveOptions = {}): Promise<Descriptor> {
  if (tags.length === 0) throw new OcikitError('INVALID_INPUT', `no tag to give ${target.name}:${reference}`, { hint: 'name one or more tags' });
  tags.forEach(checkTag);
  const descriptor = await target.resolve(reference);
  const tagMoves = await readTagMoves(target, tags.filter((tag) => tag !== reference), options);
  for (const tag of tags) await target.tag(descriptor, tag);
  await tagMoves.report(descriptor);
  return descriptor;
}
