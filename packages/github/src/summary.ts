/**
 * The job summary (`core.summary`, the GITHUB_STEP_SUMMARY file): what a step
 * pushed or pulled, with digests and sizes. Everything that came from a user or
 * a registry is HTML-escaped: titles and media types are untrusted text.
 */
import * as actions from '@actions/core';
import { type Descriptor, type PullArtifactResult, type PushArtifactResult, type TransferOutcome, formatBytes } from '@ocikit/core';

/** A blob or manifest that moved (or was found in place), as the summary lists it. */
export interface Transfer {
  name: string;
  descriptor: Descriptor;
  outcome: TransferOutcome;
}

type Cell = string | { data: string; header: true };
type Summary = typeof actions.summary;

/**
 * Writes the summary built so far. A runner without a summary file (GHES before
 * 3.6, act, a local run) gets a debug line, and a summary that cannot be written
 * a warning: what was pushed is pushed, and the step does not fail over it.
 */
export async function writeSummary(summary: Summary): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    actions.debug('no GITHUB_STEP_SUMMARY: job summary skipped');
    summary.emptyBuffer();
    return;
  }
  try {
    await summary.write();
  } catch (error) {
    summary.emptyBuffer();
    actions.warning(`job summary not written: ${(error as Error)?.message ?? String(error)}`);
  }
}

/**
 * Text for the summary's HTML: markup characters and `|` as entities, and line
 * breaks and other controls too, since a blank line ends an HTML block in the
 * summary's Markdown and what follows would render as Markdown of its own.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'|\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;

export { formatBytes };

export function header(...names: string[]): Cell[] {
  return names.map((data) => ({ data, header: true }));
}

export async function writePushSummary(reference: string, result: PushArtifactResult): Promise<void> {
  const total = result.layers.reduce((sum, l) => sum + l.descriptor.size, 0);
  await writeSummary(
    actions.summary
      .addHeading('ocikit push', 3)
      .addTable([
        header('Reference', 'Digest', 'Artifact type', 'Tags'),
        [code(reference), code(result.descriptor.digest), code(result.manifest.artifactType ?? '(from config)'), result.tags.map(code).join(' ') || '(none: by digest)'],
      ])
      .addTable([
        header('Layer', 'Media type', 'Size', 'Digest', 'Outcome'),
        ...result.layers.map((l) => [
          code(l.descriptor.annotations?.['org.opencontainers.image.title'] ?? '(untitled)'),
          code(l.descriptor.mediaType),
          formatBytes(l.descriptor.size),
          code(l.descriptor.digest),
          l.outcome,
        ]),
      ])
      .addRaw(`${result.layers.length} layer${result.layers.length === 1 ? '' : 's'}, ${formatBytes(total)}`, true),
  );
}

/** The pull's files; `cacheKey` when they came from the Actions cache rather than the registry. */
export async function writePullSummary(reference: string, result: PullArtifactResult, cacheKey?: string): Promise<void> {
  const summary = actions.summary
    .addHeading('ocikit pull', 3)
    .addTable([header('Reference', 'Digest'), [code(reference), code(result.descriptor.digest)]])
    .addTable([
      header('File', 'Media type', 'Size', 'Digest'),
      ...result.files.map((f) => [
        code(f.path) + (f.unpacked ? ' (unpacked)' : ''),
        code(f.descriptor.mediaType),
        formatBytes(f.descriptor.size),
        code(f.descriptor.digest),
      ]),
    ]);
  if (cacheKey !== undefined) {
    summary.addRaw(`Restored from the Actions cache (key ${code(cacheKey)}), every file verified against its digest; nothing was downloaded from the registry.`, true);
  }
  await writeSummary(summary);
}

/** Rows shown per table at most: a summary is read by a person (and capped at 1 MiB by GitHub). */
export const MAX_ROWS = 100;

/** What moved, with sizes: one row per blob or manifest, then the totals by outcome. */
export function addTransfers(summary: Summary, transfers: readonly Transfer[]): Summary {
  if (transfers.length === 0) return summary.addRaw('Nothing was transferred.', true);
  summary.addTable([
    header('Blob or manifest', 'Media type', 'Size', 'Digest', 'Outcome'),
    ...transfers.slice(0, MAX_ROWS).map((t) => [code(t.name), code(t.descriptor.mediaType), formatBytes(t.descriptor.size), code(t.descriptor.digest), t.outcome]),
  ]);
  if (transfers.length > MAX_ROWS) summary.addRaw(`…and ${transfers.length - MAX_ROWS} more.`, true);
  const byOutcome = new Map<string, { count: number; bytes: number }>();
  for (const t of transfers) {
    const total = byOutcome.get(t.outcome) ?? { count: 0, bytes: 0 };
    byOutcome.set(t.outcome, { count: total.count + 1, bytes: total.bytes + t.descriptor.size });
  }
  return summary.addRaw([...byOutcome].map(([outcome, { count, bytes }]) => `${outcome}: ${count} (${formatBytes(bytes)})`).join(', '), true);
}

/**
 * A fenced Mermaid block (GitHub renders it as a diagram). The blank line first
 * ends the HTML block a table leaves open, or the fence would not be read as one.
 */
export function addMermaid(summary: Summary, fencedMermaid: string): Summary {
  return summary.addRaw(`\n${fencedMermaid}`, true);
}
