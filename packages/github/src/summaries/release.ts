/** release's job summary: the index, and per platform the file that went up with its size. */
import * as actions from '@actions/core';
import type { ReleaseResult, ReleaseResultJson } from '@ocikit/core';
import { MAX_ROWS, code, formatBytes, header, writeSummary } from '../summary.js';

export async function writeReleaseSummary(json: ReleaseResultJson, result: ReleaseResult): Promise<void> {
  const total = json.artifacts.reduce((sum, a) => sum + (a.layer?.size ?? 0), 0);
  await writeSummary(
    actions.summary
      .addHeading('ocikit release', 3)
      .addTable([header('Index', 'Tags'), [code(json.reference), json.tags.map(code).join(' ') || '(none: by digest)']])
      .addTable([
        header('Platform', 'File', 'Size', 'File digest', 'Artifact', 'Outcome'),
        ...json.artifacts.slice(0, MAX_ROWS).map((a, i) => [
          code(a.platform),
          code(a.file),
          formatBytes(a.layer?.size ?? 0),
          code(a.layer?.digest ?? ''),
          code(a.digest),
          result.artifacts[i]?.result.layers[0]?.outcome ?? '',
        ]),
      ])
      .addRaw(`${json.artifacts.length} platform(s), ${formatBytes(total)}`, true),
  );
}
