import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { Target } from '../target/target.js';

/**
 * Deletes the manifest a tag or digest names, and so every tag that names it.
 * A tag is resolved to its digest first: registries refuse a DELETE by tag
 * (distribution answers 400). Returns what was deleted.
 */
export async function deleteManifest(target: Target, reference: string): Promise<Descriptor> {
  if (!target.deleteManifest) {
    throw new OcikitError('UNSUPPORTED', `${target.name} cannot delete manifests`);
  }
  const descriptor = await target.resolve(reference);
  await target.deleteManifest(descriptor);
  return descriptor;
}
