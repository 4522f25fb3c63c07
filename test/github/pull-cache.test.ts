// The pull action's cache flow: resolve the digest, restore the entry (an OCI
// layout of the artifact's blobs) and pull from it, verified; on a miss copy what
// the pull reads into the layout, pull from it, save it. @actions/cache needs
// GitHub's cache service, which cannot run here, so these tests inject a cache
// that keeps directory snapshots on disk and run the action's `run()` in-process
// against the real registry: the key, the flow and the verification are what is
// tested, not @actions/cache itself (pull-action.test.ts checks that the bundle
// loads it and copes without the service).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openTarget, pushArtifact, staticCredentials } from '@ocikit/core';
import { type CacheService, pullCacheKey, run } from '../../packages/github/src/actions/pull.js';
import { type InProcessStepResult, useInProcessSteps } from '../harness/in-process-step.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry({ auth: 'basic' });
const USER = 'ocikit';
const PASSWORD = 'the-s3cret-pass';
const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

/** A cache that keeps snapshots of the saved directory, and records every call. */
class SnapshotCache implements CacheService {
  readonly entries = new Map<string, string>();
  readonly calls: string[] = [];
  available = true;
  restoreError: Error | undefined;
  saveError: Error | undefined;

  isFeatureAvailable(): boolean {
    return this.available;
  }

  async restoreCache(paths: string[], key: string): Promise<string | undefined> {
    this.calls.push(`restore ${paths.join(',')} ${key}`);
    if (this.restoreError) throw this.restoreError;
    const snapshot = this.entries.get(key);
    if (!snapshot) return undefined;
    await cp(snapshot, paths[0]!, { recursive: true, verbatimSymlinks: true });
    return key;
  }

  async saveCache(paths: string[], key: string): Promise<number> {
    this.calls.push(`save ${paths.join(',')} ${key}`);
    if (this.saveError) throw this.saveError;
    const snapshot = join(makeTempDir('ocikit-cache-'), 'entry');
    await cp(paths[0]!, snapshot, { recursive: true, verbatimSymlinks: true });
    this.entries.set(key, snapshot);
    return 1;
  }
}

const steps = useInProcessSteps();

// Where the runner gives steps room outside the workspace; the cache's layout lives below it.
const runnerTemp = makeTempDir('ocikit-runner-temp-');
const layoutOf = (key: string): string => join(runnerTemp, 'ocikit-pull-cache', key);

function step(inputs: Record<string, string>, cache: SnapshotCache): Promise<InProcessStepResult> {
  const env: NodeJS.ProcessEnv = { HOME: makeTempDir('ocikit-home-'), RUNNER_TEMP: runnerTemp, INPUT_USERNAME: USER, INPUT_PASSWORD: PASSWORD };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return steps.step(() => run(env, { loadCache: async () => cache }));
}

async function push(repository: string, tag: string, content: Record<string, string>): Promise<{ digest: string; layers: string[] }> {
  const dir = makeTempDir('ocikit-src-');
  for (const [name, text] of Object.entries(content)) await writeFile(join(dir, name), text);
  const { target } = await openTarget(`${registry.host}/${repository}:${tag}`, { credentials: staticCredentials({ username: USER, password: PASSWORD }) });
  try {
    const result = await pushArtifact(target, { files: Object.keys(content).map((name) => ({ path: join(dir, name) })), tags: [tag] });
    return { digest: result.descriptor.digest, layers: result.layers.map((l) => l.descriptor.digest) };
  } finally {
    await target.close();
  }
}

describe('pull action cache flow (cache injected; the Actions cache service cannot run here)', () => {
  let cache: SnapshotCache;
  beforeEach(() => {
    cache = new SnapshotCache();
  });
  afterEach(() => {
    process.exitCode = 0;
  });

  it('keys by manifest digest: a miss pulls and saves, a repeat restores without touching the blobs', async () => {
    const { digest, layers } = await push('cache/app', 'v1', { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' });
    const key = pullCacheKey(digest, []);
    expect(key).toBe(`ocikit-pull-v2-sha256-${digest.slice('sha256:'.length)}`);

    const first = join(makeTempDir('ocikit-ws-'), 'out');
    const miss = await step({ reference: `${registry.host}/cache/app:v1`, path: first, cache: 'true' }, cache);
    expect(miss.errors).toEqual([]);
    expect(miss.warnings).toEqual([]);
    expect(cache.calls).toEqual([`restore ${layoutOf(key)} ${key}`, `save ${layoutOf(key)} ${key}`]);
    expect((await readdir(first)).sort()).toEqual(['a.txt', 'b.txt']);
    expect(miss.outputs).toMatchObject({ digest, 'cache-hit': 'false' });
    expect(JSON.parse(miss.outputs.json!)).toMatchObject({ cacheHit: false, cacheKey: key });

    // Delete the layers from the registry: only the cache can produce them now.
    for (const layer of layers) {
      const response = await fetch(`${registry.url}/v2/cache/app/blobs/${layer}`, { method: 'DELETE', headers: { authorization: AUTH } });
      expect(response.status).toBe(202);
    }
    const second = join(makeTempDir('ocikit-ws-'), 'out');
    const hit = await step({ reference: `${registry.host}/cache/app:v1`, path: second, cache: 'true' }, cache);
    expect(hit.errors).toEqual([]);
    expect(cache.calls.slice(2)).toEqual([`restore ${layoutOf(key)} ${key}`]);
    expect(hit.outputs).toMatchObject({ digest, reference: `${registry.host}/cache/app:v1@${digest}`, 'cache-hit': 'true', files: `${join(second, 'a.txt')}\n${join(second, 'b.txt')}` });
    expect(JSON.parse(hit.outputs.json!)).toMatchObject({ digest, cacheHit: true, cacheKey: key });
    expect(await readFile(join(second, 'a.txt'), 'utf8')).toBe('alpha\n');
    expect(await readdir(second)).toEqual(['a.txt', 'b.txt']);
    expect(hit.summary).toContain('Restored from the Actions cache');

    // The control: without the cache the same step cannot pull any more.
    const control = await step({ reference: `${registry.host}/cache/app:v1`, path: join(makeTempDir('ocikit-ws-'), 'out') }, cache);
    expect(control.errors).toHaveLength(1);
  });

  it('misses when the tag moves to another manifest, and keys a media-type filter apart', async () => {
    await push('cache/moving', 'edge', { 'x.txt': 'one\n' });
    const out1 = join(makeTempDir('ocikit-ws-'), 'out');
    await step({ reference: `${registry.host}/cache/moving:edge`, path: out1, cache: 'true' }, cache);
    const { digest: moved } = await push('cache/moving', 'edge', { 'x.txt': 'two\n' });
    const out2 = join(makeTempDir('ocikit-ws-'), 'out');
    const result = await step({ reference: `${registry.host}/cache/moving:edge`, path: out2, cache: 'true' }, cache);
    expect(result.outputs).toMatchObject({ digest: moved, 'cache-hit': 'false' });
    expect(await readFile(join(out2, 'x.txt'), 'utf8')).toBe('two\n');
    expect(cache.entries.size).toBe(2);

    const filtered = pullCacheKey(moved, ['text/plain', 'application/json']);
    expect(filtered).toMatch(new RegExp(`^${pullCacheKey(moved, [])}-[0-9a-f]{16}$`));
    expect(pullCacheKey(moved, ['application/json', 'text/plain', 'text/plain'])).toBe(filtered);
    expect(pullCacheKey(moved, ['text/plain'])).not.toBe(filtered);
    // A compatible pull may land another platform's files than the exact one: another key.
    expect(pullCacheKey(moved, [], 'linux/arm/v7', true)).not.toBe(pullCacheKey(moved, [], 'linux/arm/v7'));
  });

  it('caches into a directory that already holds files: the entry holds the artifact\'s blobs, never the workspace', async () => {
    const { digest } = await push('cache/busy', 'v1', { 'y.txt': 'why\n' });
    const busy = makeTempDir('ocikit-ws-');
    await writeFile(join(busy, 'unrelated.txt'), 'keep me out of the cache\n');
    const result = await step({ reference: `${registry.host}/cache/busy:v1`, path: busy, cache: 'true' }, cache);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(await readFile(join(busy, 'y.txt'), 'utf8')).toBe('why\n');
    const saved = cache.entries.get(pullCacheKey(digest, []))!;
    const stored = (await readdir(saved, { recursive: true })).map(String).sort();
    expect(stored).toEqual(expect.arrayContaining(['index.json', 'oci-layout']));
    expect(stored.some((path) => path.includes('unrelated') || path.includes('y.txt'))).toBe(false);
  });

  it('an entry whose blobs do not match the digests its key names is not used: a warning, and the files come from the registry', async () => {
    const { digest, layers } = await push('cache/tampered', 'v1', { 't.txt': 'the real text\n' });
    const key = pullCacheKey(digest, []);
    await step({ reference: `${registry.host}/cache/tampered:v1`, path: join(makeTempDir('ocikit-ws-'), 'out'), cache: 'true' }, cache);
    // Someone who can write this repository's cache swaps the file's bytes (same size).
    const blob = join(cache.entries.get(key)!, 'blobs', 'sha256', layers[0]!.slice('sha256:'.length));
    expect((await readFile(blob, 'utf8')).length).toBe('the real text\n'.length);
    await writeFile(blob, 'evil fake text');
    const out = join(makeTempDir('ocikit-ws-'), 'out');
    const result = await step({ reference: `${registry.host}/cache/tampered:v1`, path: out, cache: 'true' }, cache);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(new RegExp(`^cache: the entry ${key} does not hold what its digest names, so it is not used: .*content does not match its digest.*; pulling from the registry$`))]);
    expect(result.outputs['cache-hit']).toBe('false');
    expect(await readFile(join(out, 't.txt'), 'utf8')).toBe('the real text\n');
  });

  it('pulls anyway when the service is unavailable or a restore fails, and a failed save only warns', async () => {
    await push('cache/flaky', 'v1', { 'z.txt': 'zed\n' });
    const reference = `${registry.host}/cache/flaky:v1`;

    cache.available = false;
    const unavailable = await step({ reference, path: join(makeTempDir('ocikit-ws-'), 'out'), cache: 'true' }, cache);
    expect(unavailable.errors).toEqual([]);
    expect(unavailable.warnings).toEqual(['cache: the Actions cache service is not available on this runner; pulling without it']);
    expect(cache.calls).toEqual([]);

    cache.available = true;
    cache.restoreError = new Error(`download failed (token ${PASSWORD})`);
    cache.saveError = new Error('reserve failed: another job is saving this key');
    const out = join(makeTempDir('ocikit-ws-'), 'out');
    const flaky = await step({ reference, path: out, cache: 'true' }, cache);
    expect(flaky.errors).toEqual([]);
    expect(flaky.warnings).toEqual([
      'cache: restore failed, pulling instead: download failed (token ***)',
      'cache: not saved: reserve failed: another job is saving this key',
    ]);
    expect(flaky.outputs['cache-hit']).toBe('false');
    expect(await readFile(join(out, 'z.txt'), 'utf8')).toBe('zed\n');
  });

  it('never loads the cache without cache: true', async () => {
    await push('cache/plain', 'v1', { 'p.txt': 'plain\n' });
    const loadCache = jest.fn(async () => cache);
    const out = join(makeTempDir('ocikit-ws-'), 'out');
    await mkdir(out);
    const result = await steps.step(() =>
      run({ HOME: makeTempDir(), INPUT_REFERENCE: `${registry.host}/cache/plain:v1`, INPUT_PATH: out, INPUT_USERNAME: USER, INPUT_PASSWORD: PASSWORD }, { loadCache }),
    );
    expect(result.errors).toEqual([]);
    expect(loadCache).not.toHaveBeenCalled();
    expect(result.outputs['cache-hit']).toBe('false');
  });
});
