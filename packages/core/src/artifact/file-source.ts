import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OcikitError } from '../errors.js';
import { DigestingStream, createDigester } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import type { BlobSource } from '../target/target.js';

/** A file as a blob: hashed once up front (the digest must be known before upload), re-readable for retries. */
export async function fileBlobSource(path: string, descriptor: Omit<Descriptor, 'digest' | 'size'>): Promise<BlobSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new OcikitError('INVALID_INPUT', `${path} is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof OcikitError) throw error;
    throw new OcikitError('INVALID_INPUT', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'check the path; it is relative to the working directory',
    });
  }
  const hash = createDigester();
  let hashed = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    hashed += chunk.length;
  }
  if (hashed !== size) throw new OcikitError('INVALID_INPUT', `${path} changed while it was being read`);
  const { mediaType, ...rest } = descriptor;
  // Field order as the image spec lists it, so manifests read the way peers write them.
  const full: Descriptor = { mediaType, digest: `sha256:${hash.digest('hex')}`, size, ...rest };
  return {
    descriptor: full,
    open: (start = 0, end = size - 1) =>
      size === 0 ? createReadStream(path, { start: 0, end: -1 }) : createReadStream(path, { start, end, highWaterMark: 1024 * 1024 }),
  };
}

/** Spools a stream (stdin) to a file while hashing it, so it can be pushed like any file. */
export async function spoolToFile(source: Readable, path: string): Promise<{ digest: string; size: number }> {
  const digesting = new DigestingStream();
  await pipeline(source, digesting, createWriteStream(path, { mode: 0o600 }));
  return { digest: digesting.digest!, size: digesting.size };
}
