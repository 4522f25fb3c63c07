// What a pull takes from an artifact and where it writes it, decision by decision:
// which index entry, which layers, how each lands (file, mode, unpacked tree, stdout),
// and what copyForPull copies. The store is an OCI layout on disk, with manifests
// written by hand where a pusher would not write them. Round trips through a registry
// too are artifact-roundtrip.test.ts; this file kills the mutants of
// artifact/pull-artifact.ts (docs/reliability.md).
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import {
  Annotation,
  type Descriptor,
  EMPTY_DESCRIPTOR,
  EMPTY_JSON,
  MediaType,
  OciLayoutStore,
  type Target,
  copyForPull,
  digestOf,
  hostPlatform,
  pullArtifact,
  inFrontEndWords,
} from '@ocikit/core';
import { makeTempDir } from '../harness/temp.js';
import { failureOf } from '../harness/outcomes.js';

const blob = (bytes: Uint8Array | string, mediaType: string, annotations: Record<string, string> = {}) => {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  const descriptor: Descriptor = { mediaType, digest: digestOf(data), size: data.length, ...(Object.keys(annotations).length ? { annotations } : {}) };
  return { descriptor, data };
};

/** Pushes blobs and a manifest listing them as layers; returns its descriptor. */
async function artifact(target: Target, layers: Array<ReturnType<typeof blob>>, tag?: string): Promise<Descriptor> {
  for (const { descriptor, data } of [{ descriptor: EMPTY_DESCRIPTOR, data: Buffer.from(EMPTY_JSON) }, ...layers]) {
    await target.pushBlob({ descriptor, open: () => Readable.from([data]) });
  }
  const manifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: 'application/vnd.example', config: EMPTY_DESCRIPTOR, layers: layers.map((l) => l.descriptor) };
  return pushJson(target, manifest, MediaType.ImageManifest, tag);
}

async function pushJson(target: Target, document: unknown, mediaType: string, tag?: string, extra: Partial<Descriptor> = {}): Promise<Descriptor> {
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  const descriptor: Descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length, ...extra };
  await target.pushManifest(descriptor, bytes, tag);
  return descriptor;
}

async function index(target: Target, entries: Descriptor[], tag: string): Promise<Descriptor> {
  return pushJson(target, { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: entries }, MediaType.ImageIndex, tag);
}

async function layout(): Promise<OciLayoutStore> {
  return OciLayoutStore.open(join(makeTempDir('ocikit-pull-layout-'), 'layout'), { create: true });
}

/**
 * `target`, counting its blob fetches and the most that were under way at once (each
 * fetch is held a little, so fetches that may overlap do).
 */
function watched(target: Target): { target: Target; fetches: () => number; mostAtOnce: () => number } {
  let fetches = 0;
  let running = 0;
  let most = 0;
  const fetchBlob = async (descriptor: Descriptor) => {
    fetches++;
    most = Math.max(most, ++running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return await target.fetchBlob(descriptor);
    } finally {
      running--;
    }
  };
  const proxy = new Proxy(target, {
    get(object, property) {
      if (property === 'fetchBlob') return fetchBlob;
      const value = Reflect.get(object, property, object) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
  return { target: proxy, fetches: () => fetches, mostAtOnce: () => most };
}

const titled = (title: string, content: string | Uint8Array, more: Record<string, string> = {}, mediaType = 'text/plain') =>
  blob(content, mediaType, { [Annotation.Title]: title, ...more });

/** An index of one artifact per platform, whose single file says which platform it is. */
async function platformIndex(target: Target, platforms: string[], tag = 'multi'): Promise<Descriptor> {
  const entries: Descriptor[] = [];
  for (const platform of platforms) {
    const [os, architecture, variant] = platform.split('/');
    const manifest = await artifact(target, [titled('which.txt', platform)]);
    entries.push({ ...manifest, platform: { os: os!, architecture: architecture!, ...(variant ? { variant } : {}) } });
  }
  return index(target, entries, tag);
}

describe('pulling from an index', () => {
  it('takes the entry for the platform asked for, and says which it took', async () => {
    const store = await layout();
    const multi = await platformIndex(store, ['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    for (const platform of ['linux/arm64', { os: 'linux', architecture: 'arm', variant: 'v7' }]) {
      const out = makeTempDir();
      const pulled = await pullArtifact(store, 'multi', { outputDir: out, platform });
      const name = typeof platform === 'string' ? platform : 'linux/arm/v7';
      expect(await readFile(join(out, 'which.txt'), 'utf8')).toBe(name);
      expect(pulled.index).toEqual(multi);
      expect(pulled.platform).toMatchObject(typeof platform === 'string' ? { os: 'linux', architecture: 'arm64' } : platform);
    }
  });

  it("takes this machine's entry when no platform is asked for", async () => {
    const store = await layout();
    const host = hostPlatform();
    const here = `${host.os}/${host.architecture}${host.variant ? `/${host.variant}` : ''}`;
    await platformIndex(store, ['windows/riscv64', here]);
    const out = makeTempDir();
    await pullArtifact(store, 'multi', { outputDir: out });
    expect(await readFile(join(out, 'which.txt'), 'utf8')).toBe(here);
  });

  it('takes an older compatible entry only when allowed, and warns that it did', async () => {
    const store = await layout();
    await platformIndex(store, ['linux/arm/v6', 'linux/amd64']);
    const strict = await failureOf(pullArtifact(store, 'multi', { outputDir: makeTempDir(), platform: 'linux/arm/v7' }));
    expect(strict.code).toBe('NOT_FOUND');
    expect(strict.message).toBe('oci-layout:' + store.name.replace(/^oci-layout:/, '') + ':multi has no entry for linux/arm/v7');
    expect(inFrontEndWords(strict.hint!)).toBe('it has linux/arm/v6, linux/amd64; pick one with --platform, or accept an older compatible one with --compatible-platforms');
    const warnings: string[] = [];
    const out = makeTempDir();
    await pullArtifact(store, 'multi', { outputDir: out, platform: 'linux/arm/v7', compatiblePlatforms: true, progress: { warning: (m) => warnings.push(m) } });
    expect(await readFile(join(out, 'which.txt'), 'utf8')).toBe('linux/arm/v6');
    expect(warnings).toEqual([`${store.name}:multi: no linux/arm/v7 entry; taking the compatible linux/arm/v6`]);
    // An exact match is no news.
    warnings.splice(0);
    await pullArtifact(store, 'multi', { outputDir: makeTempDir(), platform: 'linux/amd64', compatiblePlatforms: true, progress: { warning: (m) => warnings.push(m) } });
    expect(warnings).toEqual([]);
  });

  it('names what it has when it has no entry for the platform', async () => {
    const store = await layout();
    await platformIndex(store, ['windows/riscv64']);
    const here = await failureOf(pullArtifact(store, 'multi', { outputDir: makeTempDir() }));
    expect(here.message).toMatch(/ has no entry for .+ \(this machine\)$/);
    const other = await failureOf(pullArtifact(store, 'multi', { outputDir: makeTempDir(), platform: 'linux/s390x' }));
    expect(other.message).toMatch(/ has no entry for linux\/s390x$/);
    expect(inFrontEndWords(other.hint!)).toBe('it has windows/riscv64; pick one with --platform');
    const amd = await failureOf(pullArtifact(store, 'multi', { outputDir: makeTempDir(), platform: 'linux/amd64' }));
    expect(inFrontEndWords(amd.hint!)).toBe('it has windows/riscv64; pick one with --platform, or accept an older compatible one with --compatible-platforms');
    // An index whose entries name no platform.
    const plain = await artifact(store, [titled('a.txt', 'a')]);
    await index(store, [plain], 'bare');
    const bare = await failureOf(pullArtifact(store, 'bare', { outputDir: makeTempDir(), platform: 'linux/amd64' }));
    expect(bare.code).toBe('NOT_FOUND');
    expect(bare.hint).toBe('none of its entries names a platform; pull one by digest');
  });

  it('refuses an entry that is an index itself, and an index named by digest, as no artifact', async () => {
    const store = await layout();
    const inner = await platformIndex(store, ['linux/amd64'], 'inner');
    await index(store, [{ ...inner, platform: { os: 'linux', architecture: 'arm64' } }], 'outer');
    const nested = await failureOf(pullArtifact(store, 'outer', { outputDir: makeTempDir(), platform: 'linux/arm64' }));
    expect(nested.code).toBe('UNSUPPORTED');
    expect(nested.message).toBe(`${store.name}:outer is an index of 1 manifests, not an artifact`);
  });
});

describe('which layers a pull takes', () => {
  it('takes the titled layers, of the media types asked for, skipping untitled ones with a warning', async () => {
    const store = await layout();
    const untitled = blob('no title', 'text/plain');
    await artifact(store, [titled('a.txt', 'a'), untitled, titled('b.json', '{}', {}, 'application/json')], 'v1');
    const warnings: string[] = [];
    const out = makeTempDir();
    const all = await pullArtifact(store, 'v1', { outputDir: out, mediaTypes: [], progress: { warning: (m) => warnings.push(m) } });
    expect(all.files.map((f) => [f.title, f.path, f.unpacked])).toEqual([
      ['a.txt', join(out, 'a.txt'), false],
      ['b.json', join(out, 'b.json'), false],
    ]);
    expect(warnings).toEqual([`skipping layer ${untitled.descriptor.digest} of ${store.name}:v1: it has no title`]);
    const json = await pullArtifact(store, 'v1', { outputDir: makeTempDir(), mediaTypes: ['application/json'] });
    expect(json.files.map((f) => f.title)).toEqual(['b.json']);
  });

  it.each([
    ['dir', 'dir/'],
    ['x', './x'],
    ['x', '././x'],
    ['dir', 'dir//'],
    ['x', 'x/.'],
    ['a/b', 'a/./b'],
  ])('refuses titles %j and %j as the same path', async (first, second) => {
    const store = await layout();
    await artifact(store, [titled(first, '1'), titled(second, '2')], 'v1');
    const out = makeTempDir();
    const error = await failureOf(pullArtifact(store, 'v1', { outputDir: out }));
    expect(error.code).toBe('UNSAFE_PATH');
    expect(error.message).toBe(`${store.name}:v1 has two layers titled "${second}"`);
    expect(await readdir(out)).toEqual([]);
  });

  it('takes titles that name different paths, however alike they look', async () => {
    const store = await layout();
    await artifact(store, [titled('a./x', '1'), titled('.x', '2'), titled('x', '3'), titled('ax', '4'), titled('a/b', '5'), titled('ab', '6')], 'v1');
    const out = makeTempDir();
    const pulled = await pullArtifact(store, 'v1', { outputDir: out });
    expect(pulled.files).toHaveLength(6);
    expect(await readFile(join(out, 'a', 'b'), 'utf8')).toBe('5');
    expect(await readFile(join(out, 'ab'), 'utf8')).toBe('6');
    expect(await readFile(join(out, 'a.', 'x'), 'utf8')).toBe('1');
    expect(await readFile(join(out, 'ax'), 'utf8')).toBe('4');
  });

  it('says when no titled layer matches, listing the types there are', async () => {
    const store = await layout();
    await artifact(store, [titled('a.txt', 'a'), blob('x', 'application/octet-stream')], 'v1');
    const typed = await failureOf(pullArtifact(store, 'v1', { outputDir: makeTempDir(), mediaTypes: ['image/png', 'image/gif'] }));
    expect(typed.code).toBe('NOT_FOUND');
    expect(typed.message).toBe(`${store.name}:v1 has no titled layer of type image/png, image/gif to pull`);
    expect(typed.hint).toBe('its layers: text/plain, application/octet-stream');
    await artifact(store, [blob('x', 'application/octet-stream')], 'untitled');
    const none = await failureOf(pullArtifact(store, 'untitled', { outputDir: makeTempDir() }));
    expect(none.message).toBe(`${store.name}:untitled has no titled layer to pull`);
    await artifact(store, [], 'empty');
    expect((await failureOf(pullArtifact(store, 'empty', { outputDir: makeTempDir() }))).hint).toBe('its layers: none');
  });
});

describe('how each layer lands', () => {
  it('gives a file the mode its annotation grants, and none without one', async () => {
    const store = await layout();
    await artifact(store, [titled('run.sh', '#!/bin/sh\n', { 'io.ocikit.file.mode': '0750' }), titled('plain.txt', 'p')], 'v1');
    const out = makeTempDir();
    await pullArtifact(store, 'v1', { outputDir: out });
    expect((await lstat(join(out, 'run.sh'))).mode & 0o777).toBe(0o750);
    expect((await lstat(join(out, 'plain.txt'))).mode & 0o777).toBe(0o644);
  });

  it('unpacks a layer only when its unpack annotation is exactly "true", below its title, checking its tar digest', async () => {
    const src = makeTempDir();
    await mkdir(join(src, 'site'));
    await writeFile(join(src, 'site', 'index.html'), '<h1>x</h1>');
    const tar = execFileSync('tar', ['-cf', '-', '-C', src, 'site']);
    const tarDigest = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
    const gz = gzipSync(tar);
    const store = await layout();
    await artifact(store, [titled('site', gz, { [Annotation.OrasUnpack]: 'true', [Annotation.OrasContentDigest]: tarDigest }, MediaType.LayerGzip)], 'good');
    const out = makeTempDir();
    const pulled = await pullArtifact(store, 'good', { outputDir: out });
    expect(pulled.files.map((f) => [f.title, f.unpacked])).toEqual([['site', true]]);
    expect(await readFile(join(out, 'site', 'index.html'), 'utf8')).toBe('<h1>x</h1>');

    await artifact(store, [titled('site.tgz', gz, { [Annotation.OrasUnpack]: 'True' }, MediaType.LayerGzip)], 'notquite');
    const kept = makeTempDir();
    expect((await pullArtifact(store, 'notquite', { outputDir: kept })).files[0]!.unpacked).toBe(false);
    expect(await readFile(join(kept, 'site.tgz'))).toEqual(gz);

    const other = `sha256:${'0'.repeat(64)}`;
    await artifact(store, [titled('site', gz, { [Annotation.OrasUnpack]: 'true', [Annotation.OrasContentDigest]: other }, MediaType.LayerGzip)], 'wrongdigest');
    expect((await failureOf(pullArtifact(store, 'wrongdigest', { outputDir: makeTempDir() }))).code).toBe('DIGEST_MISMATCH');

    await artifact(store, [titled('docs', gz, { [Annotation.OrasUnpack]: 'true' }, MediaType.LayerGzip)], 'beside');
    const beside = await failureOf(pullArtifact(store, 'beside', { outputDir: makeTempDir() }));
    expect(beside.code).toBe('UNSAFE_PATH');
    expect(beside.message).toContain('is outside "docs"');

    const bounded = await failureOf(pullArtifact(store, 'good', { outputDir: makeTempDir(), maxUnpackedBytes: 5 }));
    expect(bounded.code).toBe('SIZE_LIMIT');
  });

  it('reports progress: start, bytes, done for every layer', async () => {
    const store = await layout();
    const content = 'x'.repeat(3000);
    const layer = titled('a.txt', content);
    await artifact(store, [layer], 'v1');
    const events: string[] = [];
    await pullArtifact(store, 'v1', {
      outputDir: makeTempDir(),
      progress: {
        start: (d, name) => events.push(`start ${d.digest === layer.descriptor.digest} ${name}`),
        bytes: (d, n) => events.push(`bytes ${d.digest === layer.descriptor.digest} ${n}`),
        done: (d, outcome) => events.push(`done ${d.digest === layer.descriptor.digest} ${outcome}`),
      },
    });
    expect(events[0]).toBe('start true a.txt');
    expect(events.at(-2)).toBe('bytes true 3000');
    expect(events.at(-1)).toBe('done true downloaded');
  });

  it('overwrites what is there unless told to keep old files, and leaves no staging behind', async () => {
    const store = await layout();
    await artifact(store, [titled('a.txt', 'new')], 'v1');
    const out = makeTempDir();
    await writeFile(join(out, 'a.txt'), 'old');
    await expect(pullArtifact(store, 'v1', { outputDir: out, keepOldFiles: true })).rejects.toThrow();
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('old');
    await pullArtifact(store, 'v1', { outputDir: out, concurrency: 0 });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('new');
    expect(await readdir(out)).toEqual(['a.txt']);
  });

  it('fetches up to `concurrency` layers at once: 3 by default, at least 1', async () => {
    const store = await layout();
    await artifact(store, ['a', 'b', 'c', 'd', 'e'].map((name) => titled(`${name}.txt`, name)), 'v1');
    for (const [concurrency, most] of [[undefined, 3], [2, 2], [0, 1]] as const) {
      const seen = watched(store);
      await pullArtifact(seen.target, 'v1', { outputDir: makeTempDir(), ...(concurrency === undefined ? {} : { concurrency }) });
      expect([concurrency, seen.fetches(), seen.mostAtOnce()]).toEqual([concurrency, 5, most]);
    }
  });

  it('stages in a hidden directory inside the output directory, and leaves nothing beside it', async () => {
    const store = await layout();
    await artifact(store, [titled('a.txt', 'a')], 'v1');
    const parent = makeTempDir();
    const out = join(parent, 'out');
    let during: string[] = [];
    await pullArtifact(store, 'v1', { outputDir: out, progress: { done: () => void (during = readdirSync(out)) } });
    expect(during).toEqual([expect.stringMatching(/^\.ocikit-pull-/)]);
    expect(await readdir(parent)).toEqual(['out']);
    expect(await readdir(out)).toEqual(['a.txt']);
  });

  it('refuses, before a byte is downloaded, a file that cannot land: over a directory, or over anything with keepOldFiles', async () => {
    const store = await layout();
    await artifact(store, [titled('a.txt', 'a'), titled('docs/guide', 'g')], 'nested');
    const out = makeTempDir();
    await mkdir(join(out, 'docs', 'guide'), { recursive: true });
    const overDirectory = watched(store);
    const refused = await failureOf(pullArtifact(overDirectory.target, 'nested', { outputDir: out }));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toBe(`cannot replace directory ${join(out, 'docs', 'guide')} with a file`);
    expect(overDirectory.fetches()).toBe(0);

    // A directory layer titled with trailing slashes is checked at the path it lands on.
    const src = makeTempDir();
    await mkdir(join(src, 'site'));
    await writeFile(join(src, 'site', 'index.html'), 'x');
    const gz = gzipSync(execFileSync('tar', ['-cf', '-', '-C', src, 'site']));
    await artifact(store, [titled('site//', gz, { [Annotation.OrasUnpack]: 'true' }, MediaType.LayerGzip)], 'site');
    const kept = makeTempDir();
    await writeFile(join(kept, 'site'), 'a file where the directory would go');
    const overFile = watched(store);
    const keepOld = await failureOf(pullArtifact(overFile.target, 'site', { outputDir: kept, keepOldFiles: true }));
    expect(keepOld.message).toBe(`${join(kept, 'site')} already exists`);
    expect(overFile.fetches()).toBe(0);
  });

  it('merges a directory layer into a directory already there', async () => {
    const src = makeTempDir();
    await mkdir(join(src, 'site'));
    await writeFile(join(src, 'site', 'index.html'), 'new');
    const gz = gzipSync(execFileSync('tar', ['-cf', '-', '-C', src, 'site']));
    const store = await layout();
    await artifact(store, [titled('site', gz, { [Annotation.OrasUnpack]: 'true' }, MediaType.LayerGzip)], 'v1');
    const out = makeTempDir();
    await mkdir(join(out, 'site'));
    await writeFile(join(out, 'site', 'old.html'), 'old');
    await pullArtifact(store, 'v1', { outputDir: out, keepOldFiles: true });
    expect((await readdir(join(out, 'site'))).sort()).toEqual(['index.html', 'old.html']);
  });

  it('never lets one directory layer silently replace a file of another, whether they unpack at once or in turn', async () => {
    const first = makeTempDir();
    await mkdir(join(first, 'docs', 'api'), { recursive: true });
    await writeFile(join(first, 'docs', 'api', 'index.html'), 'from docs');
    const second = makeTempDir();
    await mkdir(join(second, 'docs', 'api'), { recursive: true });
    await writeFile(join(second, 'docs', 'api', 'index.html'), 'from docs/api');
    const layer = (dir: string, title: string) =>
      titled(title, gzipSync(execFileSync('tar', ['-cf', '-', '-C', dir, title])), { [Annotation.OrasUnpack]: 'true' }, MediaType.LayerGzip);
    const store = await layout();
    await artifact(store, [layer(first, 'docs'), layer(second, 'docs/api')], 'v1');
    const out = makeTempDir();
    // Both at once (they download side by side), and one after the other.
    for (const concurrency of [3, 1]) {
      const error = await failureOf(pullArtifact(store, 'v1', { outputDir: out, concurrency }));
      expect(error.code).toBe('UNSAFE_PATH');
      expect(error.message).toBe(`${store.name}:v1: layer "docs/api" writes a path an earlier layer wrote`);
      expect(error.detail).toMatch(/docs\/api\/index\.html already exists$/);
      expect(await readdir(out)).toEqual([]);
    }
  });

  it('creates the output directory', async () => {
    const store = await layout();
    await artifact(store, [titled('a.txt', 'a')], 'v1');
    const out = join(makeTempDir(), 'deep', 'er');
    await pullArtifact(store, 'v1', { outputDir: out });
    expect(await readdir(out)).toEqual(['a.txt']);
  });
});

describe('pulling to standard output', () => {
  function sink() {
    const chunks: Buffer[] = [];
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    return { stdout, text: () => Buffer.concat(chunks).toString('utf8') };
  }

  it('writes the one file, verified, and leaves standard output open', async () => {
    const store = await layout();
    const layer = titled('a.txt', 'to stdout');
    const manifest = await artifact(store, [layer], 'v1');
    const { stdout, text } = sink();
    const events: string[] = [];
    const pulled = await pullArtifact(store, 'v1', { outputDir: '-', stdout, progress: { start: (_d, n) => events.push(`start ${n}`), done: (_d, o) => events.push(`done ${o}`) } });
    expect(text()).toBe('to stdout');
    expect(stdout.writableEnded).toBe(false);
    expect(pulled).toEqual({ descriptor: manifest, manifest: expect.anything(), files: [{ title: 'a.txt', descriptor: layer.descriptor, path: '-', unpacked: false }] });
    expect(events).toEqual(['start a.txt', 'done downloaded']);
  });

  it('writes the entry of an index, and says which', async () => {
    const store = await layout();
    const multi = await platformIndex(store, ['linux/arm64']);
    const { stdout, text } = sink();
    const pulled = await pullArtifact(store, 'multi', { outputDir: '-', stdout, platform: 'linux/arm64' });
    expect(text()).toBe('linux/arm64');
    expect(pulled.index).toEqual(multi);
    expect(pulled.platform).toMatchObject({ os: 'linux', architecture: 'arm64' });
  });

  it('refuses more than one file, or no stream to write to', async () => {
    const store = await layout();
    await artifact(store, [titled('a.txt', 'a'), titled('b.txt', 'b')], 'two');
    const two = await failureOf(pullArtifact(store, 'two', { outputDir: '-', stdout: sink().stdout }));
    expect(two.code).toBe('INVALID_INPUT');
    expect(two.message).toBe('-o - writes one file to standard output, but 2 layers match');
    await artifact(store, [titled('a.txt', 'a')], 'one');
    expect((await failureOf(pullArtifact(store, 'one', { outputDir: '-' }))).code).toBe('INVALID_INPUT');
  });

  it('spools the file in a directory of its own under the temp directory, and removes it', async () => {
    const store = await layout();
    const content = `spooled ${randomUUID()}`;
    await artifact(store, [titled('a.txt', content)], 'v1');
    // Other processes use the temp directory too: ours is the spool holding this content.
    const ours = () =>
      readdirSync(tmpdir())
        .filter((name) => name.startsWith('ocikit-stdout-'))
        .filter((name) => {
          try {
            return readFileSync(join(tmpdir(), name, 'blob'), 'utf8') === content;
          } catch {
            return false;
          }
        });
    let during: string[] = [];
    const { stdout, text } = sink();
    await pullArtifact(store, 'v1', { outputDir: '-', stdout, progress: { done: () => void (during = ours()) } });
    expect(text()).toBe(content);
    expect(during).toHaveLength(1);
    expect(existsSync(join(tmpdir(), during[0]!))).toBe(false);
  });

  it('writes nothing when the file does not match its digest', async () => {
    const dir = makeTempDir();
    const store = await OciLayoutStore.open(join(dir, 'layout'), { create: true });
    const layer = titled('a.txt', 'right');
    await artifact(store, [layer], 'v1');
    await writeFile(join(dir, 'layout', 'blobs', 'sha256', layer.descriptor.digest.slice(7)), 'wrong');
    const { stdout, text } = sink();
    expect((await failureOf(pullArtifact(store, 'v1', { outputDir: '-', stdout }))).code).toBe('DIGEST_MISMATCH');
    expect(text()).toBe('');
  });
});

describe('copyForPull', () => {
  it('copies the manifests and layers the pull reads, and nothing else', async () => {
    const source = await layout();
    const multi = await platformIndex(source, ['linux/amd64', 'linux/arm64']);
    const destination = await layout();
    const root = await copyForPull(source, 'multi', destination, { platform: 'linux/arm64', concurrency: 0 });
    expect(root).toEqual(multi);
    const out = makeTempDir();
    await pullArtifact(destination, root.digest, { outputDir: out, platform: 'linux/arm64' });
    expect(await readFile(join(out, 'which.txt'), 'utf8')).toBe('linux/arm64');
    const [amd] = JSON.parse(Buffer.from((await source.fetchManifest('multi')).bytes).toString()).manifests as Descriptor[];
    expect(await destination.exists(amd!)).toBe(false);
    expect(await destination.exists(EMPTY_DESCRIPTOR)).toBe(false);
  });

  it('copies up to `concurrency` layers at once: 3 by default, at least 1', async () => {
    const source = await layout();
    await artifact(source, ['a', 'b', 'c', 'd', 'e'].map((name) => titled(`${name}.txt`, name)), 'v1');
    for (const [concurrency, most] of [[undefined, 3], [2, 2], [0, 1]] as const) {
      const seen = watched(source);
      await copyForPull(seen.target, 'v1', await layout(), concurrency === undefined ? {} : { concurrency });
      expect([concurrency, seen.fetches(), seen.mostAtOnce()]).toEqual([concurrency, 5, most]);
    }
  });

  it('copies only the layers of the media types asked for', async () => {
    const source = await layout();
    const text = titled('a.txt', 'a');
    const json = titled('b.json', '{}', {}, 'application/json');
    const manifest = await artifact(source, [text, json], 'v1');
    const destination = await layout();
    expect(await copyForPull(source, 'v1', destination, { mediaTypes: ['application/json'] })).toEqual(manifest);
    expect(await destination.exists(json.descriptor)).toBe(true);
    expect(await destination.exists(text.descriptor)).toBe(false);
    expect(await destination.exists(manifest)).toBe(true);
  });
});
