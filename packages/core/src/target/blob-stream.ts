import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { spoolToFile } from '../fs/spool-file.js';
import type { Descriptor } from '../oci/manifest.js';
import { stagedBlob } from './staged-blob.js';
import type { StageBlobOptions, StagedBlob, Target } from './target.js';

export interface StageBlobStreamOptions extends StageBlobOptions {
  /**
   * Write the stream to a temp file in this directory first, then upload it
   * in one request: for registries that refuse chunked uploads. Stores that
   * cannot take a stream of unknown digest are always served this way (in the
   * system temp directory when this is not set).
   */
  tempDir?: string;
}

/**
 * Stores a stream whose digest is known only at its end, invisible until
 * `commit`: by the store's own streaming path (chunked upload, temp file in
 * the layout's blobs/), or by a temp file and an ordinary `pushBlob`.
 */
export async function stageBlobStream(target: Target, stream: Readable, options: StageBlobStreamOptions): Promise<StagedBlob> {
  const { mediaType, signal, tempDir } = options;
  if (tempDir === undefined && target.stageBlobStream) {
    return target.stageBlobStream(stream, { mediaType, ...(signal ? { signal } : {}) });
  }
  const spooled = await spoolToFile(tempDir ?? tmpdir(), stream, signal);
  const descriptor: Descriptor = { mediaType, digest: spooled.digest, size: spooled.size };
  return stagedBlob(descriptor, {
    async commit() {
      try {
        const source = { descriptor, open: (start?: number, end?: number) => createReadStream(spooled.path, { start, end }) };
        const outcome = await target.pushBlob(source, signal ? { signal } : {});
        return outcome === 'skipped' ? 'skipped' : 'uploaded';
      } finally {
        await rm(spooled.path, { force: true });
      }
    },
    abort: () => rm(spooled.path, { force: true }),
  });
}

/** `stageBlobStream` and `commit` in one: the descriptor of what was stored. */
export async function pushBlobStream(target: Target, stream: Readable, options: StageBlobStreamOptions): Promise<Descriptor> {
  const staged = await stageBlobStream(target, stream, options);
  await staged.commit();
  return staged.descriptor;
}
