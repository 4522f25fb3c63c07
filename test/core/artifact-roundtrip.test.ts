import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  Annotation,
  MediaType,
  OciLayoutStore,
  RemoteRepository,
  type Target,
  digestOf,
  parseManifest,
  pullArtifact,
  pushArtifact,
} from '@ocikit/core';
import { makeTree, snapshotTree } from '../harness/fixtures.js';
import { readAll } from '../harness/outcomes.js';
import { schemaErrors } from '../harness/oci-schema.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

type TargetFactory = (name: string) => Promise<Target>;

const stores: Array<[string, TargetFactory]> = [
  ['the registry', async (name) => new RemoteRepository({ registry: registry.host, repository: `roundtrip/${name}` })],
  ['an OCI layout', async (name) => OciLayoutStore.open(join(makeTempDir('ocikit-layout-'), name), { create: true })],
];

describe.each(stores)('artifact push and pull through %s', (_label, open) => {
  it('round-trips files and a directory with contents, modes and links intact', async () => {
    const work = makeTempDir();
    const tree = await makeTree(work);
    const notes = join(work, 'notes.txt');
    await writeFile(notes, 'release notes\n');
    const target = await open('files');
    try {
      const pushed = await pushArtifact(target, {
        files: [{ path: notes }, { path: tree }],
        tags: ['v1', 'stable'],
        artifactType: 'application/vnd.example.bundle+json',
        annotations: { 'com.example.note': 'hello' },
      });
      expect(pushed.layers.map((l) => l.outcome)).toEqual(['uploaded', 'uploaded']);
      const { bytes, descriptor } = await target.fetchManifest('stable');
      expect(descriptor.digest).toBe(pushed.descriptor.digest);
      const manifest = JSON.parse(Buffer.from(bytes).toString('utf8'));
      expect(schemaErrors('image-manifest-schema', manifest)).toEqual([]);
      expect(manifest.artifactType).toBe('application/vnd.example.bundle+json');
      expect(manifest.config.mediaType).toBe(MediaType.Empty);
      expect(manifest.annotations['com.example.note']).toBe('hello');
      expect(manifest.layers[0]).toMatchObject({ mediaType: MediaType.DefaultFile, annotations: { [Annotation.Title]: 'notes.txt' } });
      expect(manifest.layers[1]).toMatchObject({
        mediaType: MediaType.LayerGzip,
        annotations: { [Annotation.Title]: 'site', [Annotation.OrasUnpack]: 'true' },
      });

      const out = makeTempDir();
      const pulled = await pullArtifact(target, 'v1', { outputDir: out });
      expect(pulled.files.map((f) => [f.title, f.unpacked])).toEqual([
        ['notes.txt', false],
        ['site', true],
      ]);
      expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('release notes\n');
      expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(tree));
      expect((await readdir(out)).sort()).toEqual(['notes.txt', 'site']); // no staging left behind
    } finally {
      await target.close();
    }
  });

  it('packs a directory as tar+zstd when asked: the same tar as gzip, unpacked the same', async () => {
    const work = makeTempDir();
    const tree = await makeTree(work);
    const target = await open('zstd');
    try {
      const gzip = await pushArtifact(target, { files: [{ path: tree }], tags: ['gzip'], sourceDateEpoch: 1_700_000_000 });
      const zstd = await pushArtifact(target, { files: [{ path: tree }], tags: ['zstd'], sourceDateEpoch: 1_700_000_000, compression: 'zstd' });
      const [gzipLayer, zstdLayer] = [gzip.manifest.layers[0]!, zstd.manifest.layers[0]!];
      expect(zstdLayer.mediaType).toBe(MediaType.LayerZstd);
      expect(zstdLayer.digest).not.toBe(gzipLayer.digest);
      // The tar inside is the same bytes: only how they are compressed differs.
      expect(zstdLayer.annotations).toEqual(gzipLayer.annotations);
      const blob = await readAll(await target.fetchBlob(zstdLayer));
      expect(blob.readUInt32LE(0)).toBe(0xfd2fb528); // a zstd frame
      const out = makeTempDir();
      await pullArtifact(target, 'zstd', { outputDir: out });
      expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(tree));
    } finally {
      await target.close();
    }
  });

  it('uploads nothing when the same content is pushed again', async () => {
    const work = makeTempDir();
    const file = join(work, 'big.bin');
    await writeFile(file, randomBytes(300_000));
    const target = await open('repush');
    try {
      const first = await pushArtifact(target, { files: [{ path: file }], tags: ['a'] });
      const second = await pushArtifact(target, { files: [{ path: file }], tags: ['b'] });
      expect(first.layers[0]!.outcome).toBe('uploaded');
      expect(second.layers[0]!.outcome).toBe('skipped');
    } finally {
      await target.close();
    }
  });

  it('gives the same manifest digest for the same inputs under SOURCE_DATE_EPOCH', async () => {
    const work = makeTempDir();
    const tree = await makeTree(work);
    const digests: string[] = [];
    for (const name of ['repro-a', 'repro-b']) {
      const target = await open(name);
      try {
        const result = await pushArtifact(target, { files: [{ path: tree }], tags: ['v1'], sourceDateEpoch: 1_700_000_000 });
        digests.push(result.descriptor.digest);
        expect(result.manifest.annotations?.[Annotation.Created]).toBe('2023-11-14T22:13:20Z');
      } finally {
        await target.close();
      }
      await writeFile(join(tree, 'index.html'), '<h1>ocikit</h1>\n'); // same bytes, new mtime
    }
    expect(digests[0]).toBe(digests[1]);
  });

  it('pushes standard input as a titled layer and pulls one layer by media type', async () => {
    const target = await open('stdin');
    try {
      const other = join(makeTempDir(), 'other.json');
      await writeFile(other, '{"a":1}');
      await pushArtifact(target, {
        files: [{ path: '-', mediaType: 'text/plain' }, { path: other, mediaType: 'application/json' }],
        tags: ['v1'],
        stdin: Readable.from([Buffer.from('from a pipe\n')]),
        stdinName: 'log.txt',
      });
      const out = makeTempDir();
      const pulled = await pullArtifact(target, 'v1', { outputDir: out, mediaTypes: ['text/plain'] });
      expect(pulled.files.map((f) => f.title)).toEqual(['log.txt']);
      expect(await readdir(out)).toEqual(['log.txt']);
      expect(await readFile(join(out, 'log.txt'), 'utf8')).toBe('from a pipe\n');
    } finally {
      await target.close();
    }
  });

  it('refuses two inputs with the same title and pushes nothing', async () => {
    const a = join(makeTempDir(), 'same.txt');
    const b = join(makeTempDir(), 'same.txt');
    await writeFile(a, 'a');
    await writeFile(b, 'b');
    const target = await open('dup');
    try {
      await expect(pushArtifact(target, { files: [{ path: a }, { path: b }], tags: ['v1'] })).rejects.toThrow(
        'two inputs would both be titled "same.txt"',
      );
      expect(await target.tags()).toEqual([]);
    } finally {
      await target.close();
    }
  });
});

describe('pulling from a hostile artifact', () => {
  const hostile = async (name: string, titles: string[]): Promise<Target> => {
    const target = new RemoteRepository({ registry: registry.host, repository: `hostile/${name}` });
    const file = join(makeTempDir(), 'payload');
    await writeFile(file, 'payload');
    const pushed = await pushArtifact(target, { files: titles.map(() => ({ path: file })).slice(0, 1), tags: ['base'] });
    // Rewrite the manifest's titles as a hostile pusher would, then push it as-is.
    const manifest = { ...pushed.manifest, layers: titles.map((title) => ({ ...pushed.manifest.layers[0]!, annotations: { [Annotation.Title]: title } })) };
    const bytes = new TextEncoder().encode(JSON.stringify(manifest));
    await target.pushManifest({ mediaType: MediaType.ImageManifest, digest: digestOf(bytes), size: bytes.length }, bytes, 'evil');
    parseManifest(bytes, 'self-check');
    return target;
  };

  it.each([
    [['../escape.txt'], 'refusing layer title "../escape.txt": it contains ".."'],
    [['/etc/cron.d/evil'], 'refusing layer title "/etc/cron.d/evil": it is an absolute path'],
    [['a/../../b'], 'it contains ".."'],
    [['ok.txt', 'ok.txt'], 'has two layers titled "ok.txt"'],
  ])('refuses titles %j and writes nothing', async (titles, message) => {
    const target = await hostile(`t${titles.length}${titles[0]!.length}`, titles);
    const out = makeTempDir();
    await writeFile(join(out, 'existing.txt'), 'keep me');
    try {
      await expect(pullArtifact(target, 'evil', { outputDir: out })).rejects.toThrow(message);
      expect(await readdir(out)).toEqual(['existing.txt']);
    } finally {
      await target.close();
    }
  });

  it('writes nothing when one layer of several fails verification', async () => {
    const dir = makeTempDir();
    const store = await OciLayoutStore.open(join(dir, 'layout'), { create: true });
    const good = join(dir, 'good.txt');
    const bad = join(dir, 'bad.txt');
    await writeFile(good, 'good');
    await writeFile(bad, 'bad');
    const pushed = await pushArtifact(store, { files: [{ path: good }, { path: bad }], tags: ['v1'] });
    const badDigest = pushed.layers[1]!.descriptor.digest.split(':')[1]!;
    await writeFile(join(dir, 'layout', 'blobs', 'sha256', badDigest), 'BAD'); // same size, other bytes
    const out = makeTempDir();
    await expect(pullArtifact(store, 'v1', { outputDir: out })).rejects.toThrow('does not match its digest');
    expect(await readdir(out)).toEqual([]);
  });
});
