#!/usr/bin/env node
// Start-up of the BUILT CLI: `ocikit --version`, `ocikit push --help`, a push of a 6-byte
// file to an OCI layout (no network), and `ocikit resolve` of a tag on a loopback
// docker-registry (one request: what loading undici adds), each RUNS times; medians of
// wall time, CPU time (user + system) and peak RSS (GNU time's %M). Run:
//   npm run build && npm run bench -- startup
// OCIKIT_BENCH_CLI=<a build's packages/cli/bin/ocikit.js>[:<another>...] measures those
// builds instead, round-robin in the same minutes (to compare two revisions).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAS_GNU_TIME, timed } from './child-process.mjs';

const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 9);
const CLIS = (process.env.OCIKIT_BENCH_CLI ?? fileURLToPath(new URL('../packages/cli/bin/ocikit.js', import.meta.url))).split(':');
if (!HAS_GNU_TIME) {
  console.error('error: GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time');
  process.exit(1);
}
for (const cli of CLIS) {
  if (!existsSync(join(cli, '..', '..', 'bundle', 'main.js'))) {
    console.error(`error: ${cli} is not built\n  hint: npm run build && npm run bench -- startup`);
    process.exit(1);
  }
}
const { startRegistry } = await import('../test/harness/registry-process.ts');

const work = mkdtempSync(join(tmpdir(), 'ocikit-bench-startup-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, 'tiny.txt'), 'hello\n');
const registry = await startRegistry();

/** One run of `cli` with `args` in the work dir: wall s, CPU s, peak RSS MiB. */
async function measure(cli, args) {
  const { seconds, cpu, rssKiB } = await timed(process.execPath, [cli, ...args], { cwd: work });
  return { wall: seconds, cpu, rss: rssKiB / 1024 };
}

const tiny = `${registry.host}/bench/tiny:v1`;
const cases = {
  'ocikit --version': ['--version'],
  'ocikit push --help': ['push', '--help'],
  'push to an OCI layout': ['push', `oci-layout:${join(work, 'layout')}:v1`, 'tiny.txt'],
  'resolve a tag on a registry': ['resolve', tiny],
};
const median = (values) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1];
const rows = [];
const loadAtStart = loadavg()[0];
try {
  await measure(CLIS[0], ['push', tiny, 'tiny.txt']);
  for (const [name, args] of Object.entries(cases)) {
    const runs = CLIS.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      for (const [c, cli] of CLIS.entries()) {
        rmSync(join(work, 'layout'), { recursive: true, force: true });
        runs[c].push(await measure(cli, args));
      }
    }
    for (const [c, measured] of runs.entries()) {
      const label = CLIS.length > 1 ? `${name} [${c + 1}]` : name;
      rows.push([label, median(measured.map((r) => r.wall)).toFixed(2), median(measured.map((r) => r.cpu)).toFixed(2), median(measured.map((r) => r.rss)).toFixed(0)]);
    }
  }
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
} finally {
  await registry.stop();
}
if (process.exitCode) process.exit();
const header = ['command', 'wall s', 'CPU s', 'peak RSS MiB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`ocikit start-up: ${CLIS.map((cli, c) => (CLIS.length > 1 ? `[${c + 1}] ${cli}` : cli)).join(', ')}\nmedian of ${RUNS} runs; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end\n`);
console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
