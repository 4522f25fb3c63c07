import { readFile, stat } from 'node:fs/promises';
import { OcikitError } from '../errors.js';

/** A trusted_root.json is a few KiB; anything far larger is not one. */
const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024;

/** Reads a Sigstore trusted_root.json given by path, bounded, for keyless verification. */
export async function readTrustedRootFile(path: string): Promise<string> {
  const what = `the trusted root ${path}`;
  const info = await stat(path).catch(() => {
    throw new OcikitError('INVALID_INPUT', `${what} does not exist or cannot be read`);
  });
  if (!info.isFile() || info.size > MAX_TRUSTED_ROOT_BYTES) throw new OcikitError('INVALID_INPUT', `${what} is not a trusted_root.json file`);
  return readFile(path, 'utf8');
}
