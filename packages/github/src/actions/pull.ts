/**
 * pull: the files of an artifact into a directory, as `ocikit pull` (openTarget,
 * selectReferrer for `artifact-type`, pullArtifact). With `cache: true` the
 * pulled directory is kept in the Actions cache keyed by the manifest digest: the
 * digest is resolved first, the cache is restored into the directory, and only on
 * a miss is the artifact pulled (by that digest, so what is cached is exactly what
 * the key names) and then saved.
 */
import * as actions from '@actions/core';
import {
  type Descriptor,
  REFERRERS_MODES,
  type Target,
  hostPlatform,
  isIndexMediaType,
  openTarget,
  parsePlatform,
  parseReference,
  pinnedReference,
  platformString,
  pullArtifact,
  pullResultJson,
  selectReferrer,
} from '@ocikit/core';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { type Env, getBoolean, getChoice, getList, getPositiveInteger, getRequired, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { actionProgress, runAction } from '../run-action.js';
import { writeCacheHitSummary, writePullSummary } from '../summary.js';
import { readConnectionInputs, readCredentialInputs, registryHosts } from '../target-options.js';

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
 * The cache key for a pull: the manifest digest, plus a hash of what changes which
 * files land from it: the media-type filter, and for an index the platform whose
 * entry is pulled. Keys hold no commas and stay far below the service's 512 characters.
 */
export function pullCacheKey(digest: string, mediaTypes: readonly string[], platform?: string): string {
  const base = `ocikit-pull-v1-${digest.replace(':', '-')}`;
  const filter = [...new Set(mediaTypes)].sort();
  if (filter.length === 0 && platform === undefined) return base;
  const parts = platform === undefined ? filter : [...filter, `platform=${platform}`];
  return `${base}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)}`;
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

/**
 * Whether and how this pull uses the cache; undefined (after a warning saying why)
 * when it cannot. `known` is the manifest when it is already resolved (a referrer).
 */
async function planCache(
  directory: string,
  filter: { mediaTypes: string[]; platform: string | undefined },
  target: Target,
  wanted: string,
  known: Descriptor | undefined,
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
  // Resolve first: the key is the digest, whatever tag named it; from an index, the platform picks the files.
  const descriptor = known ?? (await target.resolve(wanted));
  const platform = isIndexMediaType(descriptor.mediaType) ? (filter.platform ?? platformString(hostPlatform())) : undefined;
  return { service, digest: descriptor.digest, key: pullCacheKey(descriptor.digest, filter.mediaTypes, platform) };
}

const message = (error: unknown): string => String((error as Error)?.message ?? error);

export async function run(env: Env = process.env, dependencies: PullDependencies = {}): Promise<void> {
  await runAction(async (secrets, signal) => {
    const progress = actionProgress(secrets);
    const auth = readCredentialInputs(env, secrets);
    const parsed = parseReference(getRequired('reference', env));
    const connection = readConnectionInputs(env, secrets, progress, auth, registryHosts(parsed), signal);
    const directory = getString('path', env) || '.';
    const mediaTypes = getList('media-types', { comma: true }, env);
    const keepOldFiles = getBoolean('keep-old-files', false, env);
    const useCache = getBoolean('cache', false, env);
    const artifactType = getString('artifact-type', env);
    const platform = getString('platform', env);
    if (platform) parsePlatform(platform); // refused now, before any request
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const concurrency = getPositiveInteger('concurrency', 3, env);

    const { target, reference, selector } = await openTarget(parsed, { ...connection, referrersMode });
    try {
      // "The SBOM of app:v1": a referrer of the reference, picked by artifact type (the newest of several).
      const referrer = artifactType ? await selectReferrer(target, selector, artifactType, { progress }) : undefined;
      const wanted = referrer ? referrer.chosen.digest : selector;
      const cache = useCache
        ? await planCache(directory, { mediaTypes, platform: platform || undefined }, target, wanted, referrer?.chosen, dependencies)
        : undefined;
      if (cache) {
        const restored = await cache.service.restoreCache([directory], cache.key).catch((error: unknown) => {
          actions.warning(`cache: restore failed, pulling instead: ${secrets.redact(message(error))}`);
          return undefined;
        });
        if (restored === cache.key) {
          // The digest is what the reference (or the referrer) names, so a tag stays with it.
          const pulled = pinnedReference(reference, referrer ? undefined : reference.tag, cache.digest);
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
      const result = await pullArtifact(target, cache?.digest ?? wanted, {
        outputDir: directory,
        mediaTypes,
        keepOldFiles,
        concurrency,
        progress,
        ...(platform ? { platform } : {}),
      });
      const json = pullResultJson(reference, result, referrer);
      actions.info(`Pulled ${json.reference} into ${directory}${json.platform ? ` (${json.platform} from index ${json.index})` : ''}`);
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
        reference: json.reference,
        'cache-hit': 'false',
        files: result.files.map((f) => f.path).join('\n'),
        json: { ...json, cacheHit: false, ...(cache ? { cacheKey: cache.key } : {}) },
      });
      await writePullSummary(json.reference, result);
    } finally {
      await target.close();
    }
  });
}
