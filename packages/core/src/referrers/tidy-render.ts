import { CLI_WORDS, type FrontEndWords, inFrontEndWords, optionRef } from '../errors.js';
import type { OrphanReferrer, TidiedIndex, TidyReferrersResult } from './tidy-result.js';

/**
 * `referrers tidy` for a person: one block per index or referrer that changes
 * (or would), then a line of totals. Indexes that need nothing are only counted,
 * so a repository of thousands of tags prints what matters.
 */
export function renderTidy(result: TidyReferrersResult, words: FrontEndWords = CLI_WORDS): string {
  const lines: string[] = [];
  const scope = result.subject ? `${result.repository}@${result.subject}` : result.repository;
  if (result.via === 'api') {
    lines.push(`${scope}: the registry lists referrers with its OCI 1.1 referrers API: nothing to tidy`);
    const unused = result.unusedTags ?? [];
    if (unused.length > 0) {
      lines.push(
        `${unused.length} sha256-<hex> tag${unused.length === 1 ? '' : 's'} remain${unused.length === 1 ? 's' : ''} from clients that wrote the tag schema too; clients of the API do not read them, and tidy leaves them (${optionRef('referrers-mode')} tag tidies them as the tag schema):`,
      );
      for (const tag of unused) lines.push(`  ${tag}`);
    }
    return `${inFrontEndWords(lines.join('\n'), words)}\n`;
  }
  for (const index of result.indexes) if (index.action !== 'keep') lines.push(...indexLines(index));
  for (const referrer of result.referrers) lines.push(referrerLine(referrer));
  lines.push(totals(result, scope));
  return `${inFrontEndWords(lines.join('\n'), words)}\n`;
}

function indexLines(index: TidiedIndex): string[] {
  const head = `${index.tag}: ${index.action}${index.reason ? ` (${index.reason})` : ''}`;
  const lines = [head];
  for (const entry of index.described) {
    const what = [
      ...(entry.artifactType ? [`artifactType ${entry.artifactType}`] : []),
      ...(entry.annotations.length ? [`annotations ${entry.annotations.join(', ')}`] : []),
      ...(entry.other ?? []),
    ];
    lines.push(`    describe ${entry.digest}: ${what.join('; ')}`);
  }
  for (const entry of index.dropped) lines.push(`    drop ${entry.digest} (${entry.why === 'gone' ? 'its manifest is gone' : 'listed twice'})`);
  const outcome = outcomeText(index);
  if (outcome) lines.push(`    -> ${outcome}`);
  return lines;
}

function referrerLine(referrer: OrphanReferrer): string {
  const kind = referrer.artifactType ? ` (${referrer.artifactType})` : '';
  const head = `referrer ${referrer.digest}${kind} of the gone ${referrer.subject}: ${referrer.action === 'delete' ? 'delete' : `kept, ${referrer.reason ?? ''}`}`;
  const outcome = outcomeText(referrer);
  return outcome ? `${head} -> ${outcome}` : head;
}

function outcomeText(report: TidiedIndex | OrphanReferrer): string | undefined {
  switch (report.outcome) {
    case undefined:
      return undefined;
    case 'written': {
      const index = report as TidiedIndex;
      return `written: ${index.written}${index.attempts && index.attempts > 2 ? ` (${index.attempts} rounds: other writers were at it)` : ''}`;
    }
    case 'unchanged':
      return 'unchanged (already so)';
    case 'rewritten':
      return `left: another writer tagged a new index meanwhile (${(report as TidiedIndex).written})`;
    case 'refused':
      return `refused by the registry (HTTP ${report.status}${report.answer ? `: ${report.answer}` : ''})`;
    case 'failed':
      return `failed: ${report.error}`;
    default:
      return report.outcome;
  }
}

function totals(result: TidyReferrersResult, scope: string): string {
  const looked = result.indexes.length;
  const indexes = `${looked} sha256-<hex> index${looked === 1 ? '' : 'es'} looked at in ${scope}`;
  if (result.changes === 0) return `${indexes}: nothing to tidy`;
  const changes = `${result.changes} change${result.changes === 1 ? '' : 's'}`;
  if (!result.applied) return `dry run: ${indexes}, ${changes} to make; nothing written (${optionRef('apply')} writes them)`;
  const problems = [
    ...(result.failed ? [`${result.failed} failed`] : []),
    ...(result.refused ? [`${result.refused} refused by the registry (it may not allow deletes: ask its operator, or delete them in its UI)`] : []),
  ];
  return `${indexes}: ${changes} applied${problems.length ? `; ${problems.join(', ')}` : ''}`;
}

/** The result as `--json` and the front ends' JSON outputs give it: core's option names in the front end's words. */
export function tidyResultJson(result: TidyReferrersResult, words: FrontEndWords = CLI_WORDS): TidyReferrersResult {
  return JSON.parse(JSON.stringify(result), (_key, value: unknown) => (typeof value === 'string' ? inFrontEndWords(value, words) : value)) as TidyReferrersResult;
}
