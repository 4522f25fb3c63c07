import { lstat, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { OcikitError, optionRef } from '../errors.js';

export interface MoveTreeOptions {
  /** Replace files that exist; without it, an existing file is an error, checked before anything moves. */
  overwrite: boolean;
  /** A name in `from`'s top level to leave where it is. */
  skip?: string;
}

/** One rename done: where something new landed, and where what it replaced was put aside. */
interface Placed {
  path: string;
  replaced?: string;
}

/**
 * Moves everything under `from` into `to`, merging directories, all or nothing.
 * Each file lands by rename (same filesystem), so a reader sees the old file or
 * the new one. Whatever can be known to fail (an existing file without
 * `overwrite`, a file where a directory is) is refused before the first rename;
 * should a rename still fail part-way, those already done are undone (what they
 * replaced put back), so `to` is as it was.
 */
export async function moveTreeInto(from: string, to: string, options: MoveTreeOptions): Promise<void> {
  await assertMovable(from, to, options.overwrite, options.skip);
  await mkdir(to, { recursive: true });
  // Replaced files wait here until the whole move has succeeded: same filesystem, so renames.
  const aside = await mkdtemp(join(to, '.ocikit-replaced-'));
  const placed: Placed[] = [];
  try {
    await move(from, to, options.skip, aside, placed);
  } catch (error) {
    await undo(placed);
    throw error;
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
}

async function move(from: string, to: string, skip: string | undefined, aside: string, placed: Placed[]): Promise<void> {
  for (const name of await readdir(from)) {
    if (name === skip) continue;
    const source = join(from, name);
    const destination = join(to, name);
    const existing = await lstat(destination).catch(() => undefined);
    if (existing?.isDirectory()) {
      // assertMovable saw to it that the source is a directory too.
      await move(source, destination, undefined, aside, placed);
      continue;
    }
    let replaced: string | undefined;
    if (existing) {
      replaced = join(aside, String(placed.length));
      await rename(destination, replaced);
    }
    try {
      await rename(source, destination);
    } catch (error) {
      if (replaced) await rename(replaced, destination);
      throw error;
    }
    placed.push(replaced ? { path: destination, replaced } : { path: destination });
  }
}

/** Takes back the renames done, last first: new things removed, replaced ones put back. */
async function undo(placed: Placed[]): Promise<void> {
  for (const { path, replaced } of placed.reverse()) {
    await rm(path, { recursive: true, force: true });
    if (replaced) await rename(replaced, path);
  }
}

async function assertMovable(from: string, to: string, overwrite: boolean, skip: string | undefined): Promise<void> {
  for (const name of await readdir(from)) {
    if (name === skip) continue;
    const source = join(from, name);
    const destination = join(to, name);
    const existing = await lstat(destination).catch(() => undefined);
    if (!existing) continue;
    const sourceIsDirectory = (await lstat(source)).isDirectory();
    if (sourceIsDirectory && existing.isDirectory()) {
      await assertMovable(source, destination, overwrite, undefined);
    } else {
      const problem = placementProblem(destination, existing, sourceIsDirectory, overwrite);
      if (problem) throw problem;
    }
  }
}

/**
 * Why a file or directory cannot land where something already is, if it cannot:
 * a file never replaces a directory, and nothing replaces anything unless
 * `overwrite`. (A directory over a directory merges: its entries are asked in turn.)
 */
export function placementProblem(destination: string, existing: Stats, sourceIsDirectory: boolean, overwrite: boolean): OcikitError | undefined {
  if (sourceIsDirectory && existing.isDirectory()) return undefined;
  if (existing.isDirectory()) {
    return new OcikitError('INVALID_INPUT', `cannot replace directory ${destination} with a file`, { hint: 'move the directory away, or pull into another directory' });
  }
  if (!overwrite) return new OcikitError('INVALID_INPUT', `${destination} already exists`, { hint: `remove it, or pull without ${optionRef('keep-old-files')} to replace it` });
  return undefined;
}
