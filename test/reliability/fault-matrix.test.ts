// The fault matrix in the suite, on 8 MiB (four 2 MiB PATCH chunks per big blob)
// and a sample of k for the status faults; bench/fault-matrix.mjs runs it on 256 MiB
// with every k. See fault-matrix.ts for what each run checks.
import { expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { OcikitError } from '../../packages/core/src/errors.js';
import { isIndex, parseManifest } from '../../packages/core/src/oci/manifest.js';
import { pullArtifact } from '../../packages/core/src/artifact/pull-artifact.js';
import { pushArtifact } from '../../packages/core/src/artifact/push-artifact.js';
import { assembleIndex } from '../../packages/core/src/platform-index/assemble-index.js';
import { attachArtifact } from '../../packages/core/src/referrers/attach.js';
import { RemoteRepository } from '../../packages/core/src/registry/remote-repository.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { startRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { matrixSummary, renderMatrixTable, runFaultMatrix } from './fault-matrix.js';
import { MiB } from './support.js';

test('every fault × (push, pull, attach, index create): the right content by digest, or a clear error; never a corrupt blob, a partial file or a dangling manifest', async () => {
  const lines: string[] = [];
  const result = await runFaultMatrix(
    {
      core: { RemoteRepository, pushArtifact, pullArtifact, attachArtifact, assembleIndex, OcikitError, parseManifest, isIndex },
      startRegistry: () => startRegistry(),
      startFaultProxy: (upstream) => startFaultProxy(upstream),
    },
    { size: 8 * MiB, chunkSize: 2 * MiB, kSweep: 'sample', prune: true, workDir: makeTempDir('ocikit-matrix-'), log: (line) => lines.push(line) },
  );
  const table = renderMatrixTable(result);
  const report = `${table}\n\n${matrixSummary(result)}\n\n${lines.join('\n')}`;
  // OCIKIT_MATRIX_REPORT=<file> keeps the table and the run log for a look (the README's table comes from the bench).
  if (process.env.OCIKIT_MATRIX_REPORT) writeFileSync(process.env.OCIKIT_MATRIX_REPORT, `${report}\n`);
  const wrong = result.records.filter((r) => r.outcome === 'WRONG' || r.problem);
  expect({ wrong: wrong.map((r) => `${r.operation} / ${r.fault} [${r.label}]: ${r.problem}`), report }).toEqual({ wrong: [], report });
  expect(result.corruptBlobs).toEqual([]);
  expect(result.storedBlobsChecked).toBeGreaterThan(20);
  // A fault that happens once is always recovered from; one that never stops always ends in a clear error.
  for (const record of result.records) {
    if (record.fault.startsWith('always:')) {
      if (record.hit) expect([record.fault, record.operation, record.outcome]).toEqual([record.fault, record.operation, 'clear error']);
    } else {
      expect([record.fault, record.operation, record.label, record.outcome, record.message]).toEqual([record.fault, record.operation, record.label, 'verified', undefined]);
    }
  }
  // The faults reached what they were aimed at: uploads resumed and restarted, downloads resumed by Range.
  const actions = new Set(result.records.flatMap((r) => r.recoveries.map((x) => x.action)));
  expect([...actions].sort()).toEqual(['landed', 'restart', 'resume']);
  expect(result.records.some((r) => r.operation === 'pull' && r.rangeResumes > 0)).toBe(true);
}, 600_000);
