// index.json is replaced, never rewritten in place: a reader (skopeo, oras, another
// ocikit, a CI cache) that opens it at any moment parses a whole index, the one
// before a write or the one after. Told apart from an in-place write two ways: the
// file after a write is a new file (a new inode; a descriptor opened before still
// reads the old bytes whole), and a reader in another process, parsing in a tight
// loop through 200 tag writes, never sees a partial file.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { open, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Descriptor, MediaType, OciLayoutStore, digestOf, encodeManifest, type ImageManifest } from '@ocikit/core';
import { Readable } from 'node:stream';
import { makeTempDir } from '../harness/temp.js';

const WRITES = 200;

/** A layout holding one manifest (its config pushed), untagged. */
async function layoutWithManifest(): Promise<{ dir: string; store: OciLayoutStore; manifest: Descriptor }> {
  const dir = join(makeTempDir('ocikit-index-atomic-'), 'layout');
  const store = await OciLayoutStore.open(dir, { create: true });
  const config = Buffer.from('{"kind":"atomic"}');
  const configDescriptor: Descriptor = { mediaType: 'application/vnd.example.config+json', digest: digestOf(config), size: config.length };
  await store.pushBlob({ descriptor: configDescriptor, open: () => Readable.from([config]) });
  const document: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: configDescriptor, layers: [] };
  const bytes = encodeManifest(document);
  const manifest: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(bytes), size: bytes.length };
  await store.pushManifest(manifest, bytes);
  return { dir, store, manifest };
}

/** A tag long enough that index.json grows to tens of KiB over the writes (an in-place write then takes several syscalls). */
const tagName = (i: number): string => `release-${String(i).padStart(3, '0')}-${'x'.repeat(100)}`;

// Reads and parses index.json as fast as it can until stdin closes; prints what it saw.
const READER = `
const fs = require('node:fs');
const path = process.argv[2];
let reads = 0, failures = 0, firstFailure, stop = false;
const versions = new Set();
process.stdin.on('end', () => (stop = true)).resume();
process.stdout.write('ready\\n');
(function loop() {
  for (let i = 0; i < 200; i++) {
    const text = fs.readFileSync(path, 'utf8');
    reads++;
    try { versions.add(JSON.parse(text).manifests.length); }
    catch (error) { failures++; firstFailure ??= text.length + ' bytes: ' + error.message; }
  }
  if (stop) process.stdout.write(JSON.stringify({ reads, failures, firstFailure, versions: versions.size }) + '\\n');
  else setImmediate(loop);
})();
`;

describe("a layout's index.json is replaced, never rewritten in place", () => {
  it('a write gives index.json a new inode; a descriptor opened before still reads the old index whole', async () => {
    const { dir, store, manifest } = await layoutWithManifest();
    const path = join(dir, 'index.json');
    await store.tag(manifest, tagName(0));
    const before = await stat(path);
    const old = await open(path, 'r');
    try {
      const oldText = await old.readFile('utf8');
      await store.tag(manifest, tagName(1));
      const after = await stat(path);
      expect(after.ino).not.toBe(before.ino);
      // The old file is untouched: what was read through it before the write is still all it holds.
      const reread = Buffer.alloc(before.size + 1);
      const { bytesRead } = await old.read(reread, 0, reread.length, 0);
      expect(reread.subarray(0, bytesRead).toString('utf8')).toBe(oldText);
      expect(JSON.parse(oldText).manifests).toHaveLength(1);
    } finally {
      await old.close();
    }
    expect(await store.tags()).toEqual([tagName(0), tagName(1)]);
    // No temp file or lock left beside it.
    expect((await readdir(dir)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });

  it(`a reader in another process parses every index.json it reads during ${WRITES} tag writes`, async () => {
    const { dir, store, manifest } = await layoutWithManifest();
    const path = join(dir, 'index.json');
    const script = join(makeTempDir(), 'reader.cjs');
    await writeFile(script, READER);
    const reader = spawn(process.execPath, [script, path], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const ready = new Promise<void>((resolve) => reader.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), out.includes('ready\n') && resolve())));
    const exited = new Promise<number | null>((resolve) => reader.on('exit', resolve));
    await ready;
    for (let i = 0; i < WRITES; i++) await store.tag(manifest, tagName(i));
    reader.stdin.end();
    expect(await exited).toBe(0);
    const seen = JSON.parse(out.split('\n')[1]!) as { reads: number; failures: number; firstFailure?: string; versions: number };
    expect(seen.firstFailure).toBeUndefined();
    expect(seen.failures).toBe(0);
    // It read all along the writes: many different indexes (by number of entries), not one before and one after.
    expect(seen.versions).toBeGreaterThan(WRITES / 10);
    expect(await store.tags()).toHaveLength(WRITES);
  });
});
