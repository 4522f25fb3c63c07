/** referrers-tidy's job summary: what changed (or would), a row an index or referrer, and the report as the log has it. */
import * as actions from '@actions/core';
import type { TidyReferrersResult } from '@ocikit/core';
import { code, escapeHtml, header, writeSummary } from '../summary.js';

export async function writeTidySummary(result: TidyReferrersResult, report: string): Promise<void> {
  const scope = result.subject ? `${result.repository}@${result.subject}` : result.repository;
  const mode = result.via === 'api' ? 'the registry has the referrers API: nothing to tidy' : result.applied ? 'applied' : 'dry run';
  const summary = actions.summary.addHeading('ocikit referrers tidy', 3).addRaw(`<p>${code(scope)}: ${escapeHtml(mode)}</p>`, true);
  const rows = [
    ...result.indexes.filter((i) => i.action !== 'keep').map((i) => [code(i.tag), escapeHtml(i.action), escapeHtml(`${i.described.length} described, ${i.dropped.length} dropped`), escapeHtml(i.outcome ?? '')]),
    ...result.referrers.map((r) => [code(r.digest), escapeHtml(r.action === 'delete' ? 'delete referrer' : 'keep referrer'), escapeHtml(r.reason ?? ''), escapeHtml(r.outcome ?? '')]),
  ];
  if (rows.length > 0) summary.addTable([header('Index or referrer', 'Action', 'Detail', 'Outcome'), ...rows]);
  summary.addRaw(`<pre>${escapeHtml(report.trimEnd())}</pre>`, true);
  await writeSummary(summary);
}
