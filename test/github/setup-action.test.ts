// The setup action as GitHub runs it (the committed bundle): a binary released per
// platform is installed for this machine into the runner's tool cache and put on
// PATH; later runs find it there. That they do not pull is proved the hard way: the
// blob is deleted, then the registry is stopped, and the runs still succeed.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hostPlatform, platformString } from '@ocikit/core';
import { type ActionResult, runAction, visibleText } from '../harness/action-runner.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, PASSWORD, deleteBlob, errors, warnings } from './step-helpers.js';

const HOST = platformString(hostPlatform());
const PLATFORMS = [...new Set([HOST, 'linux/amd64', 'darwin/arm64'])];

describe('setup action (bundled)', () => {
  const registry = useRegistry({ auth: 'basic' });
  const toolCache = makeTempDir('ocikit-toolcache-');
  const releases: Record<string, { digest: string; layer: string }> = {};

  /** Releases a shell script per platform under `tag`, printing `message` and its platform. */
  async function release(tag: string, message: string): Promise<void> {
    const cwd = makeTempDir('ocikit-ws-');
    await mkdir(join(cwd, 'dist'));
    for (const platform of PLATFORMS) {
      const file = join(cwd, 'dist', `hello-${platform.replaceAll('/', '-')}`);
      await writeFile(file, `#!/bin/sh\necho "${message} on ${platform}"\n`);
      await chmod(file, 0o755);
    }
    const result = await runAction('release', {
      cwd,
      inputs: { reference: `${registry.host}/gh/hello:${tag}`, files: PLATFORMS.map((p) => `dist/hello-${p.replaceAll('/', '-')}=${p}`).join('\n'), ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    const host = JSON.parse(result.outputs.json!).artifacts.find((a: { platform: string }) => a.platform === HOST);
    releases[tag] = { digest: result.outputs.digest!, layer: host.layer.digest };
  }

  const setup = (reference: string, name = 'hello'): Promise<ActionResult> =>
    runAction('setup', { inputs: { reference, name, ...LOGIN }, env: { RUNNER_TOOL_CACHE: toolCache } });

  const installedAt = (version: string): string => join(toolCache, 'hello', version, process.arch);

  beforeAll(async () => {
    await release('v1.2.3', 'hello 1.2.3');
    await release('latest', 'hello edge');
  }, 60_000);

  it('installs the binary for this platform from a SemVer tag into the tool cache and adds it to PATH', async () => {
    const result = await setup(`${registry.host}/gh/hello:v1.2.3`);
    expect(errors(result)).toEqual([]);
    const dir = installedAt('1.2.3');
    const { digest } = releases['v1.2.3']!;
    expect(result.outputs).toEqual({ path: dir, version: '1.2.3', 'cache-hit': 'false', digest, reference: `${registry.host}/gh/hello:v1.2.3@${digest}` });
    expect(result.addedPaths).toEqual([dir]);
    expect(existsSync(`${dir}.complete`)).toBe(true);
    expect((await stat(join(dir, 'hello'))).mode & 0o777).toBe(0o755);
    expect(execFileSync(join(dir, 'hello'), { encoding: 'utf8' })).toBe(`hello 1.2.3 on ${HOST}\n`);
    expect(result.summary).toContain('ocikit setup');
    expect(result.summary).toContain(`<code>${HOST}</code>`);
    expect(result.summary).toContain('Pulled and verified');
    expect(result.stdout).toMatch(/^downloaded\s+hello-[a-z0-9-]+ \d/m);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('resolves a tag that may move (latest) every run, and finds its digest in the tool cache without pulling', async () => {
    const { digest, layer } = releases.latest!;
    const version = `0.0.0-${digest.replace(':', '-')}`;
    const first = await setup(`${registry.host}/gh/hello:latest`);
    expect(errors(first)).toEqual([]);
    expect(first.outputs).toMatchObject({ version, 'cache-hit': 'false', path: installedAt(version) });

    // Without the blob a pull cannot succeed: the second run must come from the tool cache.
    expect(await deleteBlob(registry, 'gh/hello', layer)).toBe(202);
    const second = await setup(`${registry.host}/gh/hello:latest`);
    expect(errors(second)).toEqual([]);
    expect(second.outputs).toMatchObject({ version, 'cache-hit': 'true', path: installedAt(version), digest });
    expect(second.addedPaths).toEqual([installedAt(version)]);
    expect(second.stdout).not.toMatch(/^downloaded/m);
    expect(second.summary).toContain('Found in the tool cache');
    expect(execFileSync(join(installedAt(version), 'hello'), { encoding: 'utf8' })).toBe(`hello edge on ${HOST}\n`);
  });

  it('installs again when the cached file no longer matches its digest', async () => {
    const dir = installedAt('1.2.3');
    await writeFile(join(dir, 'hello'), '#!/bin/sh\necho tampered\n');
    const result = await setup(`${registry.host}/gh/hello:v1.2.3`);
    expect(errors(result)).toEqual([]);
    expect(warnings(result)).toEqual([expect.stringMatching(new RegExp(`^tool cache: not using ${dir}: hello there is sha256:[0-9a-f]{64}, not ${releases['v1.2.3']!.layer} as installed; installing again$`))]);
    expect(result.outputs['cache-hit']).toBe('false');
    expect(execFileSync(join(dir, 'hello'), { encoding: 'utf8' })).toBe(`hello 1.2.3 on ${HOST}\n`);
  });

  it('with the registry stopped, a SemVer tag and a digest are found in the tool cache; a moving tag cannot be', async () => {
    await registry.stop();
    const byTag = await setup(`${registry.host}/gh/hello:v1.2.3`);
    expect(errors(byTag)).toEqual([]);
    expect(byTag.outputs).toMatchObject({ 'cache-hit': 'true', version: '1.2.3', path: installedAt('1.2.3'), digest: releases['v1.2.3']!.digest });
    expect(byTag.addedPaths).toEqual([installedAt('1.2.3')]);

    const { digest } = releases.latest!;
    const byDigest = await setup(`${registry.host}/gh/hello@${digest}`);
    expect(errors(byDigest)).toEqual([]);
    expect(byDigest.outputs).toMatchObject({ 'cache-hit': 'true', reference: `${registry.host}/gh/hello@${digest}` });

    const moving = await setup(`${registry.host}/gh/hello:latest`);
    expect(moving.code).toBe(1);
    expect(errors(moving)).toEqual([expect.stringMatching(new RegExp(`^HEAD ${registry.host}/v2/gh/hello/manifests/latest: could not reach`))]);
  });

  it('refuses a name that is not a file name, and a runner without a tool cache', async () => {
    const bad = await setup('127.0.0.1:1/gh/hello:v1.2.3', '../evil');
    expect(errors(bad)).toEqual([expect.stringContaining('input "name" is "../evil", not a file name')]);
    const noCache = await runAction('setup', { inputs: { reference: '127.0.0.1:1/gh/hello:v1.2.3', name: 'hello' } });
    expect(errors(noCache)).toEqual([expect.stringContaining('RUNNER_TOOL_CACHE is not set')]);
  });
});
