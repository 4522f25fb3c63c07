#!/usr/bin/env node
// Start-up of the BUILT CLI: `ocikit --version`, `ocikit push --help`, and a push of a
// 6-byte file to an OCI layout (no registry, so no network), each RUNS times; medians of
// wall time, CPU time (user + system) and peak RSS (GNU time's %M). Run:
//   npm run build && npm run bench -- startup
// OCIKIT_BENCH_CLI=<path to another build's packages/cli/bin/ocikit.js> measures that
// build instead (to compare two revisions on the same machine in the same minutes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 9);
const CLI = process.env.OCIKIT_BENCH_CLI ?? fileURLToPath(new URL('../packages/cli/bin/ocikit.js', import.meta.url));
const GNU_TIME = '/usr/bin/time';
if (!existsSync(GNU_TIME)) {
  console.error('error: GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time');
  process.exit(1);
}
if (!existsSync(join(CLI, '..', '..', 'dist', 'main.js'))) {
  console.error(`error: ${CLI} is not built\n  hint: npm run build && npm run bench -- startup`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'ocikit-bench-startup-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, 'tiny.txt'), 'hello\n');
const cases = {
  'ocikit --version': ['--version'],
  'ocikit push --help': ['push', '--help'],
  'push to an OCI layout': ['push', `oci-layout:${join(work, 'layout')}:v1`, 'tiny.txt'],
};
const median = (values) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1];
const rows = [];
const loadAtStart = loadavg()[0];
for (const [name, args] of Object.entries(cases)) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(join(work, 'layout'), { recursive: true, force: true });
    const timing = join(work, 'time');
    const result = spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', timing, process.execPath, CLI, ...args], {
      cwd: work,
      env: { ...process.env, CI: '1' },
    });
    if (result.status !== 0) {
      console.error(`error: ${name} failed:\n${result.stderr}`);
      process.exit(1);
    }
    const [wall, user, system, rssKiB] = readFileSync(timing, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    runs.push({ wall, cpu: user + system, rss: rssKiB / 1024 });
  }
  rows.push([name, median(runs.map((r) => r.wall)).toFixed(2), median(runs.map((r) => r.cpu)).toFixed(2), median(runs.map((r) => r.rss)).toFixed(0)]);
}
const header = ['command', 'wall s', 'CPU s', 'peak RSS MiB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`ocikit start-up: ${CLI}\nmedian of ${RUNS} runs; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end\n`);
console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
