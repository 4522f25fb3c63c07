// Memory stays flat as inputs grow: unpacking a directory layer of many files holds
// no more than a few chunks, however much the tree weighs, and nothing per file, however
// many files it has. Measured in a child process
// (the built core, `--expose-gc`, a collection before every sample) so what is counted
// is what is still reachable, not garbage waiting for the collector.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';

const MiB = 1024 * 1024;
const FILES = 2500;
const FILE_SIZE = 32 * 1024; // 80 MiB in all, incompressible: the layer's chunks are its content

/** Packs `tree` as push does, then unpacks it, sampling the ArrayBuffer memory still reachable; prints the peak in MiB. */
const CHILD = `
const core = ${JSON.stringify(join(REPO_ROOT, 'packages', 'core', 'dist'))};
const { packDirectory } = await import(core + '/artifact/directory-tar.js');
const { extractTarSafely } = await import(core + '/artifact/safe-extract.js');
const { createReadStream } = await import('node:fs');
const [tree, work] = process.argv.slice(1);
const packed = await packDirectory(tree, { name: 'tree', tempDir: work + '/tmp' });
let peak = 0;
const sample = setInterval(() => { gc(); peak = Math.max(peak, process.memoryUsage().arrayBuffers); }, 20);
await extractTarSafely(createReadStream(packed.path), work + '/out', {});
clearInterval(sample);
gc();
console.log(JSON.stringify({ peakMiB: peak / ${MiB}, packedMiB: packed.size / ${MiB} }));
`;

/** Child-script lines: from here on, `peak` follows the JS heap still reachable (a collection before each sample), from `before`; `sample` is the timer to clear. */
const REACHABLE_HEAP_SAMPLER = `
gc();
const before = process.memoryUsage().heapUsed;
let peak = before;
const sample = setInterval(() => { gc(); peak = Math.max(peak, process.memoryUsage().heapUsed); }, 20);
`;

/**
 * Unpacks a layer of FILES empty files with long paths (a ustar prefix of 150 characters and
 * a name of 90), sampling the JS heap still reachable; prints its peak growth in MiB.
 */
const MANY_FILES = 20_000;
const MANY_CHILD = `
const core = ${JSON.stringify(join(REPO_ROOT, 'packages', 'core', 'dist'))};
const { extractTarSafely } = await import(core + '/artifact/safe-extract.js');
const { Readable } = await import('node:stream');
const [work] = process.argv.slice(1);
const octal = (value, width) => value.toString(8).padStart(width - 1, '0') + '\\0';
function header(prefix, name, type) {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100);
  block.write(octal(type === '5' ? 0o755 : 0o644, 8), 100);
  block.write(octal(0, 8), 108);
  block.write(octal(0, 8), 116);
  block.write(octal(0, 12), 124);
  block.write(octal(0, 12), 136);
  block.write(type, 156);
  block.write('ustar\\u000000', 257);
  block.write(prefix, 345, 155);
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148);
  return block;
}
function* layer(files) {
  for (let i = 0; i < files; i++) {
    const prefix = 'folder-' + String(Math.floor(i / 1000)).padStart(3, '0') + '-' + 'p'.repeat(139);
    yield header(prefix, 'file-' + String(i).padStart(6, '0') + '-' + 'n'.repeat(78), '0');
  }
  yield Buffer.alloc(1024);
}
// A first, small layer compiles what unpacking runs: the code is on the heap too, once.
await extractTarSafely(Readable.from(layer(500)), work + '/warm-up', {});
${REACHABLE_HEAP_SAMPLER}
const result = await extractTarSafely(Readable.from(layer(${MANY_FILES})), work + '/out', {});
clearInterval(sample);
console.log(JSON.stringify({ files: result.files, growthMiB: (peak - before) / ${MiB} }));
`;

/** Allocates short-lived objects and Buffers as a stream does, with or without preferThroughputGc; prints the young generation's largest size in MiB. */
const YOUNG_CHILD = `
const core = ${JSON.stringify(join(REPO_ROOT, 'packages', 'core', 'dist'))};
const { preferThroughputGc } = await import(core + '/util/throughput-gc.js');
const v8 = await import('node:v8');
if (process.argv[1] === 'prefer') preferThroughputGc();
const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
let largest = young();
let kept = [];
for (let i = 0; i < 400_000; i++) {
  kept.push({ chunk: Buffer.allocUnsafe(1024), index: i, label: 'entry ' + i });
  if (kept.length > 2000) kept = [];
  if (i % 1000 === 0) largest = Math.max(largest, young());
}
console.log(JSON.stringify({ youngMiB: largest / ${MiB} }));
`;

/** Packs `tree` as push does, sampling the JS heap still reachable; prints its peak growth in MiB. */
const PACK_CHILD = `
const core = ${JSON.stringify(join(REPO_ROOT, 'packages', 'core', 'dist'))};
const { packDirectory } = await import(core + '/artifact/directory-tar.js');
const [tree, work] = process.argv.slice(1);
// A first pack of a small tree compiles what packing runs: the code is on the heap too, once.
await packDirectory(tree + '/folder-000', { name: 'warm-up', tempDir: work + '/tmp-warm-up' });
${REACHABLE_HEAP_SAMPLER}
await packDirectory(tree, { name: 'tree', tempDir: work + '/tmp' });
clearInterval(sample);
console.log(JSON.stringify({ growthMiB: (peak - before) / ${MiB} }));
`;

describe('packing a directory', () => {
  it(`holds one directory's listing at a time, not the tree: ${MANY_FILES} files of 240-character paths`, async () => {
    const work = makeTempDir('ocikit-flat-memory-');
    const tree = join(work, 'tree');
    for (let folder = 0; folder < MANY_FILES / 1000; folder++) {
      const dir = join(tree, `folder-${String(folder).padStart(3, '0')}`, 'd'.repeat(100));
      await mkdir(dir, { recursive: true });
      await Promise.all(Array.from({ length: 1000 }, (_, i) => writeFile(join(dir, `file-${String(i).padStart(4, '0')}-${'n'.repeat(100)}`), '')));
    }
    const result = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', PACK_CHILD, tree, work], { timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    // Every entry's name and path, collected before packing to sort them, held about 20 MiB here; now 1.3.
    expect((JSON.parse(result.stdout) as { growthMiB: number }).growthMiB).toBeLessThan(4);
  });
});

describe("the CLI's and the actions' garbage collection (preferThroughputGc)", () => {
  it('keeps the young generation at its first size while a stream allocates fast (V8 would grow it to hold garbage)', async () => {
    const youngest = async (mode: string): Promise<number> => {
      const result = await run(process.execPath, ['--input-type=module', '-e', YOUNG_CHILD, mode], { timeoutMs: 60_000 });
      expect(result.stderr).toBe('');
      return (JSON.parse(result.stdout) as { youngMiB: number }).youngMiB;
    };
    // V8 doubles the young generation under such allocation (to 2 x 16 MiB or more); a
    // Node that no longer takes the flag after start-up fails here, not in a user's RSS.
    expect(await youngest('default')).toBeGreaterThanOrEqual(8);
    expect(await youngest('prefer')).toBeLessThanOrEqual(4);
  });
});

describe('unpacking a directory layer', () => {
  it(`holds nothing per file: ${MANY_FILES} files of 250-character paths`, async () => {
    const work = makeTempDir('ocikit-flat-memory-');
    const result = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', MANY_CHILD, work], { timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    const { files, growthMiB } = JSON.parse(result.stdout) as { files: number; growthMiB: number };
    expect(files).toBe(MANY_FILES);
    // Remembering each file's path (to refuse a second entry at it) held about 8 MiB here;
    // the file system refuses those now, and only directories are remembered.
    expect(growthMiB).toBeLessThan(2);
  });

  it(`never holds the layer it unpacks: ${FILES} files of ${FILE_SIZE / 1024} KiB (80 MiB)`, async () => {
    const work = makeTempDir('ocikit-flat-memory-');
    const tree = join(work, 'tree');
    for (let group = 0; group < FILES / 100; group++) {
      await mkdir(join(tree, `group-${group}`), { recursive: true });
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(tree, `group-${group}`, `file-${i}.bin`), randomBytes(FILE_SIZE))));
    }
    const result = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, tree, work], { timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    const { peakMiB, packedMiB } = JSON.parse(result.stdout) as { peakMiB: number; packedMiB: number };
    expect(packedMiB).toBeGreaterThan(75);
    // Every chunk of the layer stayed reachable (84 MiB of the 80) when each read raced a
    // long-lived failure promise with Promise.race. Now 7 MiB on a quiet machine, but up to
    // 57 MiB was seen under heavy load, for a reason not yet found: the bound holds the
    // leak out, not yet the flatness this should reach.
    expect(peakMiB).toBeLessThan(packedMiB * 0.9);
  });
});
