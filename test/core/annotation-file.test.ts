// oras's annotation file as core reads it, and the one rule for which manifest
// annotation wins: what the user gives one by one (`--annotation`, the `annotations`
// input) over the annotation file's `$manifest`, both over what the CI run adds
// (source, revision, created), all over ocikit's own `created`. Pushed into an OCI
// layout (no registry needed) and read back from the manifest as stored.
import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AnnotationFile,
  type ImageManifest,
  MediaType,
  OciLayoutStore,
  type PushArtifactOptions,
  isOcikitError,
  manifestAnnotations,
  parseAnnotationFile,
  parseManifest,
  pushArtifact,
  readAnnotationFile,
} from '@ocikit/core';
import { makeTempDir } from '../harness/temp.js';

const TITLE = 'org.opencontainers.image.title';
const CREATED = 'org.opencontainers.image.created';
const SOURCE = 'org.opencontainers.image.source';
const REVISION = 'org.opencontainers.image.revision';

/** A working directory: two files, a directory, a config; `push` runs there (paths as a user writes them). */
async function workspace(): Promise<string> {
  const dir = makeTempDir('ocikit-annotation-file-');
  await writeFile(join(dir, 'notes.txt'), 'release notes\n');
  await writeFile(join(dir, 'app.txt'), 'the app\n');
  await mkdir(join(dir, 'site'));
  await writeFile(join(dir, 'site', 'index.html'), '<h1>hi</h1>\n');
  await writeFile(join(dir, 'config.json'), '{"kind":"example"}\n');
  return dir;
}

/** Pushes from `cwd` into a fresh layout there and returns the manifest as stored. */
async function push(cwd: string, options: Omit<PushArtifactOptions, 'tags'>): Promise<ImageManifest> {
  const before = process.cwd();
  process.chdir(cwd);
  const store = await OciLayoutStore.open(makeTempDir('ocikit-annotation-layout-'), { create: true });
  try {
    await pushArtifact(store, { ...options, tags: ['v1'] });
    const { bytes } = await store.fetchManifest('v1');
    return parseManifest(bytes, 'test', MediaType.ImageManifest) as ImageManifest;
  } finally {
    process.chdir(before);
    await store.close();
  }
}

function layerAnnotations(manifest: ImageManifest): Array<Record<string, string> | undefined> {
  return manifest.layers.map((layer) => {
    const { 'io.deis.oras.content.digest': _tar, ...rest } = layer.annotations ?? {};
    return rest;
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isOcikitError(error)).toBe(true);
  return (error as Error).message;
}

describe('the annotation file', () => {
  it('$manifest goes on the manifest and $config on the empty config descriptor', async () => {
    const cwd = await workspace();
    const manifest = await push(cwd, {
      files: [{ path: 'app.txt' }],
      annotationFile: { $manifest: { 'org.example.release': '1.2.3' }, $config: { 'org.example.config': 'yes' } },
    });
    expect(manifest.annotations).toEqual({ [CREATED]: expect.any(String), 'org.example.release': '1.2.3' });
    expect(manifest.config).toEqual({ mediaType: MediaType.Empty, digest: expect.any(String), size: 2, annotations: { 'org.example.config': 'yes' } });
    // No $config: the empty descriptor carries no annotations at all.
    const plain = await push(cwd, { files: [{ path: 'app.txt' }], annotationFile: { $manifest: { a: 'b' } } });
    expect(plain.config.annotations).toBeUndefined();
  });

  it('$config goes on a --config blob and on a platform config too', async () => {
    const cwd = await workspace();
    const withConfig = await push(cwd, { files: [{ path: 'app.txt' }], config: { path: 'config.json' }, annotationFile: { $config: { 'org.example.config': 'file' } } });
    expect(withConfig.config).toMatchObject({ mediaType: MediaType.ImageConfig, size: 19, annotations: { 'org.example.config': 'file' } });
    const withPlatform = await push(cwd, {
      files: [{ path: 'app.txt' }],
      platform: { os: 'linux', architecture: 'arm64' },
      annotationFile: { $config: { 'org.example.config': 'platform' } },
    });
    expect(withPlatform.config).toMatchObject({ mediaType: MediaType.ImageConfig, annotations: { 'org.example.config': 'platform' } });
  });

  it("keys a file by its path as written (`./notes.txt`, `site/`) or by its title; the path as written wins over the title", async () => {
    const cwd = await workspace();
    const manifest = await push(cwd, {
      files: [{ path: './notes.txt' }, { path: 'site/' }, { path: 'app.txt' }],
      annotationFile: {
        './notes.txt': { 'org.example.kind': 'notes', 'org.example.by': 'path' },
        'notes.txt': { 'org.example.by': 'title', 'org.example.title-only': 'yes' },
        'site/': { 'org.example.kind': 'site' },
        'app.txt': { 'org.example.kind': 'app' },
      },
    });
    expect(layerAnnotations(manifest)).toEqual([
      { [TITLE]: 'notes.txt', 'org.example.kind': 'notes', 'org.example.by': 'path', 'org.example.title-only': 'yes' },
      { [TITLE]: 'site', 'org.example.kind': 'site', 'io.deis.oras.content.unpack': 'true' },
      { [TITLE]: 'app.txt', 'org.example.kind': 'app' },
    ]);
    // Per-file keys stay off the manifest and the config.
    expect(Object.keys(manifest.annotations ?? {})).toEqual([CREATED]);
    expect(manifest.config.annotations).toBeUndefined();
  });

  it('renames a layer by a title it gives, refuses a title that leaves the output, and never gives a file the $-entries', async () => {
    const cwd = await workspace();
    const renamed = await push(cwd, { files: [{ path: 'app.txt' }], annotationFile: { 'app.txt': { [TITLE]: 'bin/app' } } });
    expect(renamed.layers[0]!.annotations).toEqual({ [TITLE]: 'bin/app' });
    expect(await refusal(push(cwd, { files: [{ path: 'app.txt' }], annotationFile: { 'app.txt': { [TITLE]: '../escape' } } }))).toContain(
      'the annotation file titles app.txt "../escape", which cannot be a file name in an artifact: it contains ".."',
    );
    // A file named like a $-key is a file: `$config` of the file is not the config's.
    await writeFile(join(cwd, '$config'), 'odd name\n');
    const odd = await push(cwd, { files: [{ path: '$config' }], annotationFile: { $config: { 'org.example.config': 'yes' } } });
    expect(odd.layers[0]!.annotations).toEqual({ [TITLE]: '$config' });
    expect(odd.config.annotations).toEqual({ 'org.example.config': 'yes' });
  });

  it('parses oras\'s format and refuses anything else, naming the file and the key', async () => {
    const file: AnnotationFile = parseAnnotationFile('{"$manifest":{"a":"b"},"x.txt":{"c":"d"}}', 'a.json');
    expect(file).toEqual({ $manifest: { a: 'b' }, 'x.txt': { c: 'd' } });
    expect(() => parseAnnotationFile('{', 'a.json')).toThrow(/^annotation file a\.json is not valid JSON/);
    expect(() => parseAnnotationFile('[]', 'a.json')).toThrow('annotation file a.json must be a JSON object of objects');
    expect(() => parseAnnotationFile('{"x.txt":"d"}', 'a.json')).toThrow('annotation file a.json: "x.txt" must map to an object of strings');
    expect(() => parseAnnotationFile('{"$manifest":{"n":1}}', 'a.json')).toThrow('annotation file a.json: $manifest.n must be a string');
    const missing = join(makeTempDir(), 'absent.json');
    expect(await refusal(readAnnotationFile(missing))).toBe(`cannot read annotation file ${missing}: ENOENT`);
  });
});

describe('which manifest annotation wins (one rule for every front end)', () => {
  it('given > annotation file > CI run > ocikit\'s own, key by key', () => {
    expect(
      manifestAnnotations({
        own: { [CREATED]: 'own', k1: 'own', k2: 'own', k3: 'own', k4: 'own' },
        run: { k2: 'run', k3: 'run', k4: 'run' },
        file: { k3: 'file', k4: 'file' },
        given: { k4: 'given' },
      }),
    ).toEqual({ [CREATED]: 'own', k1: 'own', k2: 'run', k3: 'file', k4: 'given' });
  });

  it("push: the user's keys (the flag's and the file's) win over the run's source, revision and created; the run's over ocikit's created", async () => {
    const cwd = await workspace();
    const run = { [SOURCE]: 'https://ci.example.com/org/repo', [REVISION]: 'c0ffee', [CREATED]: '2025-06-01T12:34:56Z' };
    // The run's created wins over ocikit's own (SOURCE_DATE_EPOCH here).
    const byRun = await push(cwd, { files: [{ path: 'app.txt' }], sourceDateEpoch: 1_700_000_000, runAnnotations: run });
    expect(byRun.annotations).toEqual(run);
    // Without the run's, ocikit's own created: SOURCE_DATE_EPOCH.
    const own = await push(cwd, { files: [{ path: 'app.txt' }], sourceDateEpoch: 1_700_000_000 });
    expect(own.annotations).toEqual({ [CREATED]: '2023-11-14T22:13:20Z' });

    // The annotation file's $manifest over the run's, created included.
    const byFile = await push(cwd, {
      files: [{ path: 'app.txt' }],
      sourceDateEpoch: 1_700_000_000,
      runAnnotations: run,
      annotationFile: { $manifest: { [SOURCE]: 'https://example.com/mirror', [CREATED]: '2020-01-01T00:00:00Z' } },
    });
    expect(byFile.annotations).toEqual({ [SOURCE]: 'https://example.com/mirror', [REVISION]: 'c0ffee', [CREATED]: '2020-01-01T00:00:00Z' });

    // A key given one by one over the same key in the file, and over the run's.
    const byFlag = await push(cwd, {
      files: [{ path: 'app.txt' }],
      runAnnotations: run,
      annotationFile: { $manifest: { [SOURCE]: 'https://example.com/mirror', [CREATED]: '2020-01-01T00:00:00Z', 'org.example.k': 'file' } },
      annotations: { [CREATED]: '2019-05-05T05:05:05Z', [REVISION]: 'mine', 'org.example.k': 'flag' },
    });
    expect(byFlag.annotations).toEqual({ [SOURCE]: 'https://example.com/mirror', [REVISION]: 'mine', [CREATED]: '2019-05-05T05:05:05Z', 'org.example.k': 'flag' });

    // The user's created over ocikit's own, with no run at all.
    const userCreated = await push(cwd, { files: [{ path: 'app.txt' }], sourceDateEpoch: 1_700_000_000, annotations: { [CREATED]: '2019-05-05T05:05:05Z' } });
    expect(userCreated.annotations).toEqual({ [CREATED]: '2019-05-05T05:05:05Z' });
  });
});
