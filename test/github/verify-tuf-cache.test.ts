// The verify action keyless without trusted-root: core fetches the trusted root
// through TUF (tuf-mirror, tuf-root) and the action keeps the checked TUF metadata
// in the Actions cache (packages/github/src/tuf-cache.ts), so a fresh runner asks
// the mirror nothing while the metadata is valid. Neither the Actions cache service
// nor the public-good TUF repository can run or be reached here: the cache is
// injected (a snapshot directory per key, as in pull-cache.test.ts; the action
// runner harness has no fake of the service), the TUF repository is served on
// loopback (test/harness/tuf-repository.ts) and trusts the Sigstore mock that made
// the signature. The action's run() runs in-process against the real registry.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../packages/github/src/actions/verify.js';
import { type TufCacheService, tufCachePrefix } from '../../packages/github/src/tuf-cache.js';
import { useInProcessSteps } from '../harness/in-process-step.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';
import { type TufRepositoryServer, startTufRepository } from '../harness/tuf-repository.js';

const registry = useRegistry();
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';

/** A cache that keeps snapshots of the saved directory, restores the newest entry of a prefix, and records every call. */
class SnapshotCache implements TufCacheService {
  readonly entries: Array<{ key: string; snapshot: string }> = [];
  readonly calls: string[] = [];

  isFeatureAvailable(): boolean {
    return true;
  }

  async restoreCache(paths: string[], primaryKey: string, restoreKeys: string[] = []): Promise<string | undefined> {
    this.calls.push(`restore ${primaryKey} ${restoreKeys.join(',')}`);
    const entry =
      this.entries.find((e) => e.key === primaryKey) ?? [...this.entries].reverse().find((e) => restoreKeys.some((prefix) => e.key.startsWith(prefix)));
    if (!entry) return undefined;
    await cp(entry.snapshot, paths[0]!, { recursive: true });
    return entry.key;
  }

  async saveCache(paths: string[], key: string): Promise<number> {
    this.calls.push(`save ${key}`);
    if (this.entries.some((e) => e.key === key)) throw new Error(`Unable to reserve cache with key ${key}, another job may be creating this cache.`);
    const snapshot = join(makeTempDir('ocikit-cache-'), 'entry');
    await cp(paths[0]!, snapshot, { recursive: true });
    this.entries.push({ key, snapshot });
    return 1;
  }
}

const steps = useInProcessSteps();
let mock: SigstoreMock;
let repository: TufRepositoryServer;
let ref: string;

beforeAll(async () => {
  mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
  repository = await startTufRepository({ 'trusted_root.json': JSON.stringify(mock.trustedRoot) });
  const work = makeTempDir('ocikit-tuf-action-');
  await writeFile(join(work, 'app.bin'), 'the app\n');
  ref = `${registry.host}/gh-tuf/app:v1`;
  expect((await ocikit(['push', ref, 'app.bin'], { cwd: work })).code).toBe(0);
  const github = { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken, SIGSTORE_ID_TOKEN: '' };
  expect((await ocikit(['sign', ref, '--keyless', '--fulcio-url', mock.url, '--rekor-url', mock.url, '--tsa-url', mock.url], { cwd: work, env: github })).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([mock.close(), repository.close()]);
});
afterEach(() => {
  process.exitCode = 0;
});

/** One step on a fresh runner (its own HOME, so its own ~/.cache). */
function step(inputs: Record<string, string>, cache: SnapshotCache) {
  const env: NodeJS.ProcessEnv = { HOME: makeTempDir('ocikit-home-'), RUNNER_TEMP: makeTempDir('ocikit-runner-temp-') };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return steps.step(() => run(env, { loadCache: async () => cache }));
}

describe('verify action: the trusted root through TUF, kept in the Actions cache (cache injected)', () => {
  it('the first runner fetches and saves; a fresh runner restores it and asks the mirror nothing', async () => {
    const cache = new SnapshotCache();
    const inputs = { reference: ref, 'certificate-identity': IDENTITY, 'certificate-oidc-issuer': ISSUER, 'tuf-mirror': repository.url, 'tuf-root': repository.rootPath };
    const prefix = tufCachePrefix(repository.url);

    const first = await step(inputs, cache);
    expect({ errors: first.errors, warnings: first.warnings, verified: first.outputs.verified }).toEqual({ errors: [], warnings: [], verified: 'true' });
    expect(repository.requests.length).toBe(5);
    expect(cache.calls).toEqual([`restore ${prefix} ${prefix}`, expect.stringMatching(new RegExp(`^save ${prefix}[0-9a-f]{32}$`))]);

    const second = await step(inputs, cache);
    expect({ errors: second.errors, verified: second.outputs.verified }).toEqual({ errors: [], verified: 'true' });
    expect(second.stdout).toContain(`TUF cache: restored ${cache.entries[0]!.key}`);
    expect(repository.requests.length).toBe(5);
    // The same content: nothing new to save.
    expect(cache.calls.slice(2)).toEqual([`restore ${prefix} ${prefix}`]);

    // The control: a fresh runner without the cache asks the mirror again.
    const uncached = new SnapshotCache();
    expect((await step(inputs, uncached)).outputs.verified).toBe('true');
    expect(repository.requests.length).toBe(10);
  });

  it('a trusted-root input wins: no TUF, no cache', async () => {
    const cache = new SnapshotCache();
    const dir = makeTempDir('ocikit-root-');
    await writeFile(join(dir, 'trusted_root.json'), JSON.stringify(mock.trustedRoot));
    const before = repository.requests.length;
    const given = await step(
      { reference: ref, 'certificate-identity': IDENTITY, 'certificate-oidc-issuer': ISSUER, 'trusted-root': join(dir, 'trusted_root.json'), 'tuf-mirror': repository.url },
      cache,
    );
    expect(given.outputs.verified).toBe('true');
    expect(cache.calls).toEqual([]);
    expect(repository.requests.length).toBe(before);
  });

  it('a TUF failure fails the step in the action\'s words, and saves nothing', async () => {
    const cache = new SnapshotCache();
    const expired = await startTufRepository({ 'trusted_root.json': JSON.stringify(mock.trustedRoot) }, { rootExpires: new Date(Date.now() - 3600_000) });
    try {
      const result = await step({ reference: ref, 'certificate-identity': IDENTITY, 'certificate-oidc-issuer': ISSUER, 'tuf-mirror': expired.url, 'tuf-root': expired.rootPath }, cache);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toContain(`the TUF repository ${expired.url} cannot be trusted: its root metadata has expired`);
      expect(result.errors[0]).toContain('give the `trusted-root` input (a trusted_root.json) to verify without the TUF repository');
      expect(cache.calls).toEqual([`restore ${tufCachePrefix(expired.url)} ${tufCachePrefix(expired.url)}`]);
    } finally {
      await expired.close();
    }
  });
});
