import { Readable } from 'node:stream';
import { OcikitError, optionRef } from '../errors.js';
import { createDigester, type Digest } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import { stagedBlob } from '../target/staged-blob.js';
import type { StageBlobOptions, StagedBlob } from '../target/target.js';
import { ResumeBudget } from './resume-budget.js';
import { type UploadContext, deleteSession, finishUpload, gaveUp, openSession, patchChunk, sessionStatus } from './upload-session.js';

/** `PATCH` size when the repository sets none: big enough for few requests, small enough to keep two in memory. */
export const DEFAULT_STREAM_CHUNK_SIZE = 8 * 1024 * 1024;

export interface StreamUploadOptions extends StageBlobOptions {
  /** Bytes per `PATCH` (default 8 MiB; raised to the registry's `OCI-Chunk-Min-Length`). */
  chunkSize?: number;
}

/**
 * Uploads a stream whose digest is known only at its end: `POST` opens a
 * session, the bytes go up in `PATCH` chunks as they are produced (one chunk
 * filling while the one before is on the wire, so memory stays at two chunks),
 * and the closing `PUT ?digest=` is left to `commit`: until then the registry
 * holds an unfinished upload that no one can pull, and `abort` deletes it.
 *
 * A chunk that fails on the way (dropped connection, 5xx) is not sent blindly
 * again: the session's status says how many bytes the registry kept, and the
 * rest of the chunk goes from there (the chunk is still in memory). Failures
 * are bounded as a resumed file upload's are (ResumeBudget). Bytes before the
 * chunk are gone, so a session that lost them cannot be resumed; the first
 * chunk can always start over in a new session.
 */
export async function stageStreamUpload(context: UploadContext, stream: Readable, options: StreamUploadOptions): Promise<StagedBlob> {
  const target = `${context.client.registry}/${context.repository}`;
  const what = `uploading a ${options.mediaType} blob to ${target}`;
  const { signal } = options;
  const session = await openSession(context, what, signal);
  let location = session.location;
  const chunkSize = Math.max(options.chunkSize ?? DEFAULT_STREAM_CHUNK_SIZE, session.minChunk, 1);
  const budget = new ResumeBudget(context.client.retryPolicy);

  // Sent even after an interruption (a cleanup request ignores the client's signal), at
  // the newest location: `location` follows every answered PATCH.
  const abortSession = (blob = `a ${options.mediaType} blob`): Promise<void> => deleteSession(context, location, `${blob} to ${target}`);

  /** Sends `parts` (one chunk) as the bytes from `offset` on, resuming from the registry's count if a send fails. */
  const sendChunk = async (parts: Buffer[], offset: number): Promise<void> => {
    const end = offset + parts.reduce((sum, part) => sum + part.length, 0) - 1;
    let from = offset;
    while (from <= end) {
      const body = skip(parts, from - offset);
      const receipt = await patchChunk(context, location, { offset: from, end }, () => Readable.from(body), what, `pass ${optionRef('temp-dir')} to upload each blob in one request`, signal);
      if (!('failure' in receipt)) {
        location = receipt.location;
        from = receipt.held; // all of the chunk, or the part the registry kept: the rest goes next
        continue;
      }
      const { failure } = receipt;
      if (failure.kind === 'content') throw failure.error;
      const delay = budget.next(from, failure.retryAfterMs);
      if (delay === undefined) throw gaveUp(failure, budget.failuresInARow, what);
      await context.client.wait(delay, signal);
      // Ask the session how much arrived before going on from there.
      const held = await sessionStatus(context, location, what, signal);
      if (held && held.bytes >= offset && held.bytes <= end + 1) {
        location = held.location;
        from = held.bytes;
      } else if (offset === 0) {
        // The whole upload so far is this chunk: a new session takes it from byte 0.
        await abortSession();
        location = (await openSession(context, what, signal)).location;
        from = 0;
      } else {
        throw new OcikitError('REGISTRY_ERROR', `${what}: the upload cannot be resumed after a failed chunk`, {
          detail: `the chunk was bytes ${offset}-${end}; ${held ? `the registry holds ${held.bytes}` : 'the session is gone or does not say what it holds'}; the failure: ${failure.error.message}`,
          hint: 'this upload is produced as it streams and cannot be replayed into a new session; run the command again',
        });
      }
    }
  };

  // The stream's own buffers are cut into chunks as views, not copied: one chunk
  // on the wire while the next one gathers, so memory stays at about two chunks.
  const digester = createDigester('sha256');
  let size = 0;
  let sent = 0;
  let gathered: Buffer[] = [];
  let gatheredBytes = 0;
  let inFlight: Promise<void> | undefined;
  const dispatch = async (parts: Buffer[], length: number): Promise<void> => {
    await inFlight;
    inFlight = sendChunk(parts, sent);
    inFlight.catch(() => {}); // awaited later; a failure must not go unhandled meanwhile
    sent += length;
  };
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      digester.update(piece);
      size += piece.length;
      gathered.push(piece);
      gatheredBytes += piece.length;
      while (gatheredBytes >= chunkSize) {
        const [chunk, rest] = split(gathered, chunkSize);
        gathered = rest;
        gatheredBytes -= chunkSize;
        await dispatch(chunk, chunkSize);
      }
    }
    if (gatheredBytes > 0) await dispatch(gathered, gatheredBytes);
    gathered = [];
    await inFlight;
  } catch (error) {
    stream.destroy();
    await inFlight?.catch(() => {});
    await abortSession();
    throw error;
  }

  const descriptor: Descriptor = { mediaType: options.mediaType, digest: `sha256:${digester.digest('hex')}` as Digest, size };
  return stagedBlob(descriptor, {
    async commit() {
      await finishUpload(context, location, descriptor, () => null, '0', `uploading ${descriptor.digest} to ${target}`, signal);
      return 'uploaded';
    },
    abort: () => abortSession(descriptor.digest),
  });
}

/** The first `length` bytes of `parts` and the rest, as views of the same memory. */
function split(parts: Buffer[], length: number): [Buffer[], Buffer[]] {
  const head: Buffer[] = [];
  let remaining = length;
  let i = 0;
  for (; i < parts.length && remaining > 0; i++) {
    const part = parts[i]!;
    if (part.length <= remaining) {
      head.push(part);
      remaining -= part.length;
    } else {
      head.push(part.subarray(0, remaining));
      return [head, [part.subarray(remaining), ...parts.slice(i + 1)]];
    }
  }
  return [head, parts.slice(i)];
}

/** `parts` without their first `count` bytes. */
function skip(parts: Buffer[], count: number): Buffer[] {
  return count === 0 ? parts : split(parts, count)[1];
}
