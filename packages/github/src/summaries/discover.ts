/** discover's job summary: the subject, how its referrers are listed, and the graph. */
import * as actions from '@actions/core';
import type { DiscoverResult, ReferrersGraphJson } from '@ocikit/core';
import { code, header, writeSummary } from '../summary.js';
import { addReferrersGraph, flattenReferrers } from './referrers-graph.js';

export async function writeDiscoverSummary(reference: string, json: ReferrersGraphJson, result: DiscoverResult, name: string): Promise<void> {
  const summary = actions.summary
    .addHeading('ocikit discover', 3)
    .addTable([
      header('Subject', 'Media type', 'Referrers', 'Listed by'),
      [code(reference), code(json.mediaType), String(flattenReferrers(result.referrers).length), json.via ?? ''],
    ]);
  addReferrersGraph(summary, result, name);
  await writeSummary(summary);
}
