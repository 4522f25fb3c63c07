import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A sibling path for a temp file: same directory, so the final rename is atomic. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.ocikit-${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes bytes to `path` by temp file and rename: readers see the old file or the new, never half. */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, bytes, mode === undefined ? {} : { mode });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * How much a file write stream takes in before it says "wait". With the default
 * (16 KiB) each 64 KiB chunk of a download is its own write() in the thread pool;
 * with 1 MiB the chunks that arrive during one write go down together in one
 * writev(), which cut a 1 GiB pull's CPU time by a quarter.
 */
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * Streams `source` into `path` by temp file and rename. If the stream errors
 * (a digest mismatch included) the temp file is removed and `path` is untouched.
 */
export async function writeStreamAtomic(path: string, source: Readable, mode?: number): Promise<void> {
  // A small stream may end, and fail its digest check, while the directory is made:
  // its error waits for the pipeline (which reads it from the stream) instead of crashing the process.
  source.on('error', keepForConsumer);
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await pipeline(source, createWriteStream(temp, { highWaterMark: WRITE_BATCH_BYTES, ...(mode === undefined ? {} : { mode }) }));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * An 'error' listener for a stream that is handed over before its consumer is
 * attached: Node would otherwise throw the error as unhandled. The consumer
 * (a pipeline) still receives it: a destroyed stream keeps its error.
 */
export function keepForConsumer(): void {}
