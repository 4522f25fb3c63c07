/**
 * The referrers graph in a job summary: core's Mermaid rendering (GitHub draws
 * it) and a table of every referrer, so the digests can be copied. attach shows
 * the subject's graph with the new referrer in it; discover shows what it found.
 */
import * as actions from '@actions/core';
import { type DiscoverResult, type ReferrerNode, type Target, discoverReferrers, referrerKindName, renderReferrersMermaid } from '@ocikit/core';
import { MAX_ROWS, addMermaid, code, formatBytes, header } from '../summary.js';

type Summary = typeof actions.summary;

/** Every referrer with its level (1: of the subject itself), depth first. */
export function flattenReferrers(nodes: readonly ReferrerNode[], level = 1): Array<{ level: number; node: ReferrerNode }> {
  return nodes.flatMap((node) => [{ level, node }, ...flattenReferrers(node.referrers, level + 1)]);
}

export function addReferrersGraph(summary: Summary, result: DiscoverResult, name: string): Summary {
  const all = flattenReferrers(result.referrers);
  if (all.length === 0) return summary.addRaw(`${code(`${name}@${result.subject.digest}`)} has no referrers.`, true);
  addMermaid(summary, renderReferrersMermaid(result, name));
  summary.addTable([
    header('Level', 'Kind', 'Artifact type', 'Digest', 'Size', 'Created'),
    ...all.slice(0, MAX_ROWS).map(({ level, node }) => {
      const type = node.descriptor.artifactType ?? node.descriptor.mediaType;
      return [
        String(level),
        referrerKindName(type) ?? (node.legacy ? `cosign ${node.legacy.kind} (tag)` : ''),
        code(type),
        code(node.descriptor.digest),
        formatBytes(node.descriptor.size),
        code(node.descriptor.annotations?.['org.opencontainers.image.created'] ?? ''),
      ];
    }),
  ]);
  if (all.length > MAX_ROWS) summary.addRaw(`…and ${all.length - MAX_ROWS} more.`, true);
  return summary;
}

/**
 * The subject's graph for a summary; undefined, after a warning, when it cannot be
 * read: the step did its work, and the picture alone is not worth failing it.
 */
export async function graphForSummary(target: Target, subjectDigest: string, warn: (message: string) => void): Promise<DiscoverResult | undefined> {
  try {
    return await discoverReferrers(target, subjectDigest, { concurrency: 8 });
  } catch (error) {
    warn(`job summary: the referrers graph could not be read: ${(error as Error)?.message ?? String(error)}`);
    return undefined;
  }
}
