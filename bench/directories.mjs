#!/usr/bin/env node
// The directory benchmark: what CI jobs push most, a build output of many files.
// `ocikit push` of a tree through the BUILT CLI against `tar -c | gzip -6` to a file,
// and `ocikit pull` of it against `curl <blob> | tar -xz`, on a loopback registry
// (Debian's docker-registry, started by the test harness), with ocikit's peak RSS.
// Run: npm run build && npm run bench -- directories
//
// Targets (issue 23): push ≤ 0.7× tar|gzip -6 on 2 cores; pull ≤ 1.1× curl|tar -xz;
// peak RSS ≤ 150 MiB for any tree size.
//
// The tree is made once and kept (TMPDIR/ocikit-bench-tree-<files>): source-like text
// files (compressible about 4×, as code is) and some binary ones, in nested folders.
// OCIKIT_BENCH_TREE_FILES sets how many files (default 24446, about 255 MB; try 250000
// for the memory check). Round-robin, RUNS rounds, medians; every push goes to a new
// repository on a fresh registry. A benchmark reports, it does not gate: exit 0.
//
// Each push is made twice, with gzip (the default) and with --compression zstd.
// The pulls run twice: into TMPDIR, as a user's job would, and into a memory file
// system (/dev/shm, when it has room). Creating tens of thousands of files is bound by
// the disk, whose speed on a shared VM drifts by 2x within minutes for tar as for
// ocikit; on tmpfs the same comparison shows what ocikit itself costs.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statfsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, timed } from './child-process.mjs';
import { median, table } from './figures.mjs';

const RUNS = Number(process.env.OCIKIT_BENCH_RUNS ?? 3);
const FILES = Number(process.env.OCIKIT_BENCH_TREE_FILES ?? 24_446);
const TARGET = { push: 0.7, pull: 1.1, rssMiB: 150 };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/cli/bin/ocikit.js');

if (!existsSync(join(ROOT, 'packages/cli/bundle/main.js'))) {
  console.error('error: the CLI is not built (packages/cli/bundle/main.js is missing)\n  hint: npm run build && npm run bench -- directories');
  process.exit(1);
}
for (const tool of ['docker-registry', 'curl', 'tar', 'gzip']) {
  if ((await run('sh', ['-c', `command -v ${tool}`])).code !== 0) {
    console.error(`error: ${tool} is not installed: apt-get install ${tool}`);
    process.exit(1);
  }
}
const { startRegistry } = await import('../test/harness/registry-process.ts');
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** A build output: folders of source-like text files, one in twenty binary. Made once, kept. */
async function makeTree(files) {
  const home = join(tmpdir(), `ocikit-bench-tree-${files}`);
  const tree = join(home, 'dist');
  if (existsSync(join(home, '.complete'))) return { home, tree };
  log(`making a tree of ${files} files in ${tree} (once)`);
  await rm(home, { recursive: true, force: true });
  const words = Array.from({ length: 4000 }, () => randomBytes(4 + (randomBytes(1)[0] % 8)).toString('base64url'));
  const word = () => words[randomBytes(2).readUInt16LE() % words.length];
  let made = 0;
  for (let a = 0; made < files; a++) {
    for (let b = 0; b < 20 && made < files; b++) {
      const dir = join(tree, `package-${a}`, `lib-${b}`);
      await mkdir(dir, { recursive: true });
      const batch = [];
      for (let c = 0; c < 50 && made < files; c++, made++) {
        if (made % 20 === 19) {
          batch.push(writeFile(join(dir, `asset-${c}.bin`), randomBytes(2_000 + (made % 17) * 1_000)));
          continue;
        }
        const lines = [];
        const count = 40 + (made % 400);
        for (let l = 0; l < count; l++) lines.push(`  export function ${word()}(${word()}, ${word()}) { return ${word()}.${word()}(${l}); }`);
        batch.push(writeFile(join(dir, `module-${c}.js`), `${lines.join('\n')}\n`));
      }
      await Promise.all(batch);
    }
  }
  await writeFile(join(home, '.complete'), '');
  return { home, tree };
}

const { home, tree } = await makeTree(FILES);
const size = Number((await run('du', ['-sb', tree])).stdout.split('\t')[0]);
const work = await mkdtemp(join(tmpdir(), 'ocikit-bench-dirs-'));
const memoryWork = await memoryFileSystemRoom(size * 2.5);
process.on('exit', () => {
  rmSync(work, { recursive: true, force: true });
  if (memoryWork) rmSync(memoryWork, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** A fresh directory on /dev/shm when it is a memory file system with `bytes` free, else undefined. */
async function memoryFileSystemRoom(bytes) {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.type !== 0x01021994 || fs.bavail * fs.bsize < bytes) return undefined; // TMPFS_MAGIC
    return await mkdtemp('/dev/shm/ocikit-bench-dirs-');
  } catch {
    return undefined;
  }
}

const times = { tarGzip: [], push: [], pushZstd: [], curlTar: [], pull: [], curlTarMemory: [], pullMemory: [] };
const rss = { push: [], pull: [] };
const loadAtStart = loadavg()[0];
log(`${FILES} files, ${(size / 1e6).toFixed(0)} MB; ${cpus().length} CPUs; ${RUNS} rounds`);
const registry = await startRegistry();
try {
  for (let round = 1; round <= RUNS; round++) {
    log(`round ${round}/${RUNS}`);
    const archive = join(work, `tree-${round}.tar.gz`);
    times.tarGzip.push((await timed('sh', ['-c', `tar -C '${home}' -cf - dist | gzip -6 > '${archive}'`])).seconds);
    await rm(archive, { force: true });

    const reference = `${registry.host}/bench/dist-${round}:v1`;
    const push = await timed(process.execPath, [CLI, 'push', reference, 'dist', '--json'], { cwd: home });
    times.push.push(push.seconds);
    rss.push.push(push.rssKiB / 1024);
    const layer = JSON.parse(push.stdout).layers[0].digest;
    times.pushZstd.push((await timed(process.execPath, [CLI, 'push', `${registry.host}/bench/dist-zstd-${round}:v1`, 'dist', '--compression', 'zstd'], { cwd: home })).seconds);

    const curlTar = async (into) => {
      const curled = join(into, `curl-${round}`);
      await mkdir(curled);
      const { seconds } = await timed('sh', ['-c', `curl -sf '${registry.url}/v2/bench/dist-${round}/blobs/${layer}' | tar -xzf - -C '${curled}'`]);
      await rm(curled, { recursive: true, force: true });
      return seconds;
    };
    const pull = async (into) => {
      const pulled = join(into, `pull-${round}`);
      const measured = await timed(process.execPath, [CLI, 'pull', reference, '-o', pulled]);
      await rename(pulled, `${pulled}-done`);
      await rm(`${pulled}-done`, { recursive: true, force: true });
      return measured;
    };
    times.curlTar.push(await curlTar(work));
    const pulled = await pull(work);
    times.pull.push(pulled.seconds);
    rss.pull.push(pulled.rssKiB / 1024);
    if (memoryWork) {
      times.curlTarMemory.push(await curlTar(memoryWork));
      times.pullMemory.push((await pull(memoryWork)).seconds);
    }
  }
} finally {
  await registry.stop();
}

const s = (v) => `${v.toFixed(2)} s`;
const verdict = (ratio, target) => (ratio <= target ? 'met' : 'missed');
const pushRatio = median(times.push) / median(times.tarGzip);
const pullRatio = median(times.pull) / median(times.curlTar);
const pullMemoryRatio = median(times.pullMemory) / median(times.curlTarMemory);
const memoryRows = memoryWork
  ? [
      ['curl <blob> | tar -xz, into tmpfs', s(median(times.curlTarMemory)), '', '', ''],
      ['ocikit pull, into tmpfs', s(median(times.pullMemory)), `${pullMemoryRatio.toFixed(2)}× curl|tar`, `≤ ${TARGET.pull}×`, verdict(pullMemoryRatio, TARGET.pull)],
    ]
  : [['(no tmpfs with room at /dev/shm: pulls into memory not measured)', '', '', '', '']];
const lines = table(
  ['measurement', 'median', 'ratio', 'target', ''],
  [
    ['tar -c | gzip -6 > file', s(median(times.tarGzip)), '', '', ''],
    ['ocikit push (the tree, to the registry)', s(median(times.push)), `${pushRatio.toFixed(2)}× tar|gzip`, `≤ ${TARGET.push}×`, verdict(pushRatio, TARGET.push)],
    ['ocikit push --compression zstd', s(median(times.pushZstd)), `${(median(times.pushZstd) / median(times.tarGzip)).toFixed(2)}× tar|gzip`, '', ''],
    ['curl <blob> | tar -xz', s(median(times.curlTar)), '', '', ''],
    ['ocikit pull (verified, unpacked)', s(median(times.pull)), `${pullRatio.toFixed(2)}× curl|tar`, `≤ ${TARGET.pull}×`, verdict(pullRatio, TARGET.pull)],
    ...memoryRows,
    ['ocikit push peak RSS', `${median(rss.push).toFixed(0)} MiB`, '', `≤ ${TARGET.rssMiB} MiB`, verdict(median(rss.push), TARGET.rssMiB)],
    ['ocikit pull peak RSS', `${median(rss.pull).toFixed(0)} MiB`, '', `≤ ${TARGET.rssMiB} MiB`, verdict(median(rss.pull), TARGET.rssMiB)],
  ],
);
console.log(`directories: ${FILES} files, ${(size / 1e6).toFixed(0)} MB, medians of ${RUNS}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`);
console.log(lines.join('\n'));
