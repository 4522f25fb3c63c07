import { OcikitError } from '../errors.js';
import { type Reference, parseReference, referenceSelector } from '../reference/reference.js';
import type { OpenTargetOptions } from '../stores/open-target.js';
import { withTargetPool } from '../stores/target-pool.js';
import type { Descriptor } from '../oci/manifest.js';
import { type RecompressOptions, type RecompressResult, recompress } from './recompress.js';

export interface RecompressReferenceOptions extends Omit<OpenTargetOptions, 'create' | 'client'>, RecompressOptions {}

export interface RecompressReferenceResult extends RecompressResult {
  source: Reference;
  destination: Reference;
}

/**
 * `ocikit recompress <src> [<dst>]`: opens both ends and recompresses. Without
 * a destination the result goes back to the source repository under the
 * source's tag (by digest only when the source was named by digest). A
 * destination without a tag takes the source's. One repository named twice is
 * opened once, so nothing is copied to itself; two repositories of one
 * registry share a client (tokens, connections, cross-repository mounts).
 */
export async function recompressReference(
  source: string | Reference,
  destination?: string | Reference,
  options: RecompressReferenceOptions = {},
): Promise<RecompressReferenceResult> {
  const from = typeof source === 'string' ? parseReference(source) : source;
  const given = destination === undefined ? undefined : typeof destination === 'string' ? parseReference(destination) : destination;
  if (given?.digest !== undefined) {
    throw new OcikitError('INVALID_INPUT', `the destination ${given.kind === 'registry' ? `${given.registry}/${given.repository}` : given.path}@${given.digest} names a digest`, {
      hint: 'recompressed manifests get new digests; give the destination a tag, or none to take the source tag',
    });
  }
  const tag = given?.tag ?? from.tag ?? (from.digest === undefined ? 'latest' : undefined);
  const to: Reference = { ...(given ?? from), ...(tag !== undefined ? { tag } : {}) };
  if (tag === undefined) delete to.tag;
  delete to.digest;

  return withTargetPool(options, async (pool) => {
    const sourceTarget = await pool.open(from);
    // In place (the same repository or layout): the pool hands back the source itself.
    const destinationTarget = await pool.open(to, true);
    // Signatures and SBOMs name the old digests: report them so the pipeline can re-sign.
    const listReferrers = sourceTarget.referrers?.bind(sourceTarget);
    const referrersOf = options.referrersOf ?? (listReferrers ? async (subject: Descriptor) => (await listReferrers(subject)).manifests : undefined);
    const result = await recompress(sourceTarget, referenceSelector(from), destinationTarget, tag, {
      ...options,
      ...(referrersOf ? { referrersOf } : {}),
    });
    return { ...result, source: from, destination: to };
  });
}
