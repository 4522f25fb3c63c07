/** index's job summary: the index, each entry with its platform, and what was copied into its repository. */
import * as actions from '@actions/core';
import type { IndexResultJson } from '@ocikit/core';
import { MAX_ROWS, code, formatBytes, header, writeSummary } from '../summary.js';

export async function writeIndexSummary(command: string, json: IndexResultJson): Promise<void> {
  const { copied } = json;
  const summary = actions.summary
    .addHeading(`ocikit index ${command}`, 3)
    .addTable([header('Index', 'Media type', 'Tags'), [code(json.reference), code(json.mediaType), json.tags.map(code).join(' ') || '(none: by digest)']])
    .addTable([
      header('Platform', 'Digest', 'Media type'),
      ...json.manifests.slice(0, MAX_ROWS).map((m) => [m.attestation ? 'attestation' : (m.platform ?? '(none)'), code(m.digest), code(m.mediaType)]),
    ])
    .addRaw(
      `${json.manifests.length} entr${json.manifests.length === 1 ? 'y' : 'ies'}; copied into the repository: ${copied.manifests} manifest(s), ` +
        `blobs ${copied.blobs.copied} copied, ${copied.blobs.mounted} mounted, ${copied.blobs.skipped} present (${formatBytes(copied.bytes)} sent)`,
      true,
    );
  await writeSummary(summary);
}
