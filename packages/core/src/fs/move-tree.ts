import { lstat, mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { OcikitError } from '../errors.js';

/**
 * Moves everything under `from` into `to`, merging directories. Each file lands
 * by rename (same filesystem), so a reader sees the old file or the new one.
 * With `overwrite: false` an existing file is an error, checked for all files
 * before any is moved.
 */
export async function moveTreeInto(from: string, to: string, options: { overwrite: boolean; skip?: string }): Promise<void> {
  if (!options.overwrite) await assertNoConflicts(from, to, options.skip);
  await move(from, to, options.skip);
}

async function move(from: string, to: string, skip: string | undefined): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (name === skip) continue;
    const source = join(from, name);
    const destination = join(to, name);
    const sourceInfo = await lstat(source);
    const existing = await lstat(destination).catch(() => undefined);
    if (sourceInfo.isDirectory() && existing?.isDirectory()) {
      await move(source, destination, undefined);
    } else if (existing?.isDirectory()) {
      throw new OcikitError('INVALID_INPUT', `cannot replace directory ${destination} with a file`);
    } else {
      await rename(source, destination);
    }
  }
}

async function assertNoConflicts(from: string, to: string, skip: string | undefined): Promise<void> {
  for (const name of await readdir(from)) {
    if (name === skip) continue;
    const source = join(from, name);
    const destination = join(to, name);
    const existing = await lstat(destination).catch(() => undefined);
    if (!existing) continue;
    if ((await lstat(source)).isDirectory() && existing.isDirectory()) {
      await assertNoConflicts(source, destination, undefined);
    } else {
      throw new OcikitError('INVALID_INPUT', `${destination} already exists`, { hint: 'remove it, or pull without --keep-old-files to replace it' });
    }
  }
}
