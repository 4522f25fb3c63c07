import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OcikitError } from '../errors.js';

export interface IndexLockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs?: number;
  /** A lock file older than this belongs to a process that died holding it. */
  staleMs?: number;
  /** How the layout is named in messages. */
  name?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;

/**
 * Tail of the in-process queue per file. The lock file alone would do, but
 * queueing in memory first spares same-process callers (a `Promise.all` of
 * tags) from polling the file system against each other.
 */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `update` while holding the lock on `file` (index.json): first in this
 * process's queue, then by `<file>.lock` against other processes. `update` must
 * re-read the file itself: whatever was read before the lock may be stale.
 */
export async function withFileLock<T>(file: string, update: () => Promise<T>, options: IndexLockOptions = {}): Promise<T> {
  const key = resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(async () => {
    const release = await acquire(`${key}.lock`, options);
    try {
      return await update();
    } finally {
      await release();
    }
  });
  // The queue must keep moving after a failure; the caller still sees it through `run`.
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

async function acquire(lockPath: string, options: IndexLockOptions): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  // The token lets release tell our lock from one another process took after breaking ours as stale.
  const token = `${process.pid}@${hostname()} ${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      return () => releaseLock(lockPath, token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await breakIfStale(lockPath, staleMs)) continue;
    if (Date.now() >= deadline) {
      const holder = (await readFile(lockPath, 'utf8').catch(() => '')).split(' ')[0] || 'unknown';
      throw new OcikitError('INVALID_INPUT', `${options.name ?? lockPath}: index.json stayed locked for ${timeoutMs / 1000} s`, {
        detail: `lock file ${lockPath} is held by ${holder}`,
        hint: `if no other ocikit is writing to this layout, delete ${lockPath}`,
      });
    }
    // Jittered so that several waiters do not retry in lockstep.
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
}

/**
 * Removes a lock left by a process that died holding it. Renaming first makes
 * the break atomic: of several waiters that all saw the same stale lock, only
 * one moves it, and a lock that was replaced in the meantime (other inode or
 * mtime) is put back instead of being thrown away.
 */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await stat(lockPath).catch(() => undefined);
  if (!seen) return true; // released between our open and stat: try again at once
  if (Date.now() - seen.mtimeMs < staleMs) return false;
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true; // another waiter moved it first
  }
  const moved = await stat(aside);
  if (moved.ino !== seen.ino || moved.mtimeMs !== seen.mtimeMs) {
    // We took a fresh lock: give it back unless someone has locked again since.
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === token) await unlink(lockPath).catch(() => undefined);
}
