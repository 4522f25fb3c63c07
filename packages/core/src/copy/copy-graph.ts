import { parseManifest } from '../oci/manifest.js';
import { type GraphCopyOptions, type GraphCopyResult, copyFetchedGraph, manifestsOfGraph } from '../graph/copy-manifest-graph.js';
import { copyReferrers } from '../referrers/copy-referrers.js';
import type { Target } from '../target/target.js';

export interface CopyGraphOptions extends GraphCopyOptions {
  /**
   * Also copy the referrers graphs (signatures, SBOMs, reports and theirs,
   * cosign's legacy tags too) of the root and of every manifest below it (an
   * index's platform manifests, nested indexes' too); the destination lists
   * them its own way (API, recreated sha256-<hex> tag index, or layout
   * index.json).
   */
  referrers?: boolean;
}

export interface CopyGraphResult extends GraphCopyResult {
  /** With `referrers`: referrers copied, and skipped because the destination held and listed them. */
  referrers?: { copied: number; skipped: number };
}

/**
 * `copy`'s whole copy: the manifest graph (copyManifestGraph: blobs, child
 * manifests, subjects) and, with `referrers`, the referrers graph of every
 * manifest in it, each referrer copied the same way after what it refers to.
 */
export async function copyGraph(
  source: Target,
  sourceRef: string,
  destination: Target,
  destinationRef?: string,
  options: CopyGraphOptions = {},
): Promise<CopyGraphResult> {
  const { referrers: withReferrers, ...graphOptions } = options;
  const root = await source.fetchManifest(sourceRef);
  const rootManifest = parseManifest(root.bytes, `${source.name}:${sourceRef}`, root.descriptor.mediaType);
  const result = await copyFetchedGraph(source, sourceRef, root, rootManifest, destination, destinationRef, graphOptions, true);
  if (!withReferrers) return result;
  const copyOne = async (digest: string, tag: string | undefined): Promise<void> => {
    const fetched = await source.fetchManifest(tag ?? digest);
    const manifest = parseManifest(fetched.bytes, `${source.name}:${tag ?? digest}`, fetched.descriptor.mediaType);
    // Its subject is copied already: referrers are copied after the manifests they refer to.
    await copyFetchedGraph(source, tag ?? digest, fetched, manifest, destination, tag, graphOptions, false);
  };
  const subjects = await manifestsOfGraph(source, result.descriptor, rootManifest, options.concurrency);
  const referrers = await copyReferrers(source, destination, subjects, copyOne, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { ...result, referrers };
}
