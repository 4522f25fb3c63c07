import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { Target } from '../target/target.js';
import { sortNewestFirst } from './referrer-descriptor.js';

export interface SelectedReferrer {
  subject: Descriptor;
  /** The newest referrer of the type (by `org.opencontainers.image.created`). */
  chosen: Descriptor;
  /** Every referrer of the type, newest first. */
  candidates: Descriptor[];
}

/**
 * The referrer of one artifact type that `subjectRef` has ("the SBOM of
 * app:v1"): the newest by `org.opencontainers.image.created` when there are
 * several. None is a NOT_FOUND that names the types there are.
 */
export async function selectReferrer(target: Target, subjectRef: string, artifactType: string): Promise<SelectedReferrer> {
  if (!target.referrers) throw new OcikitError('UNSUPPORTED', `${target.name} cannot list referrers`);
  const resolved = await target.resolve(subjectRef);
  const subject: Descriptor = { mediaType: resolved.mediaType, digest: resolved.digest, size: resolved.size };
  const listing = await target.referrers(subject, { artifactType });
  const candidates = sortNewestFirst(listing.manifests);
  const chosen = candidates[0];
  if (!chosen) {
    const all = await target.referrers(subject);
    const types = [...new Set(all.manifests.map((d) => d.artifactType ?? d.mediaType))];
    throw new OcikitError('NOT_FOUND', `${target.name}@${subject.digest} has no referrer of type ${artifactType}`, {
      hint: types.length ? `its referrers are of type ${types.join(', ')}; \`ocikit discover\` shows them` : 'it has no referrers at all; attach one with `ocikit attach`',
    });
  }
  return { subject, chosen, candidates };
}
