import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { OciLayoutStore } from '../../packages/core/src/layout/oci-layout-store.js';
import { OcikitError } from '../../packages/core/src/errors.js';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import { type Descriptor, encodeManifest, type ImageManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { Annotation } from '../../packages/core/src/oci/annotations.js';
import type { BlobSource } from '../../packages/core/src/target/target.js';
import { failureOf, readAll } from '../harness/outcomes.js';

const run = promisify(execFile);
let scratch: string;
let count = 0;
const fresh = (label: string): string => join(scratch, `${label}-${++count}`);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ocikit-layout-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function describeBytes(bytes: Uint8Array, mediaType: string): Descriptor {
  return { mediaType, digest: digestOf(bytes), size: bytes.length };
}

function source(descriptor: Descriptor, bytes: Uint8Array): BlobSource {
  return { descriptor, open: (start = 0) => Readable.from([Buffer.from(bytes.subarray(start))]) };
}

/** A manifest (with its config blob pushed) whose content differs by `label`. */
async function pushArtifact(store: OciLayoutStore, label: string, tag?: string): Promise<{ descriptor: Descriptor; bytes: Uint8Array }> {
  const config = new TextEncoder().encode(JSON.stringify({ label }));
  const configDescriptor = describeBytes(config, 'application/vnd.example.config+json');
  await store.pushBlob(source(configDescriptor, config));
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: configDescriptor, layers: [] };
  const bytes = encodeManifest(manifest);
  const descriptor = describeBytes(bytes, MediaType.ImageManifest);
  await store.pushManifest(descriptor, bytes, tag);
  return { descriptor, bytes };
}

async function readIndexJson(dir: string): Promise<{ schemaVersion: number; mediaType: string; manifests: Descriptor[] }> {
  return JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
}

describe('opening', () => {
  it('creates a layout in a new directory', async () => {
    const dir = join(fresh('create'), 'nested');
    const store = await OciLayoutStore.open(dir, { create: true });
    expect(store.name).toBe(`oci-layout:${dir}`);
    expect(JSON.parse(await readFile(join(dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    expect(await readIndexJson(dir)).toEqual({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] });
    expect((await stat(join(dir, 'blobs', 'sha256'))).isDirectory()).toBe(true);
    expect(await store.tags()).toEqual([]);
    // Reopening, with or without create, keeps what is there.
    await pushArtifact(store, 'a', 'v1');
    expect(await (await OciLayoutStore.open(dir)).tags()).toEqual(['v1']);
    expect(await (await OciLayoutStore.open(dir, { create: true })).tags()).toEqual(['v1']);
    await store.close();
  });

  it('creates a layout in an existing empty directory', async () => {
    const dir = fresh('empty');
    await mkdir(dir);
    await expect(OciLayoutStore.open(dir)).rejects.toThrow(`oci-layout:${dir} is not an OCI image layout`);
    await OciLayoutStore.open(dir, { create: true });
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['oci-layout', 'index.json', 'blobs']));
  });

  it('refuses a missing directory without create, naming the path', async () => {
    const dir = fresh('missing');
    const error = await failureOf(OciLayoutStore.open(dir));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(dir);
  });

  it('refuses a non-empty directory that is not a layout, even with create', async () => {
    const dir = fresh('foreign');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    for (const options of [{}, { create: true }]) {
      const error = await failureOf(OciLayoutStore.open(dir, options));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`oci-layout:${dir} is not an OCI image layout: it has no oci-layout file`);
    }
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('refuses a file, a bad oci-layout, a foreign version and a broken index.json', async () => {
    const file = fresh('file');
    await writeFile(file, 'x');
    expect((await failureOf(OciLayoutStore.open(file, { create: true }))).message).toContain('is not a directory');

    const dir = fresh('broken');
    await OciLayoutStore.open(dir, { create: true });
    await writeFile(join(dir, 'oci-layout'), 'not json');
    expect((await failureOf(OciLayoutStore.open(dir))).message).toContain('oci-layout is not JSON');
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"2.0.0"}');
    expect((await failureOf(OciLayoutStore.open(dir))).code).toBe('UNSUPPORTED');

    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(join(dir, 'index.json'), '{"schemaVersion":2,"manifests":[{"digest":"nope"}]}');
    const error = await failureOf(OciLayoutStore.open(dir));
    expect(error.message).toContain(`index.json of oci-layout:${dir}`);

    await rm(join(dir, 'index.json'));
    expect((await failureOf(OciLayoutStore.open(dir))).message).toContain('it has no index.json');
    await OciLayoutStore.open(dir, { create: true }); // create repairs a missing index
    expect((await readIndexJson(dir)).manifests).toEqual([]);
  });
});

describe('blobs', () => {
  const content = new TextEncoder().encode('hello, layout\n');
  const descriptor = describeBytes(content, MediaType.Layer);
  const blobFile = (dir: string, d: Descriptor): string => join(dir, 'blobs', 'sha256', d.digest.slice('sha256:'.length));

  it('pushes a blob once, then skips it, reporting progress', async () => {
    const dir = fresh('blob');
    const store = await OciLayoutStore.open(dir, { create: true });
    const events: string[] = [];
    const progress = {
      start: (d: Descriptor) => events.push(`start ${d.size}`),
      bytes: (_d: Descriptor, n: number) => events.push(`bytes ${n}`),
      done: (_d: Descriptor, outcome: string) => events.push(`done ${outcome}`),
    };
    expect(await store.exists(descriptor)).toBe(false);
    expect(await store.pushBlob(source(descriptor, content), { progress })).toBe('uploaded');
    expect(events).toEqual([`start ${content.length}`, `bytes ${content.length}`, 'done written']);
    expect(await readFile(blobFile(dir, descriptor))).toEqual(Buffer.from(content));
    expect(await store.exists(descriptor)).toBe(true);
    expect(await store.exists({ ...descriptor, size: 1 })).toBe(false);

    events.length = 0;
    const unused: BlobSource = { descriptor, open: () => { throw new Error('a skipped blob is not read'); } };
    expect(await store.pushBlob(unused, { progress })).toBe('skipped');
    expect(events).toEqual([`start ${content.length}`, 'done skipped']);

    expect(await readAll(await store.fetchBlob(descriptor))).toEqual(Buffer.from(content));
  });

  it('refuses bytes that do not match the digest and leaves nothing behind', async () => {
    const dir = fresh('mismatch');
    const store = await OciLayoutStore.open(dir, { create: true });
    const wrong = new TextEncoder().encode('hello, LAYOUT\n'); // same size, other digest
    const longer = new TextEncoder().encode('hello, layout\n and more');
    for (const bytes of [wrong, longer, content.subarray(0, 5)]) {
      const error = await failureOf(store.pushBlob(source(descriptor, bytes)));
      expect(error.code).toBe('DIGEST_MISMATCH');
    }
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
    expect(await store.exists(descriptor)).toBe(false);
  });

  it('stops a push when its signal aborts', async () => {
    const store = await OciLayoutStore.open(fresh('abort'), { create: true });
    const controller = new AbortController();
    controller.abort();
    await expect(store.pushBlob(source(descriptor, content), { signal: controller.signal })).rejects.toThrow();
    expect(await store.exists(descriptor)).toBe(false);

    // Aborted halfway: the temp file goes too.
    const later = new AbortController();
    const slow: BlobSource = {
      descriptor,
      open: () =>
        Readable.from(
          (async function* () {
            yield Buffer.from(content.subarray(0, 4));
            later.abort();
            await new Promise((r) => setTimeout(r, 50));
            yield Buffer.from(content.subarray(4));
          })(),
        ),
    };
    await expect(store.pushBlob(slow, { signal: later.signal })).rejects.toThrow();
    expect(await readdir(join(store.name.slice('oci-layout:'.length), 'blobs', 'sha256'))).toEqual([]);
  });

  it('verifies blobs as they are read', async () => {
    const dir = fresh('fetch');
    const store = await OciLayoutStore.open(dir, { create: true });
    await store.pushBlob(source(descriptor, content));
    await writeFile(blobFile(dir, descriptor), 'hello, LAYOUT\n'); // corrupted on disk, same size
    const stream = await store.fetchBlob(descriptor);
    await expect(readAll(stream)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });

    const missing = describeBytes(new TextEncoder().encode('absent'), MediaType.Layer);
    const error = await failureOf(store.fetchBlob(missing));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(`blob ${missing.digest} not found in oci-layout:${dir}`);
  });
});

describe('manifests and tags', () => {
  it('pushes a tagged manifest and resolves it by tag and by digest', async () => {
    const dir = fresh('tag');
    const store = await OciLayoutStore.open(dir, { create: true });
    const { descriptor, bytes } = await pushArtifact(store, 'one', 'v1');
    expect(await store.tags()).toEqual(['v1']);
    expect((await readIndexJson(dir)).manifests).toEqual([{ ...descriptor, annotations: { [Annotation.RefName]: 'v1' } }]);
    expect(await store.resolve('v1')).toEqual(descriptor);
    expect(await store.resolve(descriptor.digest)).toEqual(descriptor);
    const fetched = await store.fetchManifest('v1');
    expect(fetched.descriptor).toEqual(descriptor);
    expect(Buffer.from(fetched.bytes)).toEqual(Buffer.from(bytes));
    expect(Buffer.from((await store.fetchManifest(descriptor)).bytes)).toEqual(Buffer.from(bytes));
  });

  it('keeps an untagged manifest out of index.json yet resolves it by digest from its blob', async () => {
    const dir = fresh('untagged');
    const store = await OciLayoutStore.open(dir, { create: true });
    const { descriptor } = await pushArtifact(store, 'loose');
    expect(await store.listManifests()).toEqual([]);
    expect(await store.exists(descriptor)).toBe(true);
    expect(await store.resolve(descriptor.digest)).toEqual(descriptor);
    await store.tag(descriptor, 'later');
    expect(await store.resolve('later')).toEqual(descriptor);
  });

  it('moves a tag on re-tag and drops an untagged duplicate', async () => {
    const dir = fresh('retag');
    const store = await OciLayoutStore.open(dir, { create: true });
    const one = await pushArtifact(store, 'one', 'v1');
    const two = await pushArtifact(store, 'two', 'v1');
    expect((await store.resolve('v1')).digest).toBe(two.descriptor.digest);
    // The old manifest stays listed (untagged) so that it remains reachable, as skopeo does.
    expect((await store.listManifests()).map((e) => [e.digest, e.annotations?.[Annotation.RefName]])).toEqual([
      [one.descriptor.digest, undefined],
      [two.descriptor.digest, 'v1'],
    ]);
    // Tagging the untagged entry reuses it instead of listing the manifest twice.
    await store.tag(one.descriptor, 'a');
    await store.tag(one.descriptor, 'b');
    expect(await store.listManifests()).toHaveLength(3);
    // Moving "a" away leaves one's entry untagged while "b" still lists it: that entry goes.
    await store.tag(two.descriptor, 'a');
    const entries = (await store.listManifests()).map((e) => `${e.annotations?.[Annotation.RefName]}=${e.digest === one.descriptor.digest ? 'one' : 'two'}`);
    expect(entries.sort()).toEqual(['a=two', 'b=one', 'v1=two']);
    expect(await store.tags()).toEqual(['a', 'b', 'v1']);
    // Tagging again with the same manifest changes nothing.
    const before = await readFile(join(dir, 'index.json'), 'utf8');
    await store.tag(two.descriptor, 'a');
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe(before);
  });

  it('says which tag is missing where, and refuses bad tags and unknown manifests', async () => {
    const dir = fresh('errors');
    const store = await OciLayoutStore.open(dir, { create: true });
    const { descriptor, bytes } = await pushArtifact(store, 'x', 'v1');
    const error = await failureOf(store.resolve('v9'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(`tag "v9" not found in oci-layout:${dir}`);
    expect(error.hint).toContain('v1');

    expect((await failureOf(store.resolve(`sha256:${'0'.repeat(64)}`))).code).toBe('NOT_FOUND');
    expect((await failureOf(store.resolve('sha256:abc'))).code).toBe('INVALID_REFERENCE');
    for (const bad of ['-x', '.x', 'a/b', 'a:b', '', 'x'.repeat(129)]) {
      expect((await failureOf(store.tag(descriptor, bad))).code).toBe('INVALID_REFERENCE');
    }
    expect((await failureOf(store.pushManifest(descriptor, bytes, 'bad tag'))).code).toBe('INVALID_REFERENCE');
    const other = describeBytes(new TextEncoder().encode('{}'), MediaType.ImageManifest);
    expect((await failureOf(store.tag(other, 'v2'))).code).toBe('NOT_FOUND');
    // Bytes that are not what the descriptor says are never stored.
    expect((await failureOf(store.pushManifest({ ...descriptor, digest: other.digest }, bytes))).code).toBe('DIGEST_MISMATCH');
    // A manifest served under another media type is refused.
    expect((await failureOf(store.fetchManifest({ ...descriptor, mediaType: MediaType.ImageIndex }))).code).toBe('INVALID_MANIFEST');
    // Oversized descriptors are refused before anything is read.
    expect((await failureOf(store.fetchManifest({ ...descriptor, size: 5 * 1024 * 1024 }))).code).toBe('SIZE_LIMIT');
  });
});

describe('concurrent tagging', () => {
  it('keeps all 20 tags from one Promise.all', async () => {
    const store = await OciLayoutStore.open(fresh('conc'), { create: true });
    const { descriptor } = await pushArtifact(store, 'c');
    const tags = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    await Promise.all(tags.map((t) => store.tag(descriptor, t)));
    expect(await store.tags()).toEqual(tags);
  });

  it('keeps all tags from two stores on one directory', async () => {
    const dir = fresh('two-stores');
    const first = await OciLayoutStore.open(dir, { create: true });
    const second = await OciLayoutStore.open(dir);
    const { descriptor } = await pushArtifact(first, 'c');
    const tags = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);
    await Promise.all([...tags('a').map((t) => first.tag(descriptor, t)), ...tags('b').map((t) => second.tag(descriptor, t))]);
    expect(await first.tags()).toEqual([...tags('a'), ...tags('b')].sort());
  });

  it('keeps all tags from two processes', async () => {
    const dir = fresh('processes');
    const store = await OciLayoutStore.open(dir, { create: true });
    const { descriptor } = await pushArtifact(store, 'c');
    // The children run the TypeScript source with Node's type stripping; imports name .js, the files are .ts.
    const script = join(scratch, 'tagger.mjs');
    await writeFile(
      script,
      `import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    try { return next(specifier, context); } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
      throw error;
    }
  },
});
const [moduleUrl, dir, json, prefix, startAt] = process.argv.slice(2);
const { OciLayoutStore } = await import(moduleUrl);
const store = await OciLayoutStore.open(dir);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
// One at a time: every tag is then a separate lock round against the other process.
for (let i = 0; i < 10; i++) await store.tag(JSON.parse(json), prefix + i);
`,
    );
    const moduleUrl = new URL('../../packages/core/src/layout/oci-layout-store.ts', import.meta.url).href;
    const startAt = String(Date.now() + 1500);
    const child = (prefix: string) =>
      new Promise<void>((done, fail) => {
        const proc = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', script, moduleUrl, dir, JSON.stringify(descriptor), prefix, startAt], {
          stdio: ['ignore', 'inherit', 'pipe'],
        });
        let stderr = '';
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        proc.on('error', fail);
        proc.on('exit', (code) => (code === 0 ? done() : fail(new Error(`child ${prefix} exited ${code}: ${stderr}`))));
      });
    await Promise.all([child('p'), child('q')]);
    const expected = ['p', 'q'].flatMap((p) => Array.from({ length: 10 }, (_, i) => `${p}${i}`)).sort();
    expect(await store.tags()).toEqual(expected);
    expect(await readdir(dir)).not.toContain('index.json.lock');
  });

  it('waits for a held lock and breaks a stale one', async () => {
    const dir = fresh('lock');
    const store = await OciLayoutStore.open(dir, { create: true });
    const { descriptor } = await pushArtifact(store, 'l');
    const lock = join(dir, 'index.json.lock');

    await writeFile(lock, '999999@elsewhere\n');
    let finished = false;
    const tagging = store.tag(descriptor, 'waited').then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toBe(false);
    await rm(lock);
    await tagging;
    expect(await store.tags()).toEqual(['waited']);

    await writeFile(lock, '999999@crashed\n');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    await store.tag(descriptor, 'after-crash');
    expect(await store.tags()).toEqual(['after-crash', 'waited']);
    expect((await readdir(dir)).filter((f) => f.includes('.lock'))).toEqual([]);
  });
});

describe('interop with skopeo and umoci', () => {
  const policy = () => join(scratch, 'policy.json');
  const skopeo = (...args: string[]) => run('skopeo', ['--policy', policy(), ...args], { encoding: 'buffer', maxBuffer: 16 << 20 });
  const fileContent = 'hello from ocikit\n';
  let dir: string;
  let manifestBytes: Uint8Array;
  let manifestDescriptor: Descriptor;

  beforeAll(async () => {
    await writeFile(policy(), JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
    // A real image: one gzip layer made by GNU tar, its config with the uncompressed diff ID, a manifest tagged v1.
    const rootfs = fresh('rootfs');
    await mkdir(rootfs);
    await writeFile(join(rootfs, 'hello.txt'), fileContent);
    const tarFile = `${rootfs}.tar`;
    await run('tar', ['-C', rootfs, '-cf', tarFile, 'hello.txt']);
    const tar = await readFile(tarFile);
    const layer = gzipSync(tar);
    const layerDescriptor = describeBytes(layer, MediaType.LayerGzip);
    const config = new TextEncoder().encode(
      JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [digestOf(tar)] } }),
    );
    const configDescriptor = describeBytes(config, MediaType.ImageConfig);
    manifestBytes = encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: configDescriptor, layers: [layerDescriptor] });
    manifestDescriptor = describeBytes(manifestBytes, MediaType.ImageManifest);

    dir = fresh('image');
    const store = await OciLayoutStore.open(dir, { create: true });
    await store.pushBlob(source(layerDescriptor, layer));
    await store.pushBlob(source(configDescriptor, config));
    await store.pushManifest(manifestDescriptor, manifestBytes, 'v1');
  });

  it('umoci unpacks the image', async () => {
    const bundle = fresh('bundle');
    await run('umoci', ['unpack', '--rootless', '--image', `${dir}:v1`, bundle]);
    expect(await readFile(join(bundle, 'rootfs', 'hello.txt'), 'utf8')).toBe(fileContent);
  });

  it('skopeo reads the exact manifest and copies the image', async () => {
    const { stdout } = await skopeo('inspect', '--raw', `oci:${dir}:v1`);
    expect(Buffer.from(stdout)).toEqual(Buffer.from(manifestBytes));
    const target = fresh('copied');
    await skopeo('copy', `oci:${dir}:v1`, `oci:${target}:copied`);
    const copy = await OciLayoutStore.open(target);
    expect(await copy.tags()).toEqual(['copied']);
    expect((await copy.resolve('copied')).digest).toBe(manifestDescriptor.digest);
  });

  it('opens a layout skopeo wrote and verifies every blob in it', async () => {
    const target = fresh('skopeo-written');
    await skopeo('copy', `oci:${dir}:v1`, `oci:${target}:other`);
    const store = await OciLayoutStore.open(target);
    const descriptor = await store.resolve('other');
    const { bytes } = await store.fetchManifest(descriptor);
    const manifest = JSON.parse(new TextDecoder().decode(bytes)) as ImageManifest;
    for (const blob of [manifest.config, ...manifest.layers]) {
      const content = await readAll(await store.fetchBlob(blob));
      expect(content.length).toBe(blob.size);
    }
    expect(manifest.layers).toHaveLength(1);
  });

  it('reads tags that skopeo and umoci add to its layout, and they read its tags', async () => {
    await skopeo('copy', `oci:${dir}:v1`, `oci:${dir}:by-skopeo`);
    await run('umoci', ['tag', '--image', `${dir}:v1`, 'by-umoci']);
    const store = await OciLayoutStore.open(dir);
    expect(await store.tags()).toEqual(['by-skopeo', 'by-umoci', 'v1']);
    for (const tag of ['by-skopeo', 'by-umoci']) expect((await store.resolve(tag)).digest).toBe(manifestDescriptor.digest);
    await store.tag(manifestDescriptor, 'by-ocikit');
    const { stdout } = await run('umoci', ['ls', '--layout', dir]);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(['by-ocikit', 'by-skopeo', 'by-umoci', 'v1']);
  });
});
