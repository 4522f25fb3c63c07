// Binaries released per platform: one artifact per platform whose config
// records the platform (as `oras push --artifact-platform` writes it), the
// index over them, and pull taking the right file, executable, by platform.
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  type Descriptor,
  FILE_MODE_ANNOTATION,
  type ImageIndex,
  type ImageManifest,
  MediaType,
  RemoteRepository,
  type Target,
  hostPlatform,
  isOcikitError,
  parseAnnotationArgumentList,
  parseManifest,
  parsePlatform,
  platformString,
  pullArtifact,
  pushArtifact,
  releaseArtifacts,
  selectPlatform,
} from '@ocikit/core';
import { skopeo } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'darwin/arm64', 'linux/arm/v6'];

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isOcikitError(error)) throw new Error(`expected an OcikitError ${code}, got ${String(error)}`);
  expect(error.code).toBe(code);
}

async function readJson<T>(target: Target, descriptor: Descriptor): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of await target.fetchBlob(descriptor)) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

/** dist/tool-<os>-<arch>[-<variant>], executable, each with its own content. */
async function makeDist(): Promise<{ dir: string; files: Array<{ path: string; platform: string; content: string }> }> {
  const dir = makeTempDir();
  const files = [];
  for (const platform of PLATFORMS) {
    const path = join('dist', `tool-${platform.replaceAll('/', '-')}`);
    const content = `#!/bin/sh\necho "tool for ${platform}"\n`;
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'dist'), { recursive: true }));
    await writeFile(join(dir, path), content);
    await chmod(join(dir, path), 0o755);
    files.push({ path, platform, content });
  }
  return { dir, files };
}

describe('ocikit release: one artifact per platform and the index over them', () => {
  it('records each platform in an image config, keeps file name and executable bit, and pull picks by platform', async () => {
    const { dir, files } = await makeDist();
    const cwd = process.cwd();
    process.chdir(dir);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'releases/tool' });
    try {
      const result = await releaseArtifacts(repo, {
        files: files.map((f) => ({ path: f.path, platform: parsePlatform(f.platform) })),
        tags: ['v1.2.3', 'latest'],
        sourceDateEpoch: 1_700_000_000,
      });
      const fetched = await repo.fetchManifest('v1.2.3');
      expect(fetched.descriptor.digest).toBe(result.descriptor.digest);
      const index = parseManifest(fetched.bytes, 'test', MediaType.ImageIndex) as ImageIndex;
      expect(index.mediaType).toBe(MediaType.ImageIndex);
      expect(index.annotations).toEqual({ 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' });
      expect(index.manifests.map((m) => platformString(m.platform!))).toEqual(PLATFORMS);
      expect((await repo.resolve('latest')).digest).toBe(result.descriptor.digest);

      for (const [i, entry] of index.manifests.entries()) {
        const file = files[i]!;
        expect(entry.artifactType).toBe('application/vnd.unknown.artifact.v1');
        const manifest = parseManifest((await repo.fetchManifest(entry)).bytes, 'test', entry.mediaType) as ImageManifest;
        expect(manifest.artifactType).toBe('application/vnd.unknown.artifact.v1');
        // The config is what oras writes for --artifact-platform: json.Marshal(ocispec.Platform).
        expect(manifest.config.mediaType).toBe(MediaType.ImageConfig);
        const platform = parsePlatform(file.platform);
        const expectedConfig = JSON.stringify({ architecture: platform.architecture, os: platform.os, ...(platform.variant ? { variant: platform.variant } : {}) });
        expect(manifest.config.size).toBe(expectedConfig.length);
        expect(await readJson(repo, manifest.config)).toEqual(JSON.parse(expectedConfig));
        // The layer is the file itself: its digest is the file's sha256.
        expect(manifest.layers).toEqual([
          {
            mediaType: MediaType.DefaultFile,
            digest: `sha256:${createHash('sha256').update(file.content).digest('hex')}`,
            size: file.content.length,
            annotations: { 'org.opencontainers.image.title': basename(file.path), [FILE_MODE_ANNOTATION]: '0755' },
          },
        ]);
      }

      // skopeo shows the platform the config records.
      const inspected = JSON.parse((await skopeo(['inspect', '--tls-verify=false', '--override-os', 'darwin', '--override-arch', 'arm64', `docker://${registry.host}/releases/tool:v1.2.3`])).stdout);
      expect([inspected.Os, inspected.Architecture]).toEqual(['darwin', 'arm64']);
      // Digest is the index's; the layers are those of the darwin/arm64 artifact.
      expect(inspected.Digest).toBe(result.descriptor.digest);
      expect(inspected.Layers).toEqual([result.artifacts[2]!.result.layers[0]!.descriptor.digest]);

      // Pulled back: the right file per platform, executable.
      for (const file of files.slice(0, 3)) {
        const out = makeTempDir();
        const pulled = await pullArtifact(repo, 'v1.2.3', { outputDir: out, platform: file.platform });
        expect(platformString(pulled.platform!)).toBe(file.platform);
        expect(pulled.index?.digest).toBe(result.descriptor.digest);
        // Titled by its base name: a pull writes tool-linux-amd64, not dist/tool-linux-amd64.
        expect(pulled.files.map((f) => f.title)).toEqual([basename(file.path)]);
        expect(await readFile(join(out, basename(file.path)), 'utf8')).toBe(file.content);
        expect((await stat(join(out, basename(file.path)))).mode & 0o777).toBe(0o755);
      }
      // arm64 is arm64/v8.
      const v8 = await pullArtifact(repo, 'v1.2.3', { outputDir: makeTempDir(), platform: 'linux/arm64/v8' });
      expect(v8.descriptor.digest).toBe(index.manifests[1]!.digest);
    } finally {
      process.chdir(cwd);
      await repo.close();
    }
  });

  it("pulls this machine's platform by default, and arm/v6 for arm/v7 only when compatible platforms are asked for", async () => {
    const { dir, files } = await makeDist();
    const repo = new RemoteRepository({ registry: registry.host, repository: 'releases/compat' });
    try {
      const result = await releaseArtifacts(repo, { files: files.map((f) => ({ path: join(dir, f.path), platform: parsePlatform(f.platform) })), tags: ['v1'] });
      // Outside the working directory: titled by base name.
      expect(result.artifacts.map((a) => a.result.layers[0]!.descriptor.annotations?.['org.opencontainers.image.title'])).toEqual(files.map((f) => f.path.replace('dist/', '')));

      const host = selectPlatform(result.index.manifests, hostPlatform());
      if (host) {
        const pulled = await pullArtifact(repo, 'v1', { outputDir: makeTempDir() });
        expect(pulled.descriptor.digest).toBe(host.descriptor.digest);
      } else {
        await expectCode(pullArtifact(repo, 'v1', { outputDir: makeTempDir() }), 'NOT_FOUND');
      }

      await expectCode(pullArtifact(repo, 'v1', { outputDir: makeTempDir(), platform: 'linux/arm/v7' }), 'NOT_FOUND');
      const out = makeTempDir();
      const compatible = await pullArtifact(repo, 'v1', { outputDir: out, platform: 'linux/arm/v7', compatiblePlatforms: true });
      expect(platformString(compatible.platform!)).toBe('linux/arm/v6');
      expect(await readFile(join(out, 'tool-linux-arm-v6'), 'utf8')).toBe(files[3]!.content);
      // v6 never takes v7's (newer) file, compatible or not.
      await expectCode(pullArtifact(repo, 'v1', { outputDir: makeTempDir(), platform: 'linux/arm/v5', compatiblePlatforms: true }), 'NOT_FOUND');
    } finally {
      await repo.close();
    }
  });

  it('refuses two files for one platform before anything is pushed, and a platform with a config', async () => {
    const { dir, files } = await makeDist();
    const repo = new RemoteRepository({ registry: registry.host, repository: 'releases/dup' });
    try {
      await expectCode(
        releaseArtifacts(repo, {
          files: [
            { path: join(dir, files[1]!.path), platform: parsePlatform('linux/arm64') },
            { path: join(dir, files[0]!.path), platform: parsePlatform('linux/arm64/v8') },
          ],
          tags: ['v1'],
        }),
        'INVALID_INPUT',
      );
      expect(await repo.tags()).toEqual([]);
      await expectCode(
        pushArtifact(repo, { files: [{ path: join(dir, files[0]!.path) }], tags: ['x'], platform: parsePlatform('linux/amd64'), config: { path: join(dir, files[1]!.path) } }),
        'INVALID_INPUT',
      );
    } finally {
      await repo.close();
    }
  });

  it("puts Docker's prefixed annotations where the prefix says, per platform too, and refuses what has nowhere to go before a push", async () => {
    const { dir, files } = await makeDist();
    const repo = new RemoteRepository({ registry: registry.host, repository: 'releases/levels' });
    const releaseFiles = files.slice(0, 2).map((f) => ({ path: join(dir, f.path), platform: parsePlatform(f.platform) }));
    try {
      const result = await releaseArtifacts(repo, {
        files: releaseFiles,
        tags: ['v1'],
        sourceDateEpoch: 1_700_000_000,
        annotations: parseAnnotationArgumentList([
          'both=everywhere',
          'manifest:m=manifests only',
          'index:i=index only',
          'index,manifest:im=index and manifests',
          'manifest-descriptor:d=entries',
          'manifest[linux/arm64]:arm=arm64 manifest',
          'manifest-descriptor[linux/arm64/v8]:armd=arm64 entry',
        ]),
      });
      const index = parseManifest((await repo.fetchManifest('v1')).bytes, 'test', MediaType.ImageIndex) as ImageIndex;
      expect(index.annotations).toEqual({ both: 'everywhere', i: 'index only', im: 'index and manifests', 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' });
      expect(index.manifests.map((m) => m.annotations)).toEqual([{ d: 'entries' }, { d: 'entries', armd: 'arm64 entry' }]);
      const manifests = await Promise.all(index.manifests.map(async (m) => parseManifest((await repo.fetchManifest(m)).bytes, 'test', m.mediaType) as ImageManifest));
      const own = (m: ImageManifest) => Object.fromEntries(Object.entries(m.annotations ?? {}).filter(([k]) => !k.startsWith('org.opencontainers')));
      expect(manifests.map(own)).toEqual([
        { both: 'everywhere', m: 'manifests only', im: 'index and manifests' },
        { both: 'everywhere', m: 'manifests only', im: 'index and manifests', arm: 'arm64 manifest' },
      ]);
      expect(result.artifacts.map((a) => a.entry.annotations)).toEqual(index.manifests.map((m) => m.annotations));

      const refused = async (annotation: string, message: RegExp) => {
        const error = await releaseArtifacts(repo, { files: releaseFiles, tags: ['v2'], annotations: parseAnnotationArgumentList([annotation]) }).catch((e: unknown) => e);
        expect(isOcikitError(error) && error.code).toBe('INVALID_INPUT');
        expect((error as Error).message).toMatch(message);
      };
      await refused('index-descriptor:x=1', /index-descriptor:x has nowhere to go/);
      await refused('manifest[windows/amd64]:x=1', /is for windows\/amd64, and no file is/);
      await refused('index[linux/amd64]:x=1', /the index is one for all of them/);
      expect(await repo.tags()).toEqual(['v1']);
    } finally {
      await repo.close();
    }
  });

  it('pushes a single file with --platform: a plain file keeps no mode annotation', async () => {
    const dir = makeTempDir();
    await writeFile(join(dir, 'notes.txt'), 'plain\n');
    await chmod(join(dir, 'notes.txt'), 0o644);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'releases/single' });
    try {
      const result = await pushArtifact(repo, { files: [{ path: join(dir, 'notes.txt') }], tags: ['v1'], platform: parsePlatform('windows/amd64') });
      expect(result.manifest.layers[0]!.annotations).toEqual({ 'org.opencontainers.image.title': 'notes.txt' });
      expect(result.manifest.config).toEqual({ mediaType: MediaType.ImageConfig, digest: expect.any(String), size: '{"architecture":"amd64","os":"windows"}'.length });
      const inspected = JSON.parse((await skopeo(['inspect', '--tls-verify=false', `docker://${registry.host}/releases/single:v1`])).stdout);
      expect([inspected.Os, inspected.Architecture]).toEqual(['windows', 'amd64']);
    } finally {
      await repo.close();
    }
  });
});
