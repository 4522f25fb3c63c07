#!/usr/bin/env node
// The soak benchmark (issue 10): 500 pushes and 500 attaches, 4 at a time, in one
// process against a loopback docker-registry (distribution 2.8.2) behind a
// pass-through proxy that counts TCP connections; RSS after forced GC, open file
// descriptors (/proc/self/fd) and temp directories are sampled as it goes.
// Run: npm run build && npm run bench -- soak   (OCIKIT_SOAK_OPERATIONS=<n> for another count)
// The suite runs the same soak (test/reliability/soak.ts) with 50 operations.
// A benchmark reports, it does not gate: exit code 0 whatever the figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (typeof globalThis.gc !== 'function') {
  // RSS figures mean something only after a collection: run again with --expose-gc.
  const again = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
if (!existsSync(join(ROOT, 'packages/core/dist/index.js'))) {
  console.error('error: ocikit is not built\n  hint: npm run build && npm run bench -- soak');
  process.exit(1);
}
const core = await import('../packages/core/dist/index.js');
const { startRegistry } = await import('../test/harness/registry-process.ts');
const { startFaultProxy } = await import('../test/harness/fault-proxy.ts');
const { runSoak, soakSummary } = await import('../test/reliability/soak.ts');

const operations = Number(process.env.OCIKIT_SOAK_OPERATIONS ?? 500);
const concurrency = 4;
const log = (line) => process.stderr.write(`[soak] ${line}\n`);
log(`${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; ${operations} push+attach pairs, ${concurrency} at a time, 256 KiB files`);
const result = await runSoak({ core, startRegistry, startFaultProxy, gc: globalThis.gc }, { operations, concurrency, fileSize: 256 * 1024, log });
console.log('\n| soak | |\n| --- | --- |');
console.log(soakSummary(result, concurrency));
const verdicts = [
  ['connections reused (≤ 8 × concurrency)', result.connections <= 8 * concurrency],
  ['no descriptor leak (after close ≤ before + 1; the peak is the pool plus the registry child)', result.fds.afterClose <= result.fds.before + 1],
  ['no temp directory left', result.leftoverTemp.length === 0],
  ['RSS flat (growth over the second half < 5%)', result.rss.lateGrowthMiB < result.rss.endMiB * 0.05],
];
console.log('');
for (const [what, ok] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
