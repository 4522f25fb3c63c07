import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { Target } from '../target/target.js';
import { sortNewestFirst } from '../oci/referrer-descriptor.js';

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
 * several, said as a warning on `progress`. None is a NOT_FOUND that names the
 * types there are.
 */
export async function selectReferrer(
  target: Target,
  subjectRef: string,
  artifactType: string,
  options: { progress?: ProgressListener } = {},
): Promise<SelectedReferrer> {
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
  if (candidates.length > 1) {
    const created = chosen.annotations?.['org.opencontainers.image.created'];
    options.progress?.warning?.(
      `${candidates.length} referrers of type ${artifactType} on ${subject.digest}; pulling the newest, ${chosen.digest}${created ? ` (created ${created})` : ''}`,
    );
  }
  return { subject, chosen, candidates };
}
