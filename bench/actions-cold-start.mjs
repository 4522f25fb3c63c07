#!/usr/bin/env node
// Cold start of each bundled GitHub action: from `node <action>/action.js`
// (as the runner starts it, INPUT_* variables and GITHUB_* files set) to the first
// request that reaches the registry. The "registry" is a stub HTTP server on
// loopback that notes when the first request arrives and answers 404, so what is
// measured is loading the bundle and reading the inputs, not the transfer. A bare
// `node` that sends one request is the baseline: the difference is the action's own.
// Also prints the size of the one bundle they share. Reports, never gates (exit 0 unless it cannot run).
//
//   npm run build:actions && npm run bench:actions      (OCIKIT_BENCH_RUNS=n, default 15)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 15);
/** The performance issue's target: an action's cold start within 1.5× of a bare node start that sends one request. */
const TARGET_RATIO = 1.5;
const ACTIONS = [
  { name: 'push', dir: ROOT, inputs: (ref) => ({ reference: ref, files: 'payload.txt' }) },
  { name: 'pull', dir: join(ROOT, 'actions', 'pull'), inputs: (ref) => ({ reference: ref, path: 'out' }) },
  { name: 'attach', dir: join(ROOT, 'actions', 'attach'), inputs: (ref) => ({ subject: ref, files: 'payload.txt:text/plain', 'artifact-type': 'application/vnd.example.notes' }) },
  { name: 'discover', dir: join(ROOT, 'actions', 'discover'), inputs: (ref) => ({ reference: ref }) },
  { name: 'copy', dir: join(ROOT, 'actions', 'copy'), inputs: (ref) => ({ source: ref, destination: `${ref}-copy` }) },
  { name: 'index', dir: join(ROOT, 'actions', 'index'), inputs: (ref) => ({ reference: `${ref}-index`, sources: ref }) },
  { name: 'recompress', dir: join(ROOT, 'actions', 'recompress'), inputs: (ref) => ({ source: ref }) },
  { name: 'release', dir: join(ROOT, 'actions', 'release'), inputs: (ref) => ({ reference: ref, files: 'payload.txt=linux/amd64' }) },
  { name: 'setup', dir: join(ROOT, 'actions', 'setup'), inputs: (ref) => ({ reference: ref, name: 'payload.txt' }) },
];

/** A stub registry: resolves `firstRequest` with the time the first request arrived. */
async function stubRegistry() {
  let waiting;
  const server = createServer((request, response) => {
    const now = performance.now();
    waiting?.(now);
    waiting = undefined;
    request.resume();
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NAME_UNKNOWN","message":"bench"}]}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${server.address().port}`,
    nextRequest: () => new Promise((resolve) => (waiting = resolve)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function runOnce(args, env, cwd, registry) {
  return new Promise((resolve, reject) => {
    const first = registry.nextRequest();
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, cwd, stdio: 'ignore' });
    let firstAt;
    first.then((at) => (firstAt = at));
    child.on('error', reject);
    child.on('close', async (code) => {
      await Promise.race([first, new Promise((r) => setTimeout(r, 50))]);
      // An action that fails on its inputs before any request is reported with its exit code, not fatal.
      resolve(firstAt === undefined ? { failed: code } : firstAt - started);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`.padStart(7);
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The JavaScript every action shares: dist/*.js (the main file and the chunks it loads on demand). */
function bundleSize(distDir) {
  return readdirSync(distDir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(distDir, f)).size, 0);
}

for (const action of ACTIONS) {
  if (!existsSync(join(ROOT, 'dist', 'actions.js')) || !existsSync(join(action.dir, 'action.js'))) {
    console.error(`error: ${join(action.dir, 'action.js')} or dist/actions.js is missing\n  hint: npm run build:actions`);
    process.exit(1);
  }
}

const registry = await stubRegistry();
const work = mkdtempSync(join(tmpdir(), 'ocikit-bench-actions-'));
try {
  writeFileSync(join(work, 'payload.txt'), 'cold start\n');
  const reference = `${registry.host}/bench/cold:v1`;
  const baseEnv = { PATH: process.env.PATH, HOME: work, CI: 'true', GITHUB_ACTIONS: 'true' };
  // What a runner provides: the setup action installs into the tool cache and downloads to the temp dir.
  for (const dir of ['tool-cache', 'runner-temp']) mkdirSync(join(work, dir));
  const stepEnv = (inputs) => {
    const env = {
      ...baseEnv,
      GITHUB_OUTPUT: join(work, 'output'),
      GITHUB_STEP_SUMMARY: join(work, 'summary'),
      RUNNER_TOOL_CACHE: join(work, 'tool-cache'),
      RUNNER_TEMP: join(work, 'runner-temp'),
    };
    for (const file of ['output', 'summary']) writeFileSync(join(work, file), '');
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    return env;
  };

  const baselineScript = `fetch('http://${registry.host}/v2/').then((r) => r.arrayBuffer(), () => {})`;
  const baseline = [];
  for (let i = 0; i < RUNS; i++) baseline.push(await runOnce(['-e', baselineScript], baseEnv, work, registry));
  const base = median(baseline);

  console.log(`Cold start to first registry request, median of ${RUNS} (node ${process.version})`);
  console.log(`  baseline: bare node + fetch    ${ms(base)}`);
  for (const action of ACTIONS) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(await runOnce([join(action.dir, 'action.js')], stepEnv(action.inputs(reference)), work, registry));
    }
    const failed = times.find((t) => typeof t === 'object');
    if (failed) {
      console.log(`  ${action.name.padEnd(10)} failed before any request (exit code ${failed.failed}): check its inputs in ACTIONS`);
      continue;
    }
    const m = median(times);
    console.log(
      `  ${action.name.padEnd(10)} ${ms(m)}  (+${ms(m - base).trim()} over baseline, ${(m / base).toFixed(2)}× it, target ≤ ${TARGET_RATIO}×: ${m / base <= TARGET_RATIO ? 'met' : 'missed'}; min ${ms(Math.min(...times)).trim()})`,
    );
  }
  console.log(`  the one bundle every action runs (dist/*.js): ${kib(bundleSize(join(ROOT, 'dist')))}`);
} finally {
  await registry.close();
  await rm(work, { recursive: true, force: true });
}
