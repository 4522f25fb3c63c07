#!/usr/bin/env node
// The discover benchmark (issue 4): `ocikit discover` of a subject with 200
// referrers over 3 levels (10 → 40 → 150), through the BUILT CLI, counting the
// HTTP requests it makes and the time it takes, against the minimum the
// protocol allows. Run: npm run build && npm run bench -- discover
//
// Three stores hold the same graph:
//   - Debian's distribution 2.8 (no referrers API): the sha256-<hex> tag schema;
//   - olareg (the referrers API, OCI-Subject sent, whole lists up to 4 MiB a page);
//   - an OCI layout (no HTTP at all).
// Each registry sits behind a pass-through proxy that records the requests
// (test/harness/fault-proxy.ts with no rules).
// The protocol's minimum, either way, is one request to resolve the tag and one
// referrers list per node (every node, leaves included: only asking tells that
// a node has none): 1 + 201 = 202. ocikit's default adds one tag list (cosign's
// legacy .sig/.att/.sbom tags) and, on a registry without the API, one probe of
// the API; `--no-legacy --referrers-mode tag` is measured too.
//
// Each figure is the median of RUNS runs (OCIKIT_BENCH_RUNS, default 5); the
// startup of `ocikit --version` is measured alongside so the walk itself can be
// told apart. A benchmark reports, it does not gate: exit code 0 whatever the figures.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './child-process.mjs';

const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 5);
const SHAPE = [10, 4, 3.75]; // referrers per node at each level: 10, 40, 150
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/cli/bin/ocikit.js');

if (!existsSync(join(ROOT, 'packages/cli/bundle/main.js')) || !existsSync(join(ROOT, 'packages/core/dist/index.js'))) {
  console.error('error: ocikit is not built\n  hint: npm run build && npm run bench -- discover');
  process.exit(1);
}
const core = await import('../packages/core/dist/index.js');
const { startRegistry } = await import('../test/harness/registry-process.ts');
const { startApiRegistry } = await import('../test/harness/api-registry-process.ts');
const { startFaultProxy } = await import('../test/harness/fault-proxy.ts');

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const work = await mkdtemp(join(tmpdir(), 'ocikit-bench-discover-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const registry = await startRegistry();
const apiRegistry = await startApiRegistry('olareg');
const counting = await startFaultProxy(registry.url);
const api = await startFaultProxy(apiRegistry.url);
try {
  log(`${cpus().length} CPUs; ${RUNS} runs per figure, medians reported`);
  const graphs = {};
  for (const [name, host, repository] of [
    ['tag schema (distribution 2.8)', counting.host, 'bench/fallback'],
    ['referrers API (olareg)', api.host, 'bench/api'],
  ]) {
    const target = new core.RemoteRepository({ registry: host, repository }, { referrersSettleMs: 0 });
    const started = Date.now();
    graphs[name] = await buildGraph(target);
    log(`${name}: built ${graphs[name].count} referrers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await target.close();
  }
  const layoutDir = join(work, 'layout');
  const layout = await core.OciLayoutStore.open(layoutDir, { create: true });
  await core.copyGraph(new core.RemoteRepository({ registry: counting.host, repository: 'bench/fallback' }), 'v1', layout, 'v1', { referrers: true });

  const startup = await median(async () => (await timed(process.execPath, [CLI, '--version'])).ms);
  const rows = [];
  const measure = async (label, proxy, args, minimum) => {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const before = proxy ? proxy.requests.length : 0;
      const result = await timed(process.execPath, [CLI, 'discover', ...args, '-o', 'json']);
      if (result.code !== 0) throw new Error(`ocikit discover ${args.join(' ')} failed:\n${result.stderr}`);
      const found = countNodes(JSON.parse(result.stdout).referrers);
      if (found !== 200) throw new Error(`${label}: discover found ${found} referrers, not 200`);
      const requests = proxy ? proxy.requests.slice(before) : [];
      samples.push({ ms: result.ms, requests: requests.length, byKind: kinds(requests) });
    }
    samples.sort((a, b) => a.ms - b.ms);
    const mid = samples[Math.floor(samples.length / 2)];
    rows.push({ label, requests: mid.requests, minimum, ms: mid.ms, walkMs: Math.max(0, mid.ms - startup), byKind: mid.byKind });
  };
  await measure('tag schema, default (auto, legacy tags)', counting, [`${counting.host}/bench/fallback:v1`], 202);
  await measure('tag schema, --referrers-mode tag --no-legacy', counting, [`${counting.host}/bench/fallback:v1`, '--referrers-mode', 'tag', '--no-legacy'], 202);
  await measure('referrers API, default (auto, legacy tags)', api, [`${api.host}/bench/api:v1`], 202);
  await measure('referrers API, --referrers-mode api --no-legacy', api, [`${api.host}/bench/api:v1`, '--referrers-mode', 'api', '--no-legacy'], 202);
  await measure('OCI layout', undefined, [`oci-layout:${layoutDir}:v1`], 0);

  console.log(`\ndiscover of 1 subject + 200 referrers over 3 levels (10/40/150); medians of ${RUNS}; process startup (ocikit --version) ${startup} ms\n`);
  console.log('| store and options | HTTP requests | protocol minimum | wall time | minus startup | requests by kind |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    const byKind = Object.entries(row.byKind).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
    console.log(`| ${row.label} | ${row.requests} | ${row.minimum} | ${row.ms} ms | ${row.walkMs} ms | ${byKind} |`);
  }
  console.log(`\n${JSON.stringify({ benchmark: 'discover', runs: RUNS, startupMs: startup, rows })}`);
} catch (error) {
  console.error(`error: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await api.stop();
  await counting.stop();
  await apiRegistry.stop();
  await registry.stop();
}

/** Subject v1 and 200 small referrers over 3 levels, pushed with core (the index updates of one subject batched). */
async function buildGraph(target) {
  const dir = await mkdtemp(join(work, 'files-'));
  await writeFile(join(dir, 'app.txt'), 'the app\n');
  const subject = (await core.pushArtifact(target, { files: [{ path: join(dir, 'app.txt') }], tags: ['v1'], artifactType: 'application/vnd.example.app.v1' })).descriptor;
  let level = [subject];
  let count = 0;
  let serial = 0;
  for (const perNode of SHAPE) {
    const next = [];
    const total = Math.round(level.length * perNode);
    const jobs = [];
    for (let i = 0; i < total; i++) {
      const parent = level[i % level.length];
      const n = serial++;
      jobs.push(async () => {
        const path = join(dir, `r${n}.sarif`);
        await writeFile(path, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: `scanner-${n}` } }, results: [] }] }));
        const pushed = await core.pushArtifact(target, { files: [{ path }], tags: [], artifactType: n % 3 ? 'application/sarif+json' : 'application/vnd.dev.sigstore.bundle.v0.3+json', subject: { mediaType: parent.mediaType, digest: parent.digest, size: parent.size } });
        next.push(pushed.descriptor);
      });
    }
    await runConcurrently(jobs, 16);
    count += total;
    level = next;
  }
  return { subject, count };
}

async function runConcurrently(jobs, limit) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < jobs.length) await jobs[next++]();
  }));
}

function countNodes(nodes) {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.referrers), 0);
}

function kinds(requests) {
  const out = {};
  for (const r of requests) {
    const kind = r.path.includes('/referrers/') ? 'referrers API' : /\/manifests\/sha256-/.test(r.path) ? 'tag-schema GET' : r.path.includes('/tags/list') ? 'tag list' : `${r.method} manifest`;
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

async function median(fn) {
  const values = [];
  for (let i = 0; i < RUNS; i++) values.push(await fn());
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/** Runs a command to completion (its exit code is the caller's to judge), with its wall time in ms. */
async function timed(command, args) {
  const started = process.hrtime.bigint();
  const result = await run(command, args, { env: process.env });
  return { ...result, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
}
