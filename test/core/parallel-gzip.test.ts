// gzip in parallel blocks (compress/parallel-gzip.ts): one gzip member that node and
// GNU gzip read back byte for byte, the same bytes however many blocks are in flight
// and however the input arrives, and about the size single-stream gzip gives.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GZIP_BLOCK_SIZE, parallelGzip } from '../../packages/core/src/compress/parallel-gzip.js';
import { packDirectory } from '../../packages/core/src/artifact/directory-tar.js';
import { makeTempDir } from '../harness/temp.js';

async function gzipped(input: Buffer, options: { inFlight?: number; level?: number; chunk?: number } = {}): Promise<Buffer> {
  const chunk = options.chunk ?? 64 * 1024;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < input.length; offset += chunk) yield input.subarray(offset, offset + chunk);
  }
  const out: Buffer[] = [];
  for await (const piece of parallelGzip(chunks(), options)) out.push(piece);
  return Buffer.concat(out);
}

/** Text that compresses as source code and logs do, with enough variety to need the dictionary. */
function compressible(size: number): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const line = `export function handler${i % 997}(event) { return process(event, ${i}); } // ${i * 7919}\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, size);
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('parallelGzip', () => {
  const sizes = [0, 1, 1000, GZIP_BLOCK_SIZE - 1, GZIP_BLOCK_SIZE, GZIP_BLOCK_SIZE + 1, 3 * GZIP_BLOCK_SIZE, Math.round(3.5 * GZIP_BLOCK_SIZE)];

  it.each(sizes)('gunzips to the input, %i bytes (around block edges), as one member', async (size) => {
    const input = Buffer.concat([compressible(Math.floor(size / 2)), randomBytes(size - Math.floor(size / 2))]);
    const output = await gzipped(input);
    expect(gunzipSync(output).equals(input)).toBe(true);
    expect(output.subarray(0, 4)).toEqual(Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    // The trailer: CRC-32 and the length, as gzip readers check them.
    expect(output.readUInt32LE(output.length - 4)).toBe(size % 2 ** 32);
  });

  it('gives the same bytes whether one block or eight are in flight, and whatever size the input comes in', async () => {
    const input = Buffer.concat([compressible(2 * GZIP_BLOCK_SIZE), randomBytes(GZIP_BLOCK_SIZE / 2), compressible(GZIP_BLOCK_SIZE)]);
    const one = await gzipped(input, { inFlight: 1 });
    expect(sha(await gzipped(input, { inFlight: 8 }))).toBe(sha(one));
    expect(sha(await gzipped(input, { inFlight: 2, chunk: 7 * 1024 + 3 }))).toBe(sha(one));
    expect(sha(await gzipped(input, { inFlight: 3, chunk: 3 * GZIP_BLOCK_SIZE }))).toBe(sha(one));
    // The level is part of what comes out.
    expect(sha(await gzipped(input, { inFlight: 1, level: 1 }))).not.toBe(sha(one));
  });

  it('is within half a percent of single-stream gzip at the same level (each block starts from the 32 KiB before it)', async () => {
    const input = compressible(4 * GZIP_BLOCK_SIZE);
    const parallel = await gzipped(input);
    const single = gzipSync(input, { level: 6 });
    expect(parallel.length / single.length).toBeLessThan(1.005);
  });

  it('is read by GNU gzip, which checks the CRC and the length', async () => {
    const input = Buffer.concat([compressible(GZIP_BLOCK_SIZE + 12_345), randomBytes(GZIP_BLOCK_SIZE)]);
    const dir = makeTempDir('ocikit-pgzip-');
    const file = join(dir, 'blocks.gz');
    writeFileSync(file, await gzipped(input));
    execFileSync('gzip', ['-t', file]);
    expect(execFileSync('gzip', ['-dc', file], { maxBuffer: 16 * 1024 * 1024 }).equals(input)).toBe(true);
  });

  it('passes a failure of its input on', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield compressible(GZIP_BLOCK_SIZE * 2);
      throw new Error('the tree changed while packing');
    }
    const consume = async (): Promise<void> => {
      for await (const _ of parallelGzip(failing())) void _;
    };
    await expect(consume()).rejects.toThrow('the tree changed while packing');
  });
});

describe('packDirectory', () => {
  it('packs a tree to one digest with 1 block in flight or 4 (one core or several)', async () => {
    const root = makeTempDir('ocikit-pack-blocks-');
    const tree = join(root, 'tree');
    execFileSync('mkdir', ['-p', join(tree, 'src'), join(tree, 'assets')]);
    writeFileSync(join(tree, 'src', 'app.js'), compressible(2 * GZIP_BLOCK_SIZE + 999));
    writeFileSync(join(tree, 'assets', 'blob.bin'), randomBytes(GZIP_BLOCK_SIZE));
    for (let i = 0; i < 200; i++) writeFileSync(join(tree, 'src', `module-${i}.js`), `export default ${i};\n`);
    const one = await packDirectory(tree, { name: 'tree', tempDir: join(root, 'tmp-1'), inFlight: 1 });
    const four = await packDirectory(tree, { name: 'tree', tempDir: join(root, 'tmp-4'), inFlight: 4 });
    expect(four.digest).toBe(one.digest);
    expect(four.tarDigest).toBe(one.tarDigest);
    expect(one.size).toBeGreaterThan(GZIP_BLOCK_SIZE); // several blocks, the random one among them
  });

  it('packs a tree to one tar+zstd digest with 1 frame in flight or 4', async () => {
    const root = makeTempDir('ocikit-pack-frames-');
    const tree = join(root, 'tree');
    execFileSync('mkdir', ['-p', join(tree, 'src'), join(tree, 'assets')]);
    // Over three 4 MiB frames, one of them incompressible.
    writeFileSync(join(tree, 'src', 'app.js'), compressible(9 * 1024 * 1024 + 999));
    writeFileSync(join(tree, 'assets', 'blob.bin'), randomBytes(4 * 1024 * 1024));
    const one = await packDirectory(tree, { name: 'tree', tempDir: join(root, 'tmp-1'), compression: 'zstd', inFlight: 1 });
    const four = await packDirectory(tree, { name: 'tree', tempDir: join(root, 'tmp-4'), compression: 'zstd', inFlight: 4 });
    expect(four.digest).toBe(one.digest);
    const gzip = await packDirectory(tree, { name: 'tree', tempDir: join(root, 'tmp-gzip') });
    expect(one.tarDigest).toBe(gzip.tarDigest); // the same tar, compressed otherwise
    expect([one.mediaType, gzip.mediaType]).toEqual(['application/vnd.oci.image.layer.v1.tar+zstd', 'application/vnd.oci.image.layer.v1.tar+gzip']);
    expect(one.digest).not.toBe(gzip.digest);
  });
});
