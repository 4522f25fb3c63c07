// The index and release actions, push's `platform` and pull's `platform`, as GitHub
// runs them (the committed bundles) against the real docker-registry: what a
// release matrix does, each job pushing its platform and a last job assembling.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaType } from '@ocikit/core';
import { runAction } from '../harness/action-runner.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, errors, registryManifest } from './step-helpers.js';

const registry = useRegistry({ auth: 'basic' });
const SHA = '0123456789abcdef0123456789abcdef01234567';
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] as const;
const slug = (platform: string): string => platform.replaceAll('/', '-');

describe('index action over per-platform pushes (a release matrix)', () => {
  const builds: Record<string, string> = {};

  beforeAll(async () => {
    // One matrix job per platform: push the build with `platform`.
    for (const platform of PLATFORMS) {
      const cwd = makeTempDir('ocikit-ws-');
      await writeFile(join(cwd, 'tool'), `tool for ${platform}\n`);
      const push = await runAction('push', {
        cwd,
        inputs: { reference: `${registry.host}/gh/tool:build-${slug(platform)}`, files: 'tool', platform, ...LOGIN },
      });
      expect(errors(push)).toEqual([]);
      builds[platform] = push.outputs.digest!;
    }
  });

  it('push with platform records it in an image config', async () => {
    const manifest = await registryManifest(registry, 'gh/tool', 'build-linux-arm-v7');
    expect(manifest!.body.config.mediaType).toBe(MediaType.ImageConfig);
    expect(manifest!.body.artifactType).toBe('application/vnd.unknown.artifact.v1');
  });

  it('create: one index over the builds, platforms read from their configs, with run annotations', async () => {
    const result = await runAction('index', {
      inputs: {
        reference: `${registry.host}/gh/tool:v1`,
        sources: `:build-linux-amd64\n${registry.host}/gh/tool:build-linux-arm64\n`,
        annotations: 'org.opencontainers.image.description=the tool',
        tags: 'stable',
        ...LOGIN,
      },
    });
    expect(errors(result)).toEqual([]);
    const { digest } = result.outputs;
    expect(result.outputs.reference).toBe(`${registry.host}/gh/tool:v1@${digest}`);
    const json = JSON.parse(result.outputs.json!);
    expect(json).toMatchObject({ digest, mediaType: MediaType.ImageIndex, tags: ['v1', 'stable'] });
    expect(json.manifests).toEqual([
      { digest: builds['linux/amd64'], mediaType: MediaType.ImageManifest, platform: 'linux/amd64' },
      { digest: builds['linux/arm64'], mediaType: MediaType.ImageManifest, platform: 'linux/arm64' },
    ]);
    const index = await registryManifest(registry, 'gh/tool', 'stable');
    expect(index!.digest).toBe(digest);
    expect(index!.body.manifests.map((m: any) => m.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux' },
    ]);
    expect(index!.body.annotations).toMatchObject({
      'org.opencontainers.image.description': 'the tool',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/octo-org/demo',
    });
    expect(result.summary).toContain('ocikit index create');
    expect(result.summary).toMatch(new RegExp(`<td>linux/arm64</td><td><code>${builds['linux/arm64']}</code></td>`));
  });

  it('add and remove update the index in place', async () => {
    const added = await runAction('index', {
      inputs: { reference: `${registry.host}/gh/tool:v1`, command: 'add', sources: ':build-linux-arm-v7', ...LOGIN },
    });
    expect(errors(added)).toEqual([]);
    expect(JSON.parse(added.outputs.json!).manifests.map((m: any) => m.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);

    const removed = await runAction('index', {
      inputs: { reference: `${registry.host}/gh/tool:v1`, command: 'remove', sources: 'linux/amd64', ...LOGIN },
    });
    expect(errors(removed)).toEqual([]);
    expect(JSON.parse(removed.outputs.json!).manifests.map((m: any) => m.platform)).toEqual(['linux/arm64', 'linux/arm/v7']);
    expect((await registryManifest(registry, 'gh/tool', 'v1'))!.digest).toBe(removed.outputs.digest);
    expect(removed.summary).toContain('ocikit index remove');

    const refused = await runAction('index', {
      inputs: { reference: `${registry.host}/gh/tool:v1`, command: 'remove', sources: 'linux/arm64', annotations: 'a=b', ...LOGIN },
    });
    expect(errors(refused)).toEqual(['inputs "annotations" and "artifact-type" apply to command create and add, not remove']);
  });

  it('pull with platform takes that entry of the index', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', { cwd, inputs: { reference: `${registry.host}/gh/tool:v1`, platform: 'linux/arm/v7', ...LOGIN } });
    expect(errors(result)).toEqual([]);
    const index = await registryManifest(registry, 'gh/tool', 'v1');
    // The tag names the index, not the entry: the pinned reference is by digest.
    expect(result.outputs).toMatchObject({ digest: builds['linux/arm/v7'], reference: `${registry.host}/gh/tool@${builds['linux/arm/v7']}` });
    expect(JSON.parse(result.outputs.json!)).toMatchObject({ index: index!.digest, platform: 'linux/arm/v7' });
    expect(await readFile(join(cwd, 'tool'), 'utf8')).toBe('tool for linux/arm/v7\n');

    const missing = await runAction('pull', { inputs: { reference: `${registry.host}/gh/tool:v1`, platform: 'windows/amd64', ...LOGIN } });
    expect(missing.code).toBe(1);
    expect(errors(missing)[0]).toContain('has no entry for windows/amd64');
  });
});

describe('release action', () => {
  it('pushes one artifact per platform and the index over them, with a summary of what went up', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    await mkdir(join(cwd, 'dist'));
    for (const platform of ['linux/amd64', 'linux/arm64', 'darwin/arm64']) {
      await writeFile(join(cwd, 'dist', `tool-${slug(platform)}`), `#!/bin/sh\necho ${platform}\n`);
      await chmod(join(cwd, 'dist', `tool-${slug(platform)}`), 0o755);
    }
    const result = await runAction('release', {
      cwd,
      inputs: {
        reference: `${registry.host}/gh/released:v2.0.0`,
        files: 'dist/tool-linux-amd64=linux/amd64\ndist/tool-linux-arm64=linux/arm64\ndist/tool-darwin-arm64=darwin/arm64',
        annotations: 'org.opencontainers.image.version=2.0.0',
        ...LOGIN,
      },
    });
    expect(errors(result)).toEqual([]);
    const { digest } = result.outputs;
    expect(result.outputs.reference).toBe(`${registry.host}/gh/released:v2.0.0@${digest}`);
    const json = JSON.parse(result.outputs.json!);
    expect(json.artifacts.map((a: any) => [a.platform, a.file, a.layer.size])).toEqual([
      ['linux/amd64', 'dist/tool-linux-amd64', 27],
      ['linux/arm64', 'dist/tool-linux-arm64', 27],
      ['darwin/arm64', 'dist/tool-darwin-arm64', 28],
    ]);
    const index = await registryManifest(registry, 'gh/released', 'v2.0.0');
    expect(index!.digest).toBe(digest);
    expect(index!.body.manifests.map((m: any) => m.digest)).toEqual(json.artifacts.map((a: any) => a.digest));
    expect(index!.body.annotations).toMatchObject({ 'org.opencontainers.image.version': '2.0.0', 'org.opencontainers.image.revision': SHA });
    // Each artifact's layer carries the executable mode, so pull and setup make it runnable.
    const artifact = await registryManifest(registry, 'gh/released', json.artifacts[0].digest);
    expect(artifact!.body.layers[0].annotations).toMatchObject({ 'org.opencontainers.image.title': 'tool-linux-amd64', 'io.ocikit.file.mode': '0755' });

    expect(result.summary).toContain('ocikit release');
    expect(result.summary).toMatch(/<td><code>darwin\/arm64<\/code><\/td><td><code>dist\/tool-darwin-arm64<\/code><\/td><td>28 B<\/td>/);
    expect(result.summary).toContain('3 platform(s), 82 B');

    // An executable pulled back for a platform is runnable.
    const out = makeTempDir('ocikit-ws-');
    const pulled = await runAction('pull', { cwd: out, inputs: { reference: `${registry.host}/gh/released:v2.0.0`, platform: 'linux/arm64', ...LOGIN } });
    expect(errors(pulled)).toEqual([]);
    expect((await stat(join(out, 'tool-linux-arm64'))).mode & 0o777).toBe(0o755);
  });

  it('refuses a file without a platform before anything is sent', async () => {
    const result = await runAction('release', { inputs: { reference: `${registry.host}/gh/released:bad`, files: 'dist/tool', ...LOGIN } });
    expect(result.code).toBe(1);
    expect(errors(result)[0]).toContain('"dist/tool" names no platform');
    expect(await registryManifest(registry, 'gh/released', 'bad')).toBeUndefined();
  });
});
