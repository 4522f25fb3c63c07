import { type Reference, parseReference, referenceSelector } from '../reference/reference.js';
import type { OpenTargetOptions } from '../stores/open-target.js';
import { withTargetPool } from '../stores/target-pool.js';
import { type CopyGraphOptions, type CopyGraphResult, copyGraph } from './copy-graph.js';

export interface CopyReferenceOptions extends Omit<OpenTargetOptions, 'create' | 'client'>, CopyGraphOptions {}

export interface CopyReferenceResult extends CopyGraphResult {
  source: Reference;
  destination: Reference;
}

/**
 * `ocikit copy <src> <dst>`: opens both ends and copies the graph. Two
 * repositories of one registry share one client, so one token can cover both
 * (a mount needs pull on the source and push on the destination) and
 * connections are reused. An OCI layout destination is created if need be.
 * The destination's tag or digest names the copy; without either it takes the
 * source's tag (or digest).
 */
export async function copyReference(
  source: string | Reference,
  destination: string | Reference,
  options: CopyReferenceOptions = {},
): Promise<CopyReferenceResult> {
  const from = typeof source === 'string' ? parseReference(source) : source;
  const to = typeof destination === 'string' ? parseReference(destination) : destination;
  // One client for both ends on one registry: one token reads the source and writes the destination (a mount needs it).
  return withTargetPool(options, async (pool) => {
    const sourceTarget = await pool.open(from);
    const destinationTarget = await pool.open(to, true);
    const destinationRef = to.tag ?? to.digest;
    const result = await copyGraph(sourceTarget, referenceSelector(from), destinationTarget, destinationRef, options);
    return { ...result, source: from, destination: to };
  });
}
