#!/usr/bin/env node
// ocikit beside the peers users would run instead: oras and crane, on the same
// loopback registry (Debian's docker-registry) and the same 1 GiB file, whole
// processes timed. Run: npm run build && bash .ci/install-peers && npm run bench -- peers
//
//   push          ocikit push <ref> <file>        | oras push <ref> <file>       | crane push <layout> <ref>
//   pull          ocikit pull <ref> -o <dir>      | oras pull <ref> -o <dir>     | crane pull --format oci <ref> <dir>
//   copy (repos)  ocikit copy <a> <b>, one registry: blobs mounted | oras cp | crane copy
//   copy (regs)   the same between two registries: every byte streamed through the tool
//
// crane pushes images, not files: its push reads an OCI layout whose one layer is the
// same file (built untimed beforehand, so crane skips the hashing that ocikit and oras
// do before they upload). Targets (issue 17): ocikit's push and pull no slower than
// either peer (ratio ≤ 1.00). Rounds run the tools in turn so the machine's drift falls
// on all of them; every measurement gets fresh registries, so nothing is deduplicated.
// A benchmark reports, it does not gate: exit 0 whatever the figures.
//
// Environment: OCIKIT_BENCH_RUNS (default 3), OCIKIT_BENCH_MIB (default 1024).
import { existsSync, rmSync } from 'node:fs';
import { link, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timed } from './child-process.mjs';
import { MiB, label, median, randomFile, sha256, table, writeBlob } from './figures.mjs';

const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 3);
const SIZE = Number(process.env.OCIKIT_BENCH_MIB ?? 1024) * MiB;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/cli/bin/ocikit.js');
const TOOLS = ['ocikit', 'oras', 'crane'];

if (!existsSync(join(ROOT, 'packages/cli/bundle/main.js'))) {
  console.error('error: the CLI is not built\n  hint: npm run build && npm run bench -- peers');
  process.exit(1);
}
// The jest-free half of the test harness (plain node strips its types).
const { startRegistry } = await import('../test/harness/registry-process.ts');
const { PEERS_BIN, peerEnv, peerPins, installedVersion } = await import('../test/harness/peer-tools.ts');
const versions = Object.fromEntries(peerPins().map((pin) => [pin.name, installedVersion(pin)]));
for (const tool of ['oras', 'crane']) {
  if (!versions[tool]) {
    console.error(`error: ${tool} is not installed in ${PEERS_BIN}\n  hint: bash .ci/install-peers`);
    process.exit(1);
  }
}

const work = await mkdtemp(join(tmpdir(), 'ocikit-bench-peers-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const home = join(work, 'home');
await mkdir(home);
const env = { ...peerEnv(home), CI: '1' };
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const results = {}; // `${operation} ${tool}` -> [seconds]
const loadAtStart = loadavg()[0];

try {
  const file = join(work, 'payload.bin');
  log(`writing ${label(SIZE)} of random bytes; ${cpus().length} CPUs; ${RUNS} rounds, tools in turn`);
  await randomFile(file, SIZE);
  const digest = await sha256(file);
  const layout = await craneLayout(file, digest);
  for (let round = 1; round <= RUNS; round++) {
    log(`round ${round}/${RUNS}`);
    for (const tool of rotate(TOOLS, round)) await measurePush(tool, file, layout, digest);
    await withRegistries(2, async ([source, other]) => {
      await timed(process.execPath, [CLI, 'push', `${source.host}/bench/src:v1`, 'payload.bin'], { cwd: work, env });
      for (const tool of rotate(TOOLS, round)) await measurePull(tool, `${source.host}/bench/src:v1`, digest);
      for (const tool of rotate(TOOLS, round)) {
        await measureCopy('copy (repos)', tool, `${source.host}/bench/src:v1`, `${source.host}/bench/${tool}-${round}:v1`);
        await measureCopy('copy (regs)', tool, `${source.host}/bench/src:v1`, `${other.host}/bench/${tool}-${round}:v1`);
      }
    });
  }
  report();
} catch (error) {
  console.error(`benchmark failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
}

async function measurePush(tool, file, layout, digest) {
  await withRegistries(1, async ([registry]) => {
    const ref = `${registry.host}/bench/push:v1`;
    const command = {
      ocikit: [process.execPath, [CLI, 'push', ref, 'payload.bin']],
      oras: ['oras', ['push', '--plain-http', ref, 'payload.bin']],
      crane: ['crane', ['push', '--insecure', layout, ref]],
    }[tool];
    record('push', tool, await timed(command[0], command[1], { cwd: work, env }));
    await expectBlob(registry, 'bench/push', digest);
  });
}

async function measurePull(tool, ref, digest) {
  const out = join(work, `pull-${tool}`);
  const command = {
    ocikit: [process.execPath, [CLI, 'pull', ref, '-o', out]],
    oras: ['oras', ['pull', '--plain-http', ref, '-o', out]],
    crane: ['crane', ['pull', '--insecure', '--format', 'oci', ref, out]],
  }[tool];
  record('pull', tool, await timed(command[0], command[1], { cwd: work, env }));
  const written = tool === 'crane' ? join(out, 'blobs', 'sha256', digest.slice(7)) : join(out, 'payload.bin');
  if ((await sha256(written)) !== digest) throw new Error(`${tool} pull did not write ${digest} to ${written}`);
  await rm(out, { recursive: true, force: true });
}

async function measureCopy(operation, tool, from, to) {
  const command = {
    ocikit: [process.execPath, [CLI, 'copy', from, to]],
    oras: ['oras', ['cp', '--from-plain-http', '--to-plain-http', from, to]],
    crane: ['crane', ['copy', '--insecure', from, to]],
  }[tool];
  record(operation, tool, await timed(command[0], command[1], { cwd: work, env }));
}

/** An OCI layout holding an image whose one layer is the file (hard-linked, not copied): what crane push reads. */
async function craneLayout(file, digest) {
  const layout = join(work, 'crane-layout');
  await mkdir(join(layout, 'blobs', 'sha256'), { recursive: true });
  await link(file, join(layout, 'blobs', 'sha256', digest.slice(7)));
  const size = (await stat(file)).size;
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digest] } });
  const configDigest = await writeBlob(layout, config);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: Buffer.byteLength(config) },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size }],
  });
  const manifestDigest = await writeBlob(layout, manifest);
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(layout, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: Buffer.byteLength(manifest) }],
  }));
  return layout;
}

async function expectBlob(registry, repository, digest) {
  const head = await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD' });
  if (head.status !== 200 || head.headers.get('content-length') !== String(SIZE)) throw new Error(`the push left no ${digest} in ${repository} (HEAD: ${head.status})`);
}

async function withRegistries(count, fn) {
  const registries = [];
  try {
    for (let i = 0; i < count; i++) registries.push(await startRegistry());
    return await fn(registries);
  } finally {
    await Promise.all(registries.map((r) => r.stop()));
  }
}

function rotate(list, round) {
  const shift = round % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

function record(operation, tool, measurement) {
  (results[`${operation} ${tool}`] ??= []).push(measurement);
  log(`  ${operation} ${tool}: ${measurement.seconds.toFixed(2)} s, cpu ${measurement.cpu?.toFixed(2) ?? '?'} s, peak RSS ${(measurement.rssKiB / 1024).toFixed(0)} MiB`);
}

function report() {
  const m = (key, field) => median((results[key] ?? []).map((r) => (field === 'rss' ? r.rssKiB / 1024 : r[field])));
  const rows = [];
  const missed = [];
  for (const operation of ['push', 'pull', 'copy (repos)', 'copy (regs)']) {
    for (const tool of TOOLS) {
      const key = `${operation} ${tool}`;
      const seconds = m(key, 'seconds');
      const ratios = tool === 'ocikit' ? '' : `ocikit ${(m(`${operation} ocikit`, 'seconds') / seconds).toFixed(2)}×`;
      rows.push([operation, tool, seconds.toFixed(2), m(key, 'cpu').toFixed(2), m(key, 'rss').toFixed(0), results[key].map((r) => r.seconds.toFixed(2)).join(' '), ratios]);
      if (tool !== 'ocikit' && (operation === 'push' || operation === 'pull') && m(`${operation} ocikit`, 'seconds') > seconds) {
        missed.push(`${operation}: ocikit ${(m(`${operation} ocikit`, 'seconds') / seconds).toFixed(2)}× ${tool} (target ≤ 1.00)`);
      }
    }
  }
  console.log([
    '',
    `ocikit beside oras ${versions.oras} and crane ${versions.crane}: ${label(SIZE)} of random bytes, loopback docker-registry (distribution 2.8.2)`,
    `median of ${RUNS} rounds (${cpus().length} CPUs; load average at start ${loadAtStart.toFixed(1)}, at the end ${loadavg()[0].toFixed(1)}); whole processes`,
    '',
    ...table(['operation', 'tool', 'median s', 'cpu s', 'peak RSS MiB', 'runs (s)', 'ocikit / tool'], rows),
    '',
    'copy (repos): one registry, two repositories (every tool mounts the blob; no byte moves)',
    'copy (regs): two registries, the 1 GiB blob streamed from one to the other through the tool',
    'crane push reads a prepared OCI layout (no hashing pass); ocikit and oras hash the file before they upload',
    '',
    missed.length ? `MISSED TARGETS (${missed.length}):` : 'Targets met: ocikit pushes and pulls no slower than either peer.',
    ...missed.map((line) => `  FAIL: ${line}`),
  ].join('\n'));
}
