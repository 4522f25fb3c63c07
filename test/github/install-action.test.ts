// The install action as GitHub runs it (the committed bundle): ocikit itself, from a
// release index as the release workflow pushes it (`ocikit release` of
// ocikit-<os>-<arch> per platform to <registry>/ocikit/ocikit/cli:<version>), put on
// PATH through the runner's tool cache. The binaries are stand-ins: shell scripts that
// print their version and platform (the real standalone binary is 100 MB and built by
// test/release/dry-run.test.ts; what install does with it is the same).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { hostPlatform, platformString } from '@ocikit/core';
import { type ActionResult, runAction, visibleText } from '../harness/action-runner.js';
import { REPO_ROOT, ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, PASSWORD, USER, deleteBlob, errors } from './step-helpers.js';

const HOST = platformString(hostPlatform());
const PLATFORMS = [...new Set([HOST, 'linux/amd64', 'linux/arm64', 'windows/amd64'])];
/** The version the action installs by default: its own, the packages' (OCIKIT_VERSION is kept equal to it). */
const OWN_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const REPOSITORY = 'ocikit/ocikit/cli';

describe('install action (bundled)', () => {
  const registry = useRegistry({ auth: 'basic' });
  const toolCache = makeTempDir('ocikit-toolcache-');
  const releases: Record<string, { digest: string; layer: string }> = {};

  /** `ocikit release` of one stand-in binary per platform, as the release workflow pushes the real ones. */
  async function release(version: string): Promise<void> {
    const cwd = makeTempDir('ocikit-release-');
    const files: string[] = [];
    for (const platform of PLATFORMS) {
      const [os, arch] = platform.split('/') as [string, string];
      const file = `ocikit-${os}-${arch}${os === 'windows' ? '.exe' : ''}`;
      await writeFile(join(cwd, file), `#!/bin/sh\necho "ocikit ${version} for ${platform}"\n`);
      await chmod(join(cwd, file), 0o755);
      files.push(`${file}=${platform}`);
    }
    const result = await ocikit(['release', `${registry.host}/${REPOSITORY}:${version}`, ...files, '--json', '-u', USER, '--password-stdin'], { cwd, input: PASSWORD });
    expect({ code: result.code, error: result.stderr.match(/^error.*$/m)?.[0] }).toEqual({ code: 0, error: undefined });
    const released = JSON.parse(result.stdout) as { digest: string; artifacts: Array<{ platform: string; layer: { digest: string } }> };
    releases[version] = { digest: released.digest, layer: released.artifacts.find((a) => a.platform === HOST)!.layer.digest };
  }

  const install = (inputs: Record<string, string> = {}): Promise<ActionResult> =>
    runAction('install', { inputs: { registry: registry.host, ...LOGIN, ...inputs }, env: { RUNNER_TOOL_CACHE: toolCache } });

  const installedAt = (version: string): string => join(toolCache, 'ocikit', version, process.arch);

  /** `ocikit` as a later step runs it: found through the PATH the step added to. */
  const runFromPath = (result: ActionResult): string =>
    execFileSync('ocikit', { encoding: 'utf8', env: { PATH: [...result.addedPaths, '/usr/bin', '/bin'].join(delimiter) } });

  beforeAll(async () => {
    await release(OWN_VERSION);
    await release('0.0.9');
    await release('0.0.8');
  }, 60_000);

  it("installs its own release by default: this platform's binary, from the tool cache, on PATH", async () => {
    const result = await install();
    expect(errors(result)).toEqual([]);
    const dir = installedAt(OWN_VERSION);
    const { digest } = releases[OWN_VERSION]!;
    expect(result.outputs).toEqual({ path: dir, version: OWN_VERSION, 'cache-hit': 'false', digest, reference: `${registry.host}/${REPOSITORY}:${OWN_VERSION}@${digest}` });
    expect(result.addedPaths).toEqual([dir]);
    expect(existsSync(`${dir}.complete`)).toBe(true);
    expect((await stat(join(dir, 'ocikit'))).mode & 0o777).toBe(0o755);
    expect(runFromPath(result)).toBe(`ocikit ${OWN_VERSION} for ${HOST}\n`);
    // Installed with the digest the index gave its layer: the file's sha256, as SHA256SUMS has it.
    expect(JSON.parse(await readFile(join(dir, '.ocikit-setup.json'), 'utf8'))).toMatchObject({ fileDigest: releases[OWN_VERSION]!.layer, platform: HOST });
    expect(result.summary).toContain('ocikit install');
    expect(result.summary).toContain('Pulled and verified');
    expect(result.stdout).toMatch(/^downloaded\s+ocikit-[a-z0-9-]+ \d/m);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('a second run finds it in the tool cache and pulls nothing (its blob is gone from the registry)', async () => {
    expect(await deleteBlob(registry, REPOSITORY, releases[OWN_VERSION]!.layer)).toBe(202);
    const result = await install();
    expect(errors(result)).toEqual([]);
    expect(result.outputs).toMatchObject({ 'cache-hit': 'true', version: OWN_VERSION, path: installedAt(OWN_VERSION), digest: releases[OWN_VERSION]!.digest });
    expect(result.addedPaths).toEqual([installedAt(OWN_VERSION)]);
    expect(result.stdout).not.toMatch(/^downloaded/m);
    expect(result.summary).toContain('Found in the tool cache');
    expect(runFromPath(result)).toBe(`ocikit ${OWN_VERSION} for ${HOST}\n`);
  });

  it('installs the version asked for (v1.2.3 names the index tagged 1.2.3)', async () => {
    const result = await install({ version: 'v0.0.9' });
    expect(errors(result)).toEqual([]);
    expect(result.outputs).toMatchObject({ version: '0.0.9', 'cache-hit': 'false', path: installedAt('0.0.9'), digest: releases['0.0.9']!.digest });
    expect(runFromPath(result)).toBe(`ocikit 0.0.9 for ${HOST}\n`);
  });

  it('refuses a binary whose bytes are not its digest: nothing installed, nothing on PATH', async () => {
    // The registry's own copy of the layer altered on disk (same length): distribution serves it as it is.
    const hex = releases['0.0.8']!.layer.slice('sha256:'.length);
    const data = join(registry.storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    const original = await readFile(data, 'utf8');
    await writeFile(data, original.replace('ocikit 0.0.8', 'evil!! 0.0.8'));

    const result = await install({ version: '0.0.8' });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([expect.stringMatching(new RegExp(`^blob ${releases['0.0.8']!.layer} from ${registry.host}/${REPOSITORY}: content does not match its digest\n`))]);
    expect(result.addedPaths).toEqual([]);
    expect(result.outputs).toEqual({});
    expect(existsSync(join(toolCache, 'ocikit', '0.0.8'))).toBe(false);
  });

  it('refuses a version that cannot be a tag, before any request', async () => {
    const result = await runAction('install', { inputs: { version: '1.2.3/../../x', registry: '127.0.0.1:1' }, env: { RUNNER_TOOL_CACHE: toolCache } });
    expect(errors(result)).toEqual([expect.stringContaining('input "version" is "1.2.3/../../x", not a version of ocikit')]);
  });
});
