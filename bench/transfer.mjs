#!/usr/bin/env node
// The transfer benchmark: ocikit's push and pull through the BUILT CLI, against
// curl and skopeo on the same loopback registry (Debian's docker-registry, started
// by the test harness), with peak RSS and a re-push. Run: npm run build && npm run bench
//
// Targets (from the issue): push ≤ 1.25× curl's upload and ≤ 0.8× skopeo's copy;
// pull ≤ 2× curl's download to /dev/null; peak RSS < 200 MiB and within 10%
// between a 256 MiB and a 2 GiB file; a re-push uploads nothing.
//
// Every measurement runs RUNS times and the median is reported. Every upload goes
// to a fresh registry with fresh content (the first 4 KiB of the file are rewritten),
// so nothing is deduplicated by digest: not by the registry, not by skopeo's
// blob-info cache. A benchmark reports, it does not gate: the exit code is 0
// whatever the figures (1 only when the benchmark itself cannot run).
//
// Environment: OCIKIT_BENCH_QUICK=1 uses 64 MiB / 512 MiB files for the RSS pair
// instead of 256 MiB / 2 GiB. TMPDIR chooses where files and registries live.
import { randomFillSync } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { link, mkdir, mkdtemp, open, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAS_GNU_TIME, run, timed } from './child-process.mjs';
import { GiB, MiB, label, median, randomFile, sha256, table, writeBlob } from './figures.mjs';

const RUNS = 3;
const QUICK = process.env.OCIKIT_BENCH_QUICK === '1';
const MAIN_SIZE = GiB;
const RSS_SIZES = QUICK ? [64 * MiB, 512 * MiB] : [256 * MiB, 2 * GiB];
// The performance issue's targets: a file push or pull under 100 MiB whatever its size (flat within 10%), a pull within 2× curl.
const TARGET = { pushVsCurl: 1.25, pushVsSkopeo: 0.8, pullVsCurl: 2, rssMiB: 100, rssGrowth: 1.1 };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/cli/bin/ocikit.js');

if (!existsSync(join(ROOT, 'packages/cli/bundle/main.js'))) {
  console.error('error: the CLI is not built (packages/cli/bundle/main.js is missing)\n  hint: npm run build && npm run bench');
  process.exit(1);
}
for (const tool of ['docker-registry', 'curl', 'skopeo']) {
  if ((await run('sh', ['-c', `command -v ${tool}`])).code !== 0) {
    console.error(`error: ${tool} is not installed: apt-get install ${tool}`);
    process.exit(1);
  }
}
// The jest-free half of the test harness (plain node strips its types).
const { startRegistry } = await import('../test/harness/registry-process.ts');

const work = await mkdtemp(join(tmpdir(), 'ocikit-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const results = {}; // name -> { size, runs: [{ seconds, rssKiB }], note }
const failures = [];
let serial = 0; // names repositories and temp files uniquely
const loadAtStart = loadavg()[0];

try {
  log(`work dir ${work}; ${cpus().length} CPUs; ${RUNS} runs per measurement, medians reported${QUICK ? '; QUICK mode' : ''}`);
  const startup = [];
  for (let i = 0; i < RUNS; i++) startup.push(await timed(process.execPath, [CLI, '--version']));
  results.startup = { size: 0, runs: startup };

  // --- The main case: curl, ocikit and skopeo side by side, round-robin so that
  // load from whatever else runs on the machine falls on all of them alike.
  await needDisk(MAIN_SIZE, 'the main case');
  const main = join(work, 'bench-1g.bin');
  log(`writing ${label(MAIN_SIZE)} of random bytes to ${main}`);
  await randomFile(main, MAIN_SIZE);
  for (let round = 1; round <= RUNS; round++) {
    log(`main case, round ${round}/${RUNS}`);
    record('curl upload', MAIN_SIZE, await curlUpload(main));
    record('skopeo copy', MAIN_SIZE, await skopeoCopy(main));
    const { push, rePush, hash, curlDownload, curlToFile, pull } = await ocikitRound(main, { hashPass: true, compare: true });
    record('ocikit push', MAIN_SIZE, push);
    record('ocikit re-push', 0, rePush);
    record('hashing pass', MAIN_SIZE, hash);
    record('curl download', MAIN_SIZE, curlDownload);
    record('curl download → file', MAIN_SIZE, curlToFile);
    record('ocikit pull', MAIN_SIZE, pull);
  }
  await rm(main, { force: true });

  // --- Peak RSS: the same push and pull with a small and a large file.
  for (const size of RSS_SIZES) {
    await needDisk(size, `the ${label(size)} case`);
    const file = join(work, `bench-${label(size).replace(' ', '')}.bin`);
    log(`writing ${label(size)} of random bytes to ${file}`);
    await randomFile(file, size);
    for (let round = 1; round <= RUNS; round++) {
      log(`${label(size)} case, round ${round}/${RUNS}`);
      const { push, pull } = await ocikitRound(file, { hashPass: false, compare: false });
      record(`ocikit push ${label(size)}`, size, push);
      record(`ocikit pull ${label(size)}`, size, pull);
    }
    await rm(file, { force: true });
  }

  report();
} catch (error) {
  console.error(`benchmark failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
}

// ---------------------------------------------------------------------------
// Measurements

/** One fresh registry: ocikit push, re-push, then curl's and ocikit's download of what was pushed. */
async function ocikitRound(file, { hashPass, compare }) {
  const digest = await freshen(file);
  const size = (await stat(file)).size;
  return withRegistry(async (registry) => {
    const id = ++serial;
    const ref = `${registry.host}/bench/push-${id}:v1`;
    const out = {};

    out.push = await timed(process.execPath, [CLI, 'push', '--json', ref, file], { cwd: work });
    const pushed = parseJson(out.push.stdout, 'ocikit push');
    const layer = pushed.layers?.[0];
    if (pushed.layers?.length !== 1 || layer.digest !== digest || layer.size !== size || layer.outcome !== 'uploaded') {
      throw new Error(`ocikit push did not upload ${digest} (${size} bytes): ${out.push.stdout}`);
    }
    // The CLI's plain progress line for the layer: `uploaded   <title> <size> <digest> in 7.9s …`.
    const title = basename(file);
    const line = out.push.stderr.split('\n').find((l) => /^uploaded\s/.test(l) && l.split(/\s+/)[1] === title);
    const uploadPhase = line && / in (\d+(?:\.\d+)?)s\b/.exec(line);
    if (uploadPhase) out.push.uploadSeconds = Number(uploadPhase[1]);

    if (compare) {
      out.rePush = await timed(process.execPath, [CLI, 'push', '--json', ref, file], { cwd: work });
      const again = parseJson(out.rePush.stdout, 'ocikit re-push');
      out.rePush.outcomes = again.layers.map((l) => l.outcome);
    }
    if (hashPass) {
      // What ocikit does before it uploads (packages/core/src/artifact/file-source.ts): read the file once,
      // 256 KiB at a time into two reused buffers, the next read under way while one is hashed.
      const script = `import{createHash}from'node:crypto';import{open}from'node:fs/promises';const h=createHash('sha256'),f=await open(process.argv[1]),n=262144;let a=Buffer.allocUnsafeSlow(n),b=Buffer.allocUnsafeSlow(n),p=0,r=f.read(a,0,n,0);for(;;){const{bytesRead:k}=await r;if(!k)break;p+=k;[a,b]=[b,a];r=f.read(a,0,n,p);h.update(b.subarray(0,k))}await f.close();console.log('sha256:'+h.digest('hex'))`;
      out.hash = await timed(process.execPath, ['--input-type=module', '-e', script, file]);
      if (out.hash.stdout.trim() !== digest) throw new Error(`the hashing pass computed ${out.hash.stdout.trim()}, expected ${digest}`);
    }
    if (compare) {
      const url = `${registry.url}/v2/bench/push-${id}/blobs/${digest}`;
      out.curlDownload = await timed('curl', ['-sS', '--fail', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', url]);
      if (out.curlDownload.stdout.trim() !== `200 ${size}`) throw new Error(`curl download: ${out.curlDownload.stdout}`);
      const copy = join(work, `curl-download-${id}`);
      out.curlToFile = await timed('curl', ['-sS', '--fail', '-o', copy, '-w', '%{http_code} %{size_download}', url]);
      if (out.curlToFile.stdout.trim() !== `200 ${size}`) throw new Error(`curl download to a file: ${out.curlToFile.stdout}`);
      await rm(copy, { force: true });
    }

    const dest = join(work, `pull-${id}`);
    out.pull = await timed(process.execPath, [CLI, 'pull', '--json', ref, '-o', dest], { cwd: work });
    const pulled = parseJson(out.pull.stdout, 'ocikit pull').files?.[0];
    const written = join(dest, pulled?.title ?? '?');
    if (!pulled || pulled.digest !== digest || (await stat(written)).size !== size || (await sha256(written)) !== digest) {
      throw new Error(`ocikit pull did not write ${digest} (${size} bytes) to ${written}`);
    }
    await rm(dest, { recursive: true, force: true });
    return out;
  });
}

/** POST an upload session, then `curl -T file -X PUT <location>&digest=…` (both timed). */
async function curlUpload(file) {
  const digest = await freshen(file);
  const size = (await stat(file)).size;
  return withRegistry(async (registry) => {
    const repo = `bench/curl-${++serial}`;
    const started = process.hrtime.bigint();
    const post = await run('curl', ['-sS', '--fail', '-X', 'POST', '-D', '-', '-o', '/dev/null', `${registry.url}/v2/${repo}/blobs/uploads/`]);
    const location = /^location:\s*(\S+)/im.exec(post.stdout)?.[1];
    if (post.code !== 0 || !location) throw new Error(`curl POST failed: ${post.stderr}${post.stdout}`);
    const url = new URL(location, registry.url).href;
    const put = await timed('curl', [
      '-sS', '--fail', '-o', '/dev/null', '-w', '%{http_code} %{size_upload}',
      // No `Expect: 100-continue` round trip (ocikit's undici sends none either).
      '-H', 'Expect:', '-H', 'Content-Type: application/octet-stream',
      '-T', file, '-X', 'PUT', `${url}${url.includes('?') ? '&' : '?'}digest=${digest}`,
    ]);
    if (put.stdout.trim() !== `201 ${size}`) throw new Error(`curl PUT: ${put.stdout} ${put.stderr}`);
    return { ...put, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  });
}

/**
 * skopeo copy of the file as the one uncompressed layer (application/vnd.oci.image.layer.v1.tar)
 * of an OCI layout image. --preserve-digests keeps skopeo from gzipping the layer on the way,
 * so it sends the same bytes as curl and ocikit.
 */
async function skopeoCopy(file) {
  const digest = await freshen(file);
  const size = (await stat(file)).size;
  const id = ++serial;
  const dir = join(work, `skopeo-${id}`);
  const layout = join(dir, 'layout');
  await mkdir(join(layout, 'blobs', 'sha256'), { recursive: true });
  await link(file, join(layout, 'blobs', 'sha256', digest.slice(7))); // no copy
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
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: Buffer.byteLength(manifest),
      annotations: { 'org.opencontainers.image.ref.name': 'v1' },
    }],
  }));
  // An accept-anything policy and nothing from the host's container config (as test/harness/peers.ts).
  const policy = join(dir, 'policy.json');
  const registriesD = join(dir, 'registries.d');
  await mkdir(registriesD);
  await writeFile(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
  await writeFile(join(dir, 'auth.json'), JSON.stringify({ auths: {} }));
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, DOCKER_CONFIG: dir, REGISTRY_AUTH_FILE: join(dir, 'auth.json') };
  try {
    return await withRegistry(async (registry) => {
      const copy = await timed('skopeo', [
        '--policy', policy, '--registries.d', registriesD, 'copy', '--quiet', '--preserve-digests',
        '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${registry.host}/bench/skopeo-${id}:v1`,
      ], { env });
      // What arrived is the same blob, not a recompressed one.
      const head = await fetch(`${registry.url}/v2/bench/skopeo-${id}/blobs/${digest}`, { method: 'HEAD' });
      if (head.status !== 200 || head.headers.get('content-length') !== String(size)) {
        throw new Error(`skopeo did not push ${digest} as is (HEAD: ${head.status})`);
      }
      return copy;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Report

function report() {
  const m = (name) => median(results[name]?.runs.map((r) => r.seconds));
  const rss = (name) => median(results[name]?.runs.map((r) => r.rssKiB).filter((v) => v !== undefined)) / 1024;
  const rssMax = (name) => Math.max(...(results[name]?.runs ?? []).map((r) => r.rssKiB ?? 0)) / 1024;
  const warnings = [];
  const check = (ok, text) => {
    if (!ok) failures.push(text);
    return ok ? 'PASS' : 'FAIL';
  };
  const lines = [];
  const rows = [];
  const row = (name, ratio = '', target = '', result = '') => {
    const r = results[name];
    const seconds = m(name);
    const mbps = r.size ? (r.size / 1e6 / seconds).toFixed(0) : '';
    rows.push([name, seconds.toFixed(2), mbps, r.runs.map((x) => x.seconds.toFixed(2)).join(' '), ratio, target, result]);
  };
  const x = (a, b) => a / b;

  const push = m('ocikit push'), curlUp = m('curl upload'), skopeo = m('skopeo copy');
  const pull = m('ocikit pull'), curlDown = m('curl download');
  row('curl upload');
  row('skopeo copy');
  row('ocikit push', `${x(push, curlUp).toFixed(2)}× curl`, `≤ ${TARGET.pushVsCurl}× curl`, check(x(push, curlUp) <= TARGET.pushVsCurl, `push is ${x(push, curlUp).toFixed(2)}× curl's upload (target ≤ ${TARGET.pushVsCurl}×)`));
  rows.push(['', '', '', '', `${x(push, skopeo).toFixed(2)}× skopeo`, `≤ ${TARGET.pushVsSkopeo}× skopeo`, check(x(push, skopeo) <= TARGET.pushVsSkopeo, `push is ${x(push, skopeo).toFixed(2)}× skopeo's copy (target ≤ ${TARGET.pushVsSkopeo}×)`)]);
  const outcomes = results['ocikit re-push'].runs.flatMap((r) => r.outcomes);
  const skipped = outcomes.length > 0 && outcomes.every((o) => o === 'skipped');
  results['  upload phase'] = { size: MAIN_SIZE, runs: results['ocikit push'].runs.map((r) => ({ seconds: r.uploadSeconds ?? Number.NaN })) };
  const upload = m('  upload phase');
  row('  upload phase', `${x(upload, curlUp).toFixed(2)}× curl`, '(part of push)');
  row('ocikit re-push', `layer: ${[...new Set(outcomes)].join('/')}`, 'uploads nothing', check(skipped, `a re-push uploaded again (outcomes: ${outcomes.join(', ')})`));
  row('curl download');
  row('ocikit pull', `${x(pull, curlDown).toFixed(2)}× curl`, `≤ ${TARGET.pullVsCurl}× curl`, check(x(pull, curlDown) <= TARGET.pullVsCurl, `pull is ${x(pull, curlDown).toFixed(2)}× curl's download (target ≤ ${TARGET.pullVsCurl}×)`));
  row('curl download → file', `pull: ${x(pull, m('curl download → file')).toFixed(2)}× this`, '(reference)');
  row('hashing pass', `pull: ${x(pull, m('hashing pass')).toFixed(2)}× this`, '(part of push; the SHA-256 floor)');
  row('startup');

  lines.push('', `ocikit transfer benchmark: ${label(MAIN_SIZE)} of random bytes, loopback docker-registry (distribution 2.8.2)`);
  lines.push(`median of ${RUNS} runs per figure (this machine: ${cpus().length} CPUs, shared with other work, so figures are noisy); MB/s = 10^6 bytes/s`);
  lines.push(`load average (1 min) at start ${loadAtStart.toFixed(1)}, at the end ${loadavg()[0].toFixed(1)}`);
  lines.push('', ...table(['measurement', 'median s', 'MB/s', `runs (s)`, 'ratio', 'target', 'result'], rows));
  lines.push(
    '',
    'curl upload  = POST + `curl -T file -X PUT <location>&digest=…` (digest computed beforehand, untimed)',
    'skopeo copy  = `skopeo copy --preserve-digests oci:<layout>:v1 docker://…`, the file as one uncompressed',
    '               application/vnd.oci.image.layer.v1.tar layer (--preserve-digests: no gzip on the way)',
    'ocikit push  = `node packages/cli/bin/ocikit.js push --json <ref> <file>`: includes node\'s start and ocikit\'s',
    '               hashing pass (read + SHA-256 of the whole file before the upload starts)',
    '  upload phase = the layer\'s HEAD + POST + PUT alone, as the CLI\'s progress line reports it (0.1 s resolution)',
    'ocikit re-push = the same push again: hashes the file, HEADs the blob, uploads nothing, re-puts the manifest',
    'hashing pass = a node process reading the file (256 KiB reads, 2 reused buffers) into SHA-256, as file-source.ts does:',
    '               what every verified byte costs at least, so also the floor of a verified pull',
    'curl download = `curl -o /dev/null <blob URL>`; ocikit pull = `ocikit pull <ref> -o <dir>` (verified, written to disk)',
    'curl download → file = `curl -o <file> <blob URL>`: what writing the bytes to disk costs, without verification',
    `startup      = \`node packages/cli/bin/ocikit.js --version\` (node start + CLI load; peak RSS ${fmtMedian(results.startup.runs.map((r) => r.rssKiB / 1024), 0)} MiB)`,
  );

  // Peak RSS
  const [small, large] = RSS_SIZES;
  const rssRows = [];
  for (const verb of ['push', 'pull']) {
    const a = rss(`ocikit ${verb} ${label(small)}`);
    const mid = rss(`ocikit ${verb}`);
    const b = rss(`ocikit ${verb} ${label(large)}`);
    const peak = Math.max(a, mid, b);
    const growth = b / a;
    const highest = Math.max(...[small, MAIN_SIZE, large].map((size) => rssMax(size === MAIN_SIZE ? `ocikit ${verb}` : `ocikit ${verb} ${label(size)}`)));
    if (highest >= TARGET.rssMiB) warnings.push(`one run of ocikit ${verb} peaked at ${highest.toFixed(0)} MiB (the medians are what is judged)`);
    rssRows.push([
      `ocikit ${verb}`, a.toFixed(0), mid.toFixed(0), b.toFixed(0), highest.toFixed(0),
      `${growth.toFixed(2)}×`,
      check(peak < TARGET.rssMiB, `ocikit ${verb} peaks at ${peak.toFixed(0)} MiB (target < ${TARGET.rssMiB} MiB)`),
      check(growth <= TARGET.rssGrowth, `ocikit ${verb}'s RSS grows ${growth.toFixed(2)}× from ${label(small)} to ${label(large)} (target ≤ ${TARGET.rssGrowth}×)`),
    ]);
  }
  const times = [small, large].flatMap((size) =>
    ['push', 'pull'].map((verb) => `${verb} ${label(size)}: ${m(`ocikit ${verb} ${label(size)}`).toFixed(2)} s (${(size / 1e6 / m(`ocikit ${verb} ${label(size)}`)).toFixed(0)} MB/s)`),
  );
  lines.push(
    '',
    `Peak RSS (MiB, median of ${RUNS}; ${HAS_GNU_TIME ? 'GNU time %M' : 'VmHWM polled from /proc'})`,
    ...table(['process', label(small), label(MAIN_SIZE), label(large), 'max of any run', `${label(large)}/${label(small)}`, `< ${TARGET.rssMiB} MiB`, `≤ ${TARGET.rssGrowth}×`], rssRows),
    `(times: ${times.join('; ')})`,
    `for reference: \`ocikit --version\` peaks at ${fmtMedian(results.startup.runs.map((r) => r.rssKiB / 1024), 0)} MiB; the bare node hashing pass over ${label(MAIN_SIZE)} at ${fmtMedian(results['hashing pass'].runs.map((r) => r.rssKiB / 1024), 0)} MiB`,
  );
  if (QUICK) lines.push('', `QUICK mode: the RSS pair is ${label(small)}/${label(large)}, not 256 MiB/2 GiB; the growth target is judged on it.`);
  lines.push('', failures.length ? `MISSED TARGETS (${failures.length}):` : 'All targets met.', ...failures.map((f) => `  FAIL: ${f}`));
  lines.push(...warnings.map((w) => `  note: ${w}`));
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------
// Helpers

function record(name, size, measurement) {
  (results[name] ??= { size, runs: [] }).runs.push(measurement);
  const rssText = measurement.rssKiB === undefined ? '' : `, peak RSS ${(measurement.rssKiB / 1024).toFixed(0)} MiB`;
  log(`  ${name}: ${measurement.seconds.toFixed(2)} s${rssText}`);
}

function fmtMedian(values, digits = 2) {
  const value = median(values);
  return Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} printed no JSON: ${text}`);
  }
}

async function withRegistry(fn) {
  const registry = await startRegistry();
  try {
    return await fn(registry);
  } finally {
    await registry.stop(); // removes its storage too
  }
}

/** New content (and digest) for the next run: rewrites the first 4 KiB. Returns the digest. */
async function freshen(path) {
  const handle = await open(path, 'r+');
  try {
    await handle.write(randomFillSync(Buffer.alloc(4096)), 0, 4096, 0);
  } finally {
    await handle.close();
  }
  return sha256(path); // also leaves the file in the page cache, for every tool alike
}

async function needDisk(size, what) {
  // The file, the registry's copy, a pulled copy, and headroom for everyone else.
  const needed = 3 * size + GiB;
  const fs = await statfs(work);
  const free = fs.bavail * fs.bsize;
  if (free < needed) throw new Error(`${what} needs ${label(needed)} free in ${work}, only ${(free / GiB).toFixed(1)} GiB are (set TMPDIR elsewhere)`);
}
