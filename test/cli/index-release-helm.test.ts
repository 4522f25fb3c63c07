// `ocikit index create|add|remove`, `release`, `push/pull --platform` and
// `helm push|pull` through the built binary, against a real registry.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageIndex, type ImageManifest, MediaType, RemoteRepository, hostPlatform, platformString } from '@ocikit/core';
import { type BuiltImage, buildImage, pushImage } from '../harness/images.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { skopeo } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const images: BuiltImage[] = [];

async function manifestOf<T>(reference: string): Promise<T> {
  const result = await ocikit(['manifest', 'get', reference]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

beforeAll(async () => {
  const work = makeTempDir();
  const repo = new RemoteRepository({ registry: registry.host, repository: 'cli/builds' });
  try {
    for (const platform of [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }, { os: 'linux', architecture: 'arm', variant: 'v7' }]) {
      const image = await buildImage(work, { platform, layers: [{ files: { 'etc/arch': `${platform.architecture}\n` } }] });
      await pushImage(repo, image, `build-${platform.architecture}`);
      images.push(image);
    }
  } finally {
    await repo.close();
  }
});

describe('ocikit index', () => {
  it('create prints the entries and the digest on stdout; add and remove update it in place', async () => {
    const created = await ocikit(['index', 'create', `${registry.host}/cli/app:1`, `${registry.host}/cli/builds:build-amd64`, `${registry.host}/cli/builds:build-arm64`, '-a', 'org.opencontainers.image.source=https://example.com']);
    expect(created.code).toBe(0);
    const createdDigest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(created.stdout)![1]!;
    expect(created.stdout).toContain(`linux/arm64/v8`);
    expect(created.stdout).toContain(`Pushed ${registry.host}/cli/app:1@${createdDigest}`);
    const resolved = await ocikit(['resolve', `${registry.host}/cli/app:1`]);
    expect(resolved.stdout).toBe(`${createdDigest}\n`);
    const index = await manifestOf<ImageIndex>(`${registry.host}/cli/app:1`);
    expect(index.mediaType).toBe(MediaType.ImageIndex);
    expect(index.manifests.map((m) => m.digest)).toEqual([images[0]!.manifest.descriptor.digest, images[1]!.manifest.descriptor.digest]);
    expect(index.annotations).toEqual({ 'org.opencontainers.image.source': 'https://example.com' });

    // :tag alone names a manifest in the index's repository; arm/v7 here is given explicitly.
    const added = await ocikit(['index', 'add', `${registry.host}/cli/builds:multi`, ':build-amd64'], {});
    expect(added.code).toBe(1); // no such index yet
    expect(added.stderr).toContain('not found');
    const create2 = await ocikit(['index', 'create', `${registry.host}/cli/builds:multi`, ':build-amd64', '--json']);
    expect(create2.code).toBe(0);
    const json = JSON.parse(create2.stdout);
    expect(json).toMatchObject({ reference: expect.stringContaining('/cli/builds:multi@sha256:'), mediaType: MediaType.ImageIndex, manifests: [{ platform: 'linux/amd64' }] });
    expect(json.copied).toEqual({ manifests: 0, blobs: { copied: 0, mounted: 0, skipped: 0 }, bytes: 0 });
    const add = await ocikit(['index', 'add', `${registry.host}/cli/builds:multi`, `:build-arm=linux/arm/v7`]);
    expect(add.code).toBe(0);
    expect((await manifestOf<ImageIndex>(`${registry.host}/cli/builds:multi`)).manifests.map((m) => platformString(m.platform!))).toEqual(['linux/amd64', 'linux/arm/v7']);
    const remove = await ocikit(['index', 'remove', `${registry.host}/cli/builds:multi`, 'linux/amd64']);
    expect(remove.code).toBe(0);
    expect((await manifestOf<ImageIndex>(`${registry.host}/cli/builds:multi`)).manifests.map((m) => platformString(m.platform!))).toEqual(['linux/arm/v7']);
  });

  it('refuses two entries for one platform (exit 2) unless --allow-duplicates', async () => {
    const args = ['index', 'create', `${registry.host}/cli/dup:1`, `${registry.host}/cli/builds:build-arm64`, `${registry.host}/cli/builds:build-amd64=linux/arm64`];
    const refused = await ocikit(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/two entries for linux\/arm64/);
    expect(refused.stderr).toContain('--allow-duplicates');
    expect((await ocikit(['tags', `${registry.host}/cli/dup`])).stdout).toBe('');
    const allowed = await ocikit([...args, '--allow-duplicates']);
    expect(allowed.code).toBe(0);
    const bad = await ocikit(['index', 'create', `${registry.host}/cli/dup:2`, `${registry.host}/cli/builds:build-arm64=linux`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a platform');
  });
});

describe('ocikit release and pull --platform', () => {
  it('releases binaries for 3 platforms in one step; pull brings back the right file per platform, executable', async () => {
    const dir = makeTempDir();
    await mkdir(join(dir, 'dist'));
    const platforms = ['linux/amd64', 'linux/arm64', 'darwin/arm64'];
    for (const p of platforms) {
      const file = join(dir, 'dist', `tool-${p.replace('/', '-')}`);
      await writeFile(file, `#!/bin/sh\necho ${p}\n`);
      await chmod(file, 0o755);
    }
    const released = await ocikit(['release', `${registry.host}/cli/tool:v1`, ...platforms.map((p) => `dist/tool-${p.replace('/', '-')}=${p}`)], { cwd: dir });
    expect(released.code).toBe(0);
    expect(released.stdout).toMatch(new RegExp(`Pushed ${registry.host}/cli/tool:v1@sha256:[0-9a-f]{64}\\nDigest: sha256:`));
    const index = await manifestOf<ImageIndex>(`${registry.host}/cli/tool:v1`);
    expect(index.manifests.map((m) => platformString(m.platform!))).toEqual(platforms);

    for (const p of platforms) {
      const out = makeTempDir();
      const pulled = await ocikit(['pull', `${registry.host}/cli/tool:v1`, '--platform', p, '-o', out]);
      expect(pulled.code).toBe(0);
      expect(pulled.stdout).toContain(`Platform: ${p} (from index sha256:`);
      // Titled by the base name: the pull writes the binary itself, not the build tree's dist/.
      const file = join(out, `tool-${p.replace('/', '-')}`);
      expect(await readFile(file, 'utf8')).toBe(`#!/bin/sh\necho ${p}\n`);
      expect((await stat(file)).mode & 0o777).toBe(0o755);
      // The file runs as it is: the executable bit survived.
      if (p.startsWith('linux')) expect(execFileSync(file, { encoding: 'utf8' })).toBe(`${p}\n`);
    }
    // Without --platform: this machine's, or an error that lists what there is.
    const host = platformString(hostPlatform());
    const byDefault = await ocikit(['pull', `${registry.host}/cli/tool:v1`, '-o', makeTempDir()]);
    if (platforms.includes(host)) {
      expect(byDefault.code).toBe(0);
      expect(byDefault.stdout).toContain(`Platform: ${host}`);
    } else {
      expect(byDefault.code).toBe(1);
      expect(byDefault.stderr).toContain('linux/amd64, linux/arm64, darwin/arm64');
    }
    const missing = await ocikit(['pull', `${registry.host}/cli/tool:v1`, '--platform', 'windows/amd64', '-o', makeTempDir()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no entry for windows/amd64');
  });

  it('push --platform records the platform in the config, as oras --artifact-platform does', async () => {
    const dir = makeTempDir();
    await writeFile(join(dir, 'fw.bin'), 'firmware\n');
    const pushed = await ocikit(['push', `${registry.host}/cli/fw:v1`, 'fw.bin', '--platform', 'linux/riscv64'], { cwd: dir });
    expect(pushed.code).toBe(0);
    const manifest = await manifestOf<ImageManifest>(`${registry.host}/cli/fw:v1`);
    expect(manifest.artifactType).toBe('application/vnd.unknown.artifact.v1');
    expect(manifest.config.mediaType).toBe(MediaType.ImageConfig);
    const inspected = JSON.parse((await skopeo(['inspect', '--tls-verify=false', `docker://${registry.host}/cli/fw:v1`])).stdout);
    expect([inspected.Os, inspected.Architecture]).toEqual(['linux', 'riscv64']);
  });
});

describe('ocikit helm', () => {
  it('pushes a chart made with tar to <namespace>/<name>:<version> and pulls it back', async () => {
    const work = makeTempDir();
    await mkdir(join(work, 'hello', 'templates'), { recursive: true });
    await writeFile(join(work, 'hello', 'Chart.yaml'), 'apiVersion: v2\nname: hello\nversion: 0.3.0+g1234\nappVersion: "1.0"\n');
    await writeFile(join(work, 'hello', 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
    execFileSync('tar', ['-czf', join(work, 'hello-0.3.0.tgz'), '-C', work, 'hello']);
    const pushed = await ocikit(['helm', 'push', join(work, 'hello-0.3.0.tgz'), `oci://${registry.host}/cli/charts`]);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(new RegExp(`^Pushed: ${registry.host}/cli/charts/hello:0.3.0_g1234\\nDigest: sha256:[0-9a-f]{64}\\n$`));
    const manifest = await manifestOf<Record<string, unknown>>(`${registry.host}/cli/charts/hello:0.3.0_g1234`);
    expect(Object.keys(manifest)).toEqual(['schemaVersion', 'config', 'layers', 'annotations']);

    const out = makeTempDir();
    const pulled = await ocikit(['helm', 'pull', `oci://${registry.host}/cli/charts/hello`, '--version', '0.3.0+g1234', '-o', out]);
    expect(pulled.code).toBe(0);
    expect((await readFile(join(out, 'hello-0.3.0+g1234.tgz'))).equals(await readFile(join(work, 'hello-0.3.0.tgz')))).toBe(true);

    await writeFile(join(work, 'hello', 'Chart.yaml'), 'apiVersion: v2\nname: hello\nversion: one\n');
    execFileSync('tar', ['-czf', join(work, 'bad.tgz'), '-C', work, 'hello']);
    const bad = await ocikit(['helm', 'push', join(work, 'bad.tgz'), `oci://${registry.host}/cli/charts`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('version "one" is not a SemVer 2 version');
  });
});
