/** helm's job summary: the chart, its version, where it went or came from, with sizes. */
import * as actions from '@actions/core';
import type { Descriptor, HelmPullResultJson, HelmPushResultJson } from '@ocikit/core';
import { code, formatBytes, header, writeSummary } from '../summary.js';

const row = (what: string, d: Descriptor): string[] => [what, code(d.mediaType), formatBytes(d.size), code(d.digest)];

export async function writeHelmPushSummary(json: HelmPushResultJson): Promise<void> {
  await writeSummary(
    actions.summary
      .addHeading('ocikit helm push', 3)
      .addTable([header('Chart', 'Version', 'Reference'), [code(json.name), code(json.version), code(json.reference)]])
      .addTable([
        header('Blob', 'Media type', 'Size', 'Digest'),
        row('chart', json.chart),
        ...(json.provenance ? [row('provenance', json.provenance)] : []),
        row('config (Chart.yaml)', json.config),
      ]),
  );
}

export async function writeHelmPullSummary(json: HelmPullResultJson): Promise<void> {
  await writeSummary(
    actions.summary
      .addHeading('ocikit helm pull', 3)
      .addTable([
        header('Chart', 'Version', 'Reference', 'Written'),
        [code(json.name), code(json.version), code(json.reference), [json.path, json.provenance].filter(Boolean).map((p) => code(p!)).join(' ')],
      ]),
  );
}
