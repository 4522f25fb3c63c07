#!/usr/bin/env node
// The index-assembly benchmark: `ocikit index create` (through the BUILT CLI)
// over 8 single-platform images of 4 layers each that "matrix jobs" pushed to 8
// other repositories of one registry (Debian's docker-registry on loopback, from
// the test harness), behind the harness's recording proxy, which counts every
// request and every byte sent.
//
// Target (issue 6): the only bytes uploaded are manifests (the index, and the 8
// child manifests, which a registry cannot mount and must hold in the index's
// repository); every config and layer is mounted (`POST ?mount=&from=`), no blob
// byte is sent. Reported: requests by kind, bytes by kind, wall time (median of
// RUNS, each into a fresh repository), and a re-run into the same repository
// (everything present: HEADs and the index PUT only).
//
// A benchmark reports, it does not gate: exit code 0 whatever the figures (1 only
// when it cannot run). Run: npm run build && node bench/index-assembly.mjs
// Environment: OCIKIT_BENCH_RUNS (default 3), OCIKIT_BENCH_LAYER_MIB (default 4).
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from './child-process.mjs';

const MiB = 1024 * 1024;
const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 3);
const LAYER = Number(process.env.OCIKIT_BENCH_LAYER_MIB ?? 4) * MiB;
const PLATFORMS = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64'];
const LAYERS_PER_IMAGE = 4;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/cli/bin/ocikit.js');
if (!existsSync(join(ROOT, 'packages/cli/bundle/main.js')) || !existsSync(join(ROOT, 'packages/core/dist/index.js'))) {
  console.error('error: not built\n  hint: npm run build && node bench/index-assembly.mjs');
  process.exit(1);
}
const core = await import('../packages/core/dist/index.js');
// The jest-free halves of the test harness (plain node strips their types).
const { startRegistry } = await import('../test/harness/registry-process.ts');
const { startFaultProxy } = await import('../test/harness/fault-proxy.ts');

const work = await mkdtemp(join(tmpdir(), 'ocikit-bench-index-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const registry = await startRegistry();
let proxy;
try {
  // --- The matrix jobs' output: 8 images, 4 random (incompressible) layers each, one repository each.
  log(`pushing ${PLATFORMS.length} images of ${LAYERS_PER_IMAGE} × ${LAYER / MiB} MiB layers to ${PLATFORMS.length} repositories`);
  const sources = [];
  let blobBytes = 0;
  let blobCount = 0;
  for (const text of PLATFORMS) {
    const platform = core.parsePlatform(text);
    const repository = `bench/build-${text.replaceAll('/', '-')}`;
    const repo = new core.RemoteRepository({ registry: registry.host, repository });
    const layers = [];
    for (let i = 0; i < LAYERS_PER_IMAGE; i++) layers.push(await pushBytes(repo, randomBytes(LAYER), core.MediaType.LayerGzip));
    const config = await pushBytes(
      repo,
      Buffer.from(JSON.stringify({ ...core.canonicalPlatform(platform), rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, config: {} })),
      core.MediaType.ImageConfig,
    );
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: core.MediaType.ImageManifest, config, layers }));
    await repo.pushManifest({ mediaType: core.MediaType.ImageManifest, digest: core.digestOf(manifest), size: manifest.length }, manifest, 'ci-1');
    await repo.close();
    blobBytes += config.size + layers.reduce((n, l) => n + l.size, 0);
    blobCount += 1 + layers.length;
    sources.push(`${repository}:ci-1`);
  }

  proxy = await startFaultProxy(registry.url);
  const refs = sources.map((s) => `${proxy.host}/${s}`);
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    proxy.requests.splice(0);
    const destination = `${proxy.host}/bench/app-${run}:1.0`;
    const started = process.hrtime.bigint();
    const result = await cli(['index', 'create', destination, ...refs, '--json']);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.code !== 0) throw new Error(`ocikit index create failed:\n${result.stderr}`);
    runs.push({ seconds, ...count(proxy.requests), copied: JSON.parse(result.stdout).copied });
    log(`run ${run}/${RUNS}: ${seconds.toFixed(2)} s, ${runs.at(-1).requests} requests`);
  }
  // The same work in-process (core alone, no CLI start-up), into fresh repositories.
  const inProcess = [];
  for (let run = 1; run <= RUNS; run++) {
    const t = process.hrtime.bigint();
    await core.createIndexFromReferences(`${proxy.host}/bench/core-${run}:1.0`, refs);
    inProcess.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  // The same command again into a repository that holds everything.
  proxy.requests.splice(0);
  const started = process.hrtime.bigint();
  const again = await cli(['index', 'create', `${proxy.host}/bench/app-1:1.0`, ...refs]);
  if (again.code !== 0) throw new Error(`re-run failed:\n${again.stderr}`);
  const rerun = { seconds: Number(process.hrtime.bigint() - started) / 1e9, ...count(proxy.requests) };
  // Startup alone, to tell what the CLI costs from what the registry does.
  const startup = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await cli(['--version']);
    startup.push(Number(process.hrtime.bigint() - t) / 1e9);
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const first = runs[0];
  const report = {
    images: PLATFORMS.length,
    layersPerImage: LAYERS_PER_IMAGE,
    sourceBlobs: { count: blobCount, bytes: blobBytes },
    seconds: { median: median(runs.map((r) => r.seconds)), runs: runs.map((r) => Number(r.seconds.toFixed(3))), cliStartup: median(startup), coreInProcess: median(inProcess) },
    requests: first.byKind,
    requestCount: first.requests,
    uploaded: first.uploaded,
    copied: first.copied,
    rerun: { seconds: Number(rerun.seconds.toFixed(3)), requests: rerun.requests, byKind: rerun.byKind, uploaded: rerun.uploaded },
    target: {
      blobBytesUploaded: first.uploaded.blobBytes,
      met: first.uploaded.blobBytes === 0 && first.copied.blobs.mounted === blobCount && first.uploaded.manifestPuts === PLATFORMS.length + 1,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  log(
    `index over ${PLATFORMS.length} images (${blobCount} blobs, ${(blobBytes / MiB).toFixed(1)} MiB) in ${report.seconds.median.toFixed(2)} s median ` +
      `(CLI startup ${report.seconds.cliStartup.toFixed(2)} s; in-process ${report.seconds.coreInProcess.toFixed(2)} s); ${first.requests} requests; uploaded ${first.uploaded.blobBytes} blob bytes, ` +
      `${first.uploaded.manifestBytes} manifest bytes in ${first.uploaded.manifestPuts} PUTs (${first.uploaded.indexBytes} of them the index); ` +
      `${first.copied.blobs.mounted} blobs mounted. Re-run: ${rerun.requests} requests, ${rerun.seconds.toFixed(2)} s. Target ${report.target.met ? 'met' : 'NOT met'}.`,
  );
} finally {
  await proxy?.stop();
  await registry.stop();
}

async function pushBytes(repo, bytes, mediaType) {
  const descriptor = { mediaType, digest: core.digestOf(bytes), size: bytes.length };
  await repo.pushBlob({ descriptor, open: (start = 0, end = bytes.length - 1) => Readable.from([bytes.subarray(start, end + 1)]) });
  return descriptor;
}

/** Requests by kind and the bytes the client sent, from the proxy's record. */
function count(requests) {
  const byKind = {};
  const uploaded = { blobBytes: 0, manifestBytes: 0, manifestPuts: 0, indexBytes: 0 };
  for (const r of requests) {
    const path = r.path.split('?')[0];
    const what = path === '/v2/' ? 'ping' : path.includes('/blobs/uploads') ? (r.path.includes('mount=') ? 'blob mount' : 'blob upload') : path.includes('/blobs/') ? 'blob' : path.includes('/manifests/') ? 'manifest' : path.includes('/tags/') ? 'tags' : 'other';
    const key = `${r.method} ${what}`;
    byKind[key] = (byKind[key] ?? 0) + 1;
    const length = Number(r.headers['content-length'] ?? 0);
    if (['PUT', 'PATCH', 'POST'].includes(r.method) && path.includes('/blobs/')) uploaded.blobBytes += length;
    if (r.method === 'PUT' && path.includes('/manifests/')) {
      uploaded.manifestBytes += length;
      uploaded.manifestPuts++;
      if (String(r.headers['content-type']).includes('index')) uploaded.indexBytes += length;
    }
  }
  return { requests: requests.length, byKind, uploaded };
}

function cli(args) {
  return run(process.execPath, [CLI, ...args], { env: process.env });
}
