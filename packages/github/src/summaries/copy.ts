/** copy's job summary: from where to where, the counts, and every blob and manifest that moved with its size. */
import * as actions from '@actions/core';
import type { CopyResultJson } from '@ocikit/core';
import { type Transfer, addTransfers, code, formatBytes, header, writeSummary } from '../summary.js';

export async function writeCopySummary(json: CopyResultJson, transfers: readonly Transfer[]): Promise<void> {
  const { blobs, manifests, referrers } = json;
  await writeSummary(
    addTransfers(
      actions.summary
        .addHeading('ocikit copy', 3)
        .addTable([
          header('Source', 'Destination', 'Media type'),
          [code(json.source), code(json.destination), code(json.mediaType)],
        ])
        .addTable([
          header('Blobs copied', 'Blobs mounted', 'Blobs present', 'Manifests copied', 'Manifests present', 'Bytes sent', ...(referrers ? ['Referrers copied', 'Referrers present'] : [])),
          [
            String(blobs.copied),
            String(blobs.mounted),
            String(blobs.skipped),
            String(manifests.copied),
            String(manifests.skipped),
            formatBytes(json.bytes),
            ...(referrers ? [String(referrers.copied), String(referrers.skipped)] : []),
          ],
        ]),
      transfers,
    ),
  );
}
