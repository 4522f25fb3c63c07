/** attach's job summary: what was attached to what, how it is listed, and the subject's referrers graph. */
import * as actions from '@actions/core';
import type { AttachResultJson, DiscoverResult, ReferrerListing } from '@ocikit/core';
import { code, formatBytes, header, writeSummary } from '../summary.js';
import { addReferrersGraph } from './referrers-graph.js';

/** Where a referrer is listed, as a table cell (shared with sign's summary). */
export function listingCell(listed: ReferrerListing): string {
  if (listed.via === 'layout') return "the layout's index.json";
  if (listed.via === 'api') return 'the registry (referrers API)';
  return `the referrers tag index ${code(listed.tag ?? '')} (the registry has no referrers API)`;
}

export async function writeAttachSummary(json: AttachResultJson, graph: DiscoverResult | undefined, name: string): Promise<void> {
  const summary = actions.summary
    .addHeading('ocikit attach', 3)
    .addTable([
      header('Attached', 'Artifact type', 'Subject', 'Listed by'),
      [code(json.reference), code(json.artifactType ?? ''), code(json.subject.reference), listingCell(json.referrers)],
    ])
    .addTable([header('File', 'Kind', 'Media type'), ...json.files.map((f) => [code(f.path), f.kind ?? '', code(f.mediaType)])])
    .addRaw(`Manifest ${code(json.digest)}, ${formatBytes(json.size)}`, true);
  if (graph) {
    summary.addHeading('Referrers of the subject', 4);
    addReferrersGraph(summary, graph, name);
  }
  await writeSummary(summary);
}
