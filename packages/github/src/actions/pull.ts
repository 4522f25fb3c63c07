/**
 * pull: the files of an artifact into a directory, as `ocikit pull` (openTarget,
 * pullArtifact). With `cache: true` the pulled directory is kept in the Actions
 * cache keyed by the manifest digest: the digest is resolved first, the cache is
 * restored into the directory, and only on a miss is the artifact pulled (by that
 * digest, so what is cached is exactly what the key names) and then saved.
 */
import * as actions from '@actions/core';
import { type Target, openTarget, pullArtifact } from '@ocikit/core';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { type Env, getBoolean, getList, getString } from '../inputs.js';
import { pinnedReference, pullResultJson, setOutputs } from '../outputs.js';
import { actionProgress, runAction } from '../run-action.js';
import { writeCacheHitSummary, writePullSummary } from '../summary.js';
import { readRemoteInputs } from '../target-options.js';

/** The part of @actions/cache this action uses; injected in tests (the cache service exists only on GitHub). */
export interface CacheService {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface PullDependencies {
  /** Loaded only when `cache: true`, so a plain pull never loads @actions/cache. */
  loadCache?: () => Promise<CacheService>;
}

const loadActionsCache = async (): Promise<CacheService> => import('@actions/cache');

/**
 * The cache key for a pull: the manifest digest, plus a hash of the media-type
 * filter when there is one (it changes which files land). Keys hold no commas
 * and stay far below the service's 512 characters.
 */
export function pullCacheKey(digest: string, mediaTypes: readonly string[]): string {
  const base = `ocikit-pull-v1-${digest.replace(':', '-')}`;
  if (mediaTypes.length === 0) return base;
  const filter = createHash('sha256').update([...new Set(mediaTypes)].sort().join('\n')).digest('hex').slice(0, 16);
  return `${base}-${filter}`;
}

/** A directory the cache may own: absent or empty (so saving it saves the artifact, nothing else). */
async function isAbsentOrEmpty(directory: string): Promise<boolean> {
  try {
    return (await readdir(directory)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

interface CachePlan {
  service: CacheService;
  /** The manifest digest the reference resolved to: the key, and what a miss pulls. */
  digest: string;
  key: string;
}

/** Whether and how this pull uses the cache; undefined (after a warning saying why) when it cannot. */
async function planCache(
  directory: string,
  mediaTypes: string[],
  target: Target,
  selector: string,
  dependencies: PullDependencies,
): Promise<CachePlan | undefined> {
  if (!(await isAbsentOrEmpty(directory))) {
    actions.warning(`cache: not used, ${directory} already holds files; give the pull a directory of its own (input "path") to cache it`);
    return undefined;
  }
  const service = await (dependencies.loadCache ?? loadActionsCache)();
  if (!service.isFeatureAvailable()) {
    actions.warning('cache: the Actions cache service is not available on this runner; pulling without it');
    return undefined;
  }
  // Resolve first: the key is the digest, whatever tag named it.
  const digest = (await target.resolve(selector)).digest;
  return { service, digest, key: pullCacheKey(digest, mediaTypes) };
}

const message = (error: unknown): string => String((error as Error)?.message ?? error);

export async function run(env: Env = process.env, dependencies: PullDependencies = {}): Promise<void> {
  await runAction(async (secrets) => {
    const progress = actionProgress(secrets);
    const remote = readRemoteInputs(env, secrets, progress);
    const directory = getString('path', env) || '.';
    const mediaTypes = getList('media-types', { comma: true }, env);
    const keepOldFiles = getBoolean('keep-old-files', false, env);
    const useCache = getBoolean('cache', false, env);

    const { target, reference, selector } = await openTarget(remote.reference, remote.options);
    try {
      const cache = useCache ? await planCache(directory, mediaTypes, target, selector, dependencies) : undefined;
      if (cache) {
        const restored = await cache.service.restoreCache([directory], cache.key).catch((error: unknown) => {
          actions.warning(`cache: restore failed, pulling instead: ${secrets.redact(message(error))}`);
          return undefined;
        });
        if (restored === cache.key) {
          const pulled = pinnedReference(reference, reference.tag, cache.digest);
          actions.info(`Restored ${pulled} into ${directory} from the Actions cache (key ${cache.key})`);
          setOutputs({
            digest: cache.digest,
            reference: pulled,
            'cache-hit': 'true',
            files: '',
            json: { reference: pulled, digest: cache.digest, cacheHit: true, cacheKey: cache.key, path: directory },
          });
          await writeCacheHitSummary(pulled, cache.digest, directory, cache.key);
          return;
        }
        actions.info(`cache: no entry for ${cache.key}; pulling`);
      }

      // By digest after a cache lookup, so what is saved is exactly what the key names.
      const result = await pullArtifact(target, cache?.digest ?? selector, {
        outputDir: directory,
        mediaTypes,
        keepOldFiles,
        concurrency: remote.concurrency,
        progress,
      });
      const pulled = pinnedReference(reference, reference.tag, result.descriptor.digest);
      actions.info(`Pulled ${pulled} into ${directory}`);
      if (cache) {
        try {
          await cache.service.saveCache([directory], cache.key);
          actions.info(`cache: saved ${directory} as ${cache.key}`);
        } catch (error) {
          actions.warning(`cache: not saved: ${secrets.redact(message(error))}`);
        }
      }
      setOutputs({
        digest: result.descriptor.digest,
        reference: pulled,
        'cache-hit': 'false',
        files: result.files.map((f) => f.path).join('\n'),
        json: { ...pullResultJson(pulled, result), cacheHit: false, ...(cache ? { cacheKey: cache.key } : {}) },
      });
      await writePullSummary(pulled, result);
    } finally {
      await target.close();
    }
  });
}
