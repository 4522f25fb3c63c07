import { isOcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { type ReferrerNode, discoverReferrersOf } from './discover.js';

export interface CopyReferrersOptions {
  concurrency?: number;
  progress?: ProgressListener;
}

export interface CopyReferrersResult {
  /** Referrers copied (and listed at the destination). */
  copied: number;
  /** Referrers the destination already held and listed. */
  skipped: number;
}

/** Copies one manifest (and everything it points to) by digest, or under `tag`. */
export type CopyOne = (digest: string, tag: string | undefined) => Promise<void>;

/**
 * Copies the whole referrers graph of each of `subjects` (every level,
 * cosign's legacy tags too) from `source` to `destination`, parents before
 * their referrers: for a copied index, its own and those of every manifest in
 * it (each platform's signatures and SBOMs), as `oras cp -r` carries them.
 * Each referrer is copied with `copyOne` (a graph copy), so the destination
 * lists it the way it lists referrers: a registry through its API or by
 * recreating the `sha256-<hex>` tag index, a layout in index.json. A referrer
 * stored but not listed afterwards (a registry that lost the entry, an
 * interrupted earlier copy) is stored again so that it gets listed.
 */
export async function copyReferrers(
  source: Target,
  destination: Target,
  subjects: readonly Descriptor[],
  copyOne: CopyOne,
  options: CopyReferrersOptions = {},
): Promise<CopyReferrersResult> {
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const graphs = await discoverReferrersOf(source, subjects, {
    concurrency: Math.max(concurrency, 8),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const result: CopyReferrersResult = { copied: 0, skipped: 0 };
  let level: Array<{ parent: Descriptor; nodes: ReferrerNode[] }> = graphs.map((graph) => ({ parent: graph.subject, nodes: graph.referrers }));
  while (level.length > 0) {
    const next: typeof level = [];
    await mapConcurrent(level, concurrency, async ({ parent, nodes }) => {
      if (nodes.length === 0) return;
      const listed = new Set((await listedAt(destination, parent)).map((d) => d.digest));
      const stored: Descriptor[] = [];
      await mapConcurrent(nodes, concurrency, async (node) => {
        const { digest } = node.descriptor;
        if (node.legacy ? await tagged(destination, node.legacy.tag, digest) : listed.has(digest)) {
          result.skipped++;
          return;
        }
        await copyOne(digest, node.legacy?.tag);
        if (!node.legacy) stored.push(node.descriptor);
        result.copied++;
      });
      await ensureListed(source, destination, parent, stored, options.progress);
      for (const node of nodes) next.push({ parent: node.descriptor, nodes: node.referrers });
    });
    level = next;
  }
  return result;
}

/** How many times a referrer the destination does not list is stored again. */
const RESTORE_ROUNDS = 3;

/**
 * Makes the destination list every referrer of `parent` just stored. Some
 * registries update a subject's listing by an unlocked read-modify-write
 * (olareg 0.2.2's referrerAdd), so referrers of one subject stored at once can
 * lose each other's entry; a registry that held a referrer already (an
 * interrupted earlier copy) may never have listed it. Storing a missing one's
 * manifest again, one at a time, makes such a registry list it. What is still
 * missing after that is said, not thrown: a registry whose listing catches up
 * later has copied everything.
 */
async function ensureListed(source: Target, destination: Target, parent: Descriptor, stored: readonly Descriptor[], progress?: ProgressListener): Promise<void> {
  if (stored.length === 0 || !destination.referrers) return;
  let missing = stored;
  for (let round = 0; ; round++) {
    const listed = new Set((await listedAt(destination, parent)).map((d) => d.digest));
    missing = missing.filter((d) => !listed.has(d.digest));
    if (missing.length === 0) return;
    if (round === RESTORE_ROUNDS) break;
    for (const descriptor of missing) {
      const fetched = await source.fetchManifest(descriptor);
      await destination.pushManifest(fetched.descriptor, fetched.bytes);
    }
  }
  progress?.warning?.(
    `${destination.name} does not list ${missing.map((d) => d.digest).join(', ')} among the referrers of ${parent.digest} ` +
      `after storing ${missing.length === 1 ? 'it' : 'them'} ${RESTORE_ROUNDS + 1} times; its referrers listing may catch up later, or the registry drops them`,
  );
}

async function listedAt(destination: Target, subject: Descriptor): Promise<Descriptor[]> {
  if (!destination.referrers) return [];
  return (await destination.referrers(subject)).manifests;
}

async function tagged(destination: Target, tag: string, digest: string): Promise<boolean> {
  try {
    return (await destination.resolve(tag)).digest === digest;
  } catch (error) {
    if (isOcikitError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}
