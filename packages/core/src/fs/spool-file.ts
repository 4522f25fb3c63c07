import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DigestingStream, type Digest } from '../oci/digest.js';

export interface SpooledFile {
  path: string;
  digest: Digest;
  size: number;
}

/**
 * Writes a stream to a new temp file in `dir`, hashing it on the way. The name
 * (`.blob.ocikit-<hex>.tmp`) is one an OCI layout tolerates in its directories.
 * On any error the file is removed and the error rethrown.
 */
export async function spoolToFile(dir: string, stream: Readable, signal?: AbortSignal): Promise<SpooledFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `.blob.ocikit-${randomBytes(6).toString('hex')}.tmp`);
  const digesting = new DigestingStream('sha256');
  try {
    await pipeline(stream, digesting, createWriteStream(path, { flags: 'wx' }), signal ? { signal } : {});
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, digest: digesting.digest!, size: digesting.size };
}
