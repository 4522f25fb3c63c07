#!/usr/bin/env node
// The fault matrix on 256 MiB (issue 10): every fault × (push, pull, attach, index
// create) against a loopback docker-registry (distribution 2.8.2) behind the
// fault-injecting proxy, 5xx on every k-th request, ending in the right content
// verified by digest or a clear error. Prints the Markdown table for the README.
// Run: npm run build && npm run bench -- fault-matrix
//   OCIKIT_MATRIX_MIB=<n> for another size (default 256), OCIKIT_MATRIX_CHUNK_MIB (default 32),
//   OCIKIT_MATRIX_SWEEP=sample for fewer k, OCIKIT_MATRIX_ONLY=<text> for the faults whose name has it.
// The suite runs the same matrix (test/reliability/fault-matrix.ts) on 8 MiB.
// A benchmark reports, it does not gate: exit code 0 whatever the figures.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(ROOT, 'packages/core/dist/index.js'))) {
  console.error('error: ocikit is not built\n  hint: npm run build && npm run bench -- fault-matrix');
  process.exit(1);
}
const core = await import('../packages/core/dist/index.js');
const { startRegistry } = await import('../test/harness/registry-process.ts');
const { startFaultProxy } = await import('../test/harness/fault-proxy.ts');
const { matrixSummary, renderMatrixTable, runFaultMatrix } = await import('../test/reliability/fault-matrix.ts');

const MiB = 1024 * 1024;
const size = Number(process.env.OCIKIT_MATRIX_MIB ?? 256) * MiB;
const chunkSize = Number(process.env.OCIKIT_MATRIX_CHUNK_MIB ?? 32) * MiB;
const kSweep = process.env.OCIKIT_MATRIX_SWEEP === 'sample' ? 'sample' : 'all';
const log = (line) => process.stderr.write(`[matrix] ${line}\n`);
log(`${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; ${size / MiB} MiB, ${chunkSize / MiB} MiB chunks, k: ${kSweep}`);
const started = Date.now();
const result = await runFaultMatrix(
  { core, startRegistry, startFaultProxy },
  { size, chunkSize, kSweep, log, prune: true, ...(process.env.OCIKIT_MATRIX_ONLY ? { only: process.env.OCIKIT_MATRIX_ONLY } : {}) },
);
console.log(renderMatrixTable(result));
console.log(`\n${matrixSummary(result)}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
const wrong = result.records.filter((r) => r.outcome === 'WRONG' || r.problem);
for (const r of wrong) console.log(`WRONG: ${r.operation} / ${r.fault} [${r.label}]: ${r.problem}`);
