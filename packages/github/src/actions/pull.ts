/**
 * pull: the files of an artifact into a directory, as `ocikit pull` (openTarget,
 * selectReferrer for `artifact-type`, pullArtifact). With `cache: true` the
 * Actions cache keeps the artifact's blobs (an OCI layout of exactly what the
 * pull reads), keyed by the manifest digest: the digest is resolved first, the
 * layout restored, and the files pulled from it, every manifest and blob verified
 * against the digests the key names, as from a registry. A miss copies what the
 * pull reads into the layout (one download), pulls from it and saves it; an entry
 * that does not verify is ignored, with a warning, and the pull goes to the registry.
 */
import * as actions from '@actions/core';
import {
  type Descriptor,
  OciLayoutStore,
  type PullArtifactOptions,
  type PullArtifactResult,
  REFERRERS_MODES,
  type Target,
  copyForPull,
  hostPlatform,
  isIndexMediaType,
  openTarget,
  parsePlatform,
  platformString,
  pullArtifact,
  pullResultJson,
  selectReferrer,
} from '@ocikit/core';
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Env, getBoolean, getChoice, getList, getPositiveInteger, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writePullSummary } from '../summary.js';
import { referenceInput, startStep } from '../target-options.js';

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
 * entry is pulled (and whether a compatible one may be). Keys hold no commas and stay far below the service's 512 characters.
 */
export function pullCacheKey(digest: string, mediaTypes: readonly string[], platform?: string, compatiblePlatforms = false): string {
  // v2: an entry holds the artifact's blobs as an OCI layout (v1 held the pulled files, unverifiable).
  const base = `ocikit-pull-v2-${digest.replace(':', '-')}`;
  const filter = [...new Set(mediaTypes)].sort();
  if (filter.length === 0 && platform === undefined) return base;
  // With compatible platforms, the entry for linux/arm/v7 may be arm/v6's: another key than the exact one.
  const parts = platform === undefined ? filter : [...filter, `platform=${platform}`, ...(compatiblePlatforms ? ['compatible'] : [])];
  return `${base}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)}`;
}

interface CachePlan {
  service: CacheService;
  /** The manifest digest the reference resolved to: the key, and what is pulled. */
  digest: string;
  key: string;
  /** The OCI layout the entry is restored into and saved from (in RUNNER_TEMP, out of the workspace). */
  layout: string;
}

/**
 * Whether and how this pull uses the cache; undefined (after a warning saying why)
 * when it cannot. `known` is the manifest when it is already resolved (a referrer).
 */
async function planCache(
  filter: { mediaTypes: string[]; platform: string | undefined; compatiblePlatforms: boolean },
  target: Target,
  wanted: string,
  known: Descriptor | undefined,
  env: Env,
  dependencies: PullDependencies,
): Promise<CachePlan | undefined> {
  const service = await (dependencies.loadCache ?? loadActionsCache)();
  if (!service.isFeatureAvailable()) {
    actions.warning('cache: the Actions cache service is not available on this runner; pulling without it');
    return undefined;
  }
  // Resolve first: the key is the digest, whatever tag named it; from an index, the platform picks the files.
  const descriptor = known ?? (await target.resolve(wanted));
  const platform = isIndexMediaType(descriptor.mediaType) ? (filter.platform ?? platformString(hostPlatform())) : undefined;
  const key = pullCacheKey(descriptor.digest, filter.mediaTypes, platform, filter.compatiblePlatforms);
  return { service, digest: descriptor.digest, key, layout: join(env.RUNNER_TEMP || tmpdir(), 'ocikit-pull-cache', key) };
}

/** Pulls from the cache's layout: by the key's digest, so every manifest and blob is checked against it. */
async function pullFromLayout(layout: string, digest: string, options: PullArtifactOptions): Promise<PullArtifactResult> {
  const store = await OciLayoutStore.open(layout);
  try {
    return await pullArtifact(store, digest, options);
  } finally {
    await store.close();
  }
}

/**
 * A miss: what the pull reads goes from the registry into a fresh layout (one
 * download), the files come from the layout, and the layout is saved.
 */
async function pullThroughCache(target: Target, cache: CachePlan, options: PullArtifactOptions, secrets: { redact(text: string): string }): Promise<PullArtifactResult> {
  await rm(cache.layout, { recursive: true, force: true });
  const store = await OciLayoutStore.open(cache.layout, { create: true });
  try {
    await copyForPull(target, cache.digest, store, options);
  } finally {
    await store.close();
  }
  const result = await pullFromLayout(cache.layout, cache.digest, options);
  try {
    await cache.service.saveCache([cache.layout], cache.key);
    actions.info(`cache: saved the artifact's blobs as ${cache.key}`);
  } catch (error) {
    actions.warning(`cache: not saved: ${secrets.redact(message(error))}`);
  }
  return result;
}

const message = (error: unknown): string => String((error as Error)?.message ?? error);

export async function run(env: Env = process.env, dependencies: PullDependencies = {}): Promise<void> {
  await runAction('pull', async (secrets, signal) => {
    const { progress, connection, reference: parsed } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const directory = getString('path', env) || '.';
    const mediaTypes = getList('media-types', { comma: true }, env);
    const keepOldFiles = getBoolean('keep-old-files', false, env);
    const useCache = getBoolean('cache', false, env);
    const artifactType = getString('artifact-type', env);
    const platform = getString('platform', env);
    if (platform) parsePlatform(platform); // refused now, before any request
    const compatiblePlatforms = getBoolean('compatible-platforms', false, env);
    const maxUnpackedBytes = getPositiveInteger('max-unpack-bytes', undefined, env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const concurrency = getPositiveInteger('concurrency', 3, env);

    const { target, reference, selector } = await openTarget(parsed, { ...connection, referrersMode });
    try {
      // "The SBOM of app:v1": a referrer of the reference, picked by artifact type (the newest of several).
      const referrer = artifactType ? await selectReferrer(target, selector, artifactType, { progress }) : undefined;
      const wanted = referrer ? referrer.chosen.digest : selector;
      const cache = useCache ? await planCache({ mediaTypes, platform: platform || undefined, compatiblePlatforms }, target, wanted, referrer?.chosen, env, dependencies) : undefined;
      const options: PullArtifactOptions = {
        outputDir: directory,
        mediaTypes,
        keepOldFiles,
        concurrency,
        progress,
        ...(platform ? { platform } : {}),
        ...(compatiblePlatforms ? { compatiblePlatforms: true } : {}),
        ...(maxUnpackedBytes ? { maxUnpackedBytes } : {}),
      };

      let result: PullArtifactResult | undefined;
      let cacheHit = false;
      let entryBroken = false;
      if (cache) {
        const restored = await cache.service.restoreCache([cache.layout], cache.key).catch((error: unknown) => {
          actions.warning(`cache: restore failed, pulling instead: ${secrets.redact(message(error))}`);
          return undefined;
        });
        if (restored === cache.key) {
          try {
            result = await pullFromLayout(cache.layout, cache.digest, options);
            cacheHit = true;
          } catch (error) {
            // A tampered or broken entry: its blobs do not match the digests the key names. Its key
            // is taken (cache entries are immutable), so the pull goes to the registry and saves nothing.
            entryBroken = true;
            actions.warning(`cache: the entry ${cache.key} does not hold what its digest names, so it is not used: ${secrets.redact(message(error))}; pulling from the registry`);
          }
        } else {
          actions.info(`cache: no entry for ${cache.key}; pulling`);
        }
      }
      result ??= cache && !entryBroken ? await pullThroughCache(target, cache, options, secrets) : await pullArtifact(target, cache?.digest ?? wanted, options);

      const json = pullResultJson(reference, result, referrer);
      actions.info(
        `${cacheHit ? 'Restored' : 'Pulled'} ${json.reference} into ${directory}${json.platform ? ` (${json.platform} from index ${json.index})` : ''}${cacheHit ? ` from the Actions cache (key ${cache!.key}), every file verified` : ''}`,
      );
      setOutputs({
        digest: result.descriptor.digest,
        reference: json.reference,
        'cache-hit': String(cacheHit),
        files: result.files.map((f) => f.path).join('\n'),
        json: { ...json, cacheHit, ...(cache ? { cacheKey: cache.key } : {}) },
      });
      await writePullSummary(json.reference, result, cacheHit ? cache!.key : undefined);
    } finally {
      await target.close();
    }
  });
}
