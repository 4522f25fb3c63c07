// Sigstore's trusted root (trusted_root.json: Fulcio CAs, Rekor, CT log and
// timestamp authority keys) through the instance's TUF repository, as cosign gets
// it: @sigstore/tuf checks every metadata file against the TUF root it already
// trusts (built in for the public-good instance, given for a private one) and the
// target against the signed targets metadata, and keeps what it checked in a cache
// directory. A cached copy is used without asking the mirror until its timestamp
// metadata expires (cosign's ForceCache; tuf-js then refreshes it all), so a second
// verify makes no request and a runner that restored the cache verifies offline
// until then.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OcikitError } from '../errors.js';
import { sigstoreServiceURL } from './service-url.js';
import { tufFailure } from './tuf-failure.js';

/** The public-good Sigstore instance's TUF repository (@sigstore/tuf carries its initial root.json). */
export const PUBLIC_GOOD_TUF_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';

const TRUSTED_ROOT_TARGET = 'trusted_root.json';

/** Where Sigstore's trust material is fetched from and kept. */
export interface TufRepository {
  /** The TUF repository's base URL; the public-good instance's by default. */
  mirror?: string;
  /** The path of the initial root.json to trust; needed for any mirror but the public-good one, whose root is built in. */
  initialRoot?: string;
  /** Where checked metadata and targets are kept; tufCacheDir() by default. */
  cacheDir?: string;
  /** One request's time limit in milliseconds (default 5000; each is tried 3 times). */
  timeoutMs?: number;
}

/** The cache of TUF metadata under the user's cache directory ($XDG_CACHE_HOME/ocikit/tuf, else ~/.cache/ocikit/tuf), as cosign keeps ~/.sigstore. */
export function tufCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'ocikit', 'tuf');
}

/**
 * The trusted_root.json of the Sigstore instance whose TUF repository `repository`
 * names, as text, verified through TUF. Throws OcikitError: INVALID_INPUT for a bad
 * mirror URL or initial root, NETWORK when the mirror cannot be reached or answers
 * with an error, UNVERIFIED when the metadata or the target does not verify
 * (expired, tampered, signed by keys the TUF root does not trust), NOT_FOUND when
 * the repository has no trusted root.
 */
export async function fetchTrustedRootThroughTuf(repository: TufRepository = {}, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const mirror = repository.mirror === undefined ? PUBLIC_GOOD_TUF_MIRROR : sigstoreServiceURL(repository.mirror, 'TUF mirror');
  if (repository.initialRoot !== undefined) await checkInitialRoot(repository.initialRoot);
  const cachePath = repository.cacheDir ?? tufCacheDir(env);
  // Loaded here: only a keyless verify without a trusted root file needs it.
  const { initTUF } = await import('@sigstore/tuf');
  try {
    const tuf = await initTUF({
      mirrorURL: mirror,
      cachePath,
      ...(repository.initialRoot !== undefined ? { rootPath: repository.initialRoot } : {}),
      forceCache: await hasCachedTimestamp(cachePath, mirror),
      retry: { retries: 2 },
      timeout: repository.timeoutMs ?? 5000,
    });
    return await tuf.getTarget(TRUSTED_ROOT_TARGET);
  } catch (error) {
    throw tufFailure(error, mirror, TRUSTED_ROOT_TARGET);
  }
}

/**
 * Whether the cache holds the mirror's timestamp metadata, so it may be used
 * without asking the mirror (cosign's ForceCache when its cache has metadata).
 * Only then: with nothing cached, tuf-js's forceCache would fetch the timestamp
 * before asking for a newer root; a full refresh asks for newer roots first. The
 * directory is @sigstore/tuf's name for the mirror (client.ts); should it change,
 * every fetch is a full refresh, which costs requests and never trust.
 */
async function hasCachedTimestamp(cachePath: string, mirror: string): Promise<boolean> {
  const url = new URL(mirror);
  const repository = encodeURIComponent(url.host + url.pathname.replace(/\/$/, ''));
  return (await stat(join(cachePath, repository, 'timestamp.json')).catch(() => undefined))?.isFile() === true;
}

async function checkInitialRoot(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new OcikitError('INVALID_INPUT', `the TUF root ${path} does not exist or is not a file`, {
      hint: 'give the initial root.json of the Sigstore instance\'s TUF repository (its maintainers publish it)',
    });
  }
}
