/**
 * The TUF cache (Sigstore's checked trust metadata, core's tufCacheDir) kept in the
 * Actions cache, so a keyless verify on a fresh runner asks the TUF mirror only
 * when the metadata has changed or expired. An entry's key names the mirror and
 * the content (a hash of every file), so a new entry is saved exactly when TUF
 * fetched something new; a restore takes the newest entry for the mirror. The
 * cache only spares requests: TUF checks whatever it restores, and a cache that
 * fails or is missing never fails the step.
 */
import * as actions from '@actions/core';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The part of @actions/cache this uses; injected in tests (the cache service exists only on GitHub). */
export interface TufCacheService {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

/** A restored (or missed) entry, to save over when TUF has fetched something new. */
export interface TufCacheEntry {
  service: TufCacheService;
  dir: string;
  prefix: string;
  restoredKey: string | undefined;
}

const message = (error: unknown): string => String((error as Error)?.message ?? error);

/** The key prefix of a mirror's entries: the mirror's URL as a short hash (keys take no slashes or colons). */
export function tufCachePrefix(mirror: string): string {
  return `ocikit-tuf-v1-${createHash('sha256').update(mirror).digest('hex').slice(0, 16)}-`;
}

/** Restores the newest entry for `mirror` into `dir`; undefined when there is no cache service (said in the log). */
export async function restoreTufCache(load: () => Promise<TufCacheService>, mirror: string, dir: string): Promise<TufCacheEntry | undefined> {
  let service: TufCacheService;
  try {
    service = await load();
    if (!service.isFeatureAvailable()) {
      actions.info('TUF cache: the Actions cache service is not available on this runner; the trusted root is kept on disk only');
      return undefined;
    }
  } catch (error) {
    actions.warning(`TUF cache: not used: ${message(error)}`);
    return undefined;
  }
  const prefix = tufCachePrefix(mirror);
  const restoredKey = await service.restoreCache([dir], prefix, [prefix]).catch((error: unknown) => {
    actions.warning(`TUF cache: restore failed, fetching from the TUF mirror: ${message(error)}`);
    return undefined;
  });
  actions.info(restoredKey ? `TUF cache: restored ${restoredKey}` : 'TUF cache: no entry yet');
  return { service, dir, prefix, restoredKey };
}

/** Saves `dir` as a new entry when its content differs from the restored one's. */
export async function saveTufCache(entry: TufCacheEntry): Promise<void> {
  const files = await contentHash(entry.dir).catch(() => undefined);
  if (files === undefined) return;
  const key = `${entry.prefix}${files}`;
  if (key === entry.restoredKey) return;
  try {
    await entry.service.saveCache([entry.dir], key);
    actions.info(`TUF cache: saved ${key}`);
  } catch (error) {
    // Another job saving the same content first is the usual reason; the next run restores theirs.
    actions.warning(`TUF cache: not saved: ${message(error)}`);
  }
}

/** A hash of every file under `dir` (names and bytes, in order), or undefined when it holds none. */
async function contentHash(dir: string): Promise<string | undefined> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  if (names.length === 0) return undefined;
  const hash = createHash('sha256');
  for (const name of names) hash.update(`${name.slice(dir.length)}\0`).update(await readFile(name)).update('\0');
  return hash.digest('hex').slice(0, 32);
}
