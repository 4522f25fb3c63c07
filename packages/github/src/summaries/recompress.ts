/** recompress's job summary: each layer gzip → zstd with both sizes, and the manifests that got new digests. */
import * as actions from '@actions/core';
import type { RecompressResultJson } from '@ocikit/core';
import { MAX_ROWS, code, formatBytes, header, writeSummary } from '../summary.js';

const percent = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '');

export async function writeRecompressSummary(json: RecompressResultJson): Promise<void> {
  const summary = actions.summary
    .addHeading('ocikit recompress', 3)
    .addTable([header('Result', 'Media type', 'Mode'), [code(json.reference), code(json.mediaType), json.mode]]);
  if (!json.changed) {
    await writeSummary(summary.addRaw('Nothing to recompress: no tar+gzip layers; the source was carried as it is.', true));
    return;
  }
  summary
    .addTable([
      header('gzip layer', 'zstd layer', 'gzip size', 'zstd size', 'zstd / gzip'),
      ...json.layers.slice(0, MAX_ROWS).map((l) => [code(l.from), code(l.to), formatBytes(l.gzipSize), formatBytes(l.size), percent(l.size, l.gzipSize)]),
    ])
    .addRaw(
      `${json.layers.length} layer(s): ${formatBytes(json.bytes.gzip)} gzip → ${formatBytes(json.bytes.zstd)} zstd (${percent(json.bytes.zstd, json.bytes.gzip)}); ${json.keptLayers} kept as they were.`,
      true,
    )
    .addTable([
      header('Old digest', 'New digest', 'Platform', 'Referrers carried'),
      ...json.rewritten.slice(0, MAX_ROWS).map((r) => [code(r.from), code(r.to), r.platform ?? '', String(r.carried?.length ?? 0)]),
    ])
    .addRaw(
      json.rewritten.some((r) => r.carried)
        ? 'SBOMs and reports were pointed at the new digests; signatures and attestations name the old ones: sign and attest again.'
        : 'Signatures and SBOMs of the old digests do not apply to the new ones: sign and attach again (`referrers: true` carries the SBOMs and reports).',
      true,
    );
  await writeSummary(summary);
}
