/** setup's and install's job summary: which binary, which version, for which platform, from where, and whether the tool cache had it. */
import * as actions from '@actions/core';
import { code, formatBytes, header, writeSummary } from '../summary.js';
import type { InstallRecord } from '../setup/install-record.js';

export async function writeSetupSummary(heading: string, reference: string, version: string, dir: string, record: InstallRecord, cacheHit: boolean): Promise<void> {
  await writeSummary(
    actions.summary
      .addHeading(heading, 3)
      .addTable([
        header('Binary', 'Version', 'Platform', 'Size', 'File digest', 'From'),
        [code(record.file), code(version), code(record.platform), formatBytes(record.size), code(record.fileDigest), code(reference)],
      ])
      .addRaw(
        cacheHit
          ? `Found in the tool cache at ${code(dir)} (file digest checked); nothing was downloaded.`
          : `Pulled and verified, installed in the tool cache at ${code(dir)} and added to PATH.`,
        true,
      ),
  );
}
