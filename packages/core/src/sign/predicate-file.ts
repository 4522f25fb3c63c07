/**
 * The predicate of an attestation as a user gives it: a JSON file (`ocikit attest
 * --predicate`, the attest action's and component's `predicate` input), read before
 * any key or service is used, and small enough for the signed bundle it goes into.
 */
import { readFile, stat } from 'node:fs/promises';
import { OcikitError } from '../errors.js';
import { MAX_BUNDLE_BYTES } from './verify.js';

export async function readPredicateFile(path: string): Promise<unknown> {
  const what = `the predicate file ${path}`;
  const info = await stat(path).catch(() => {
    throw new OcikitError('INVALID_INPUT', `${what} does not exist or cannot be read`);
  });
  if (!info.isFile()) throw new OcikitError('INVALID_INPUT', `${what} is not a file`);
  if (info.size > MAX_BUNDLE_BYTES) {
    throw new OcikitError('INVALID_INPUT', `${what} is ${info.size} bytes; a signed bundle holds at most ${MAX_BUNDLE_BYTES}`, {
      hint: 'attach a large report as a referrer of its own (attach) and sign that',
    });
  }
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `${what} is not JSON: ${(error as Error).message}`);
  }
}
