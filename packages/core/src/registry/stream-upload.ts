import { Readable } from 'node:stream';
import { OcikitError } from '../errors.js';
import { createDigester, type Digest } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import type { StageBlobOptions, StagedBlob } from '../target/target.js';
import { type UploadContext, deleteSession, finishUpload, heldBytes, openSession, uploadLocation } from './blob-upload.js';
import { registryError } from './registry-error.js';
import { isRetryableStatus, nextDelay, parseRetryAfter } from './retry-policy.js';

/** `PATCH` size when the repository sets none: big enough for few requests, small enough to keep two in memory. */
export const DEFAULT_STREAM_CHUNK_SIZE = 8 * 1024 * 1024;

/** Sends of one chunk, counting the first, before giving up on it. */
const CHUNK_ATTEMPTS = 4;

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
 * rest of the chunk goes from there (the chunk is still in memory).
 */
export async function stageStreamUpload(context: UploadContext, stream: Readable, options: StreamUploadOptions): Promise<StagedBlob> {
  const target = `${context.client.registry}/${context.repository}`;
  const what = `uploading a ${options.mediaType} blob to ${target}`;
  const { signal } = options;
  const session = await openSession(context, what, signal);
  let location = session.location;
  const chunkSize = Math.max(options.chunkSize ?? DEFAULT_STREAM_CHUNK_SIZE, session.minChunk, 1);

  // Sent even after an interruption (a cleanup request ignores the client's signal).
  const abortSession = (): Promise<void> => deleteSession(context, location);

  /** Sends `parts` (one chunk) as the bytes from `offset` on, resuming from the registry's count if a send fails. */
  const sendChunk = async (parts: Buffer[], offset: number): Promise<void> => {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const end = offset + length - 1;
    let from = offset;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let retryAfterMs: number | undefined;
      try {
        const body = skip(parts, from - offset);
        const response = await context.client.send({
          method: 'PATCH',
          url: location,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(end - from + 1),
            'content-range': `${from}-${end}`,
          },
          body: () => Readable.from(body),
          scope: context.scope,
          idempotent: false,
          signal,
        });
        if (response.status === 202) {
          await response.body.resume();
          location = uploadLocation(response, what);
          const held = heldBytes(response);
          if (held === undefined || held === end + 1) return;
          if (held > from && held < end + 1 && attempt < CHUNK_ATTEMPTS) {
            from = held; // it kept part of the chunk: the rest goes next
            continue;
          }
          // distribution appends a PATCH it does not like silently: catch it now, not at the final PUT.
          throw new OcikitError('REGISTRY_ERROR', `${what}: the registry holds ${held} bytes after a chunk that ended at ${end + 1}`, {
            hint: 'the registry mishandled a chunked upload; retry, or pass --temp-dir to upload each blob in one request',
          });
        }
        if (!isRetryableStatus(response.status) || attempt >= CHUNK_ATTEMPTS) {
          throw await registryError(`${what}: sending bytes ${from}-${end}`, response.status, response.body);
        }
        retryAfterMs = parseRetryAfter(response.headers['retry-after']);
        failure = await registryError(`${what}: sending bytes ${from}-${end}`, response.status, response.body);
      } catch (error) {
        if (!(error instanceof OcikitError && error.code === 'NETWORK') || attempt >= CHUNK_ATTEMPTS) throw error;
        failure = error;
      }
      const delay = nextDelay(context.client.retryPolicy, attempt, startedAt, retryAfterMs);
      if (delay === undefined) throw failure;
      await context.client.wait(delay, signal);
      // Ask the session how much arrived before going on from there.
      const held = await sessionStatus(context, location, what, signal);
      location = held.location;
      if (held.bytes === end + 1) return;
      if (held.bytes < offset || held.bytes > end + 1) {
        throw new OcikitError('REGISTRY_ERROR', `${what}: the upload cannot be resumed after a failed chunk`, {
          detail: `the chunk was bytes ${offset}-${end}; the registry holds ${held.bytes}; first failure: ${(failure as Error).message}`,
          hint: 'retry the command',
        });
      }
      from = held.bytes;
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
  let state: 'staged' | 'committed' | 'aborted' = 'staged';
  return {
    descriptor,
    async commit() {
      if (state !== 'staged') throw new Error(`the upload of ${descriptor.digest} was ${state} already`);
      state = 'committed';
      await finishUpload(context, location, descriptor, () => null, '0', `uploading ${descriptor.digest} to ${target}`, signal);
      return 'uploaded';
    },
    async abort() {
      if (state !== 'staged') return;
      state = 'aborted';
      await abortSession();
    },
  };
}

/** `GET` on the session: how many bytes the registry holds, and where to send the next ones. */
async function sessionStatus(
  context: UploadContext,
  location: URL,
  what: string,
  signal: AbortSignal | undefined,
): Promise<{ bytes: number; location: URL }> {
  const response = await context.client.send({ method: 'GET', url: location, scope: context.scope, idempotent: true, signal });
  if (response.status === 404) {
    // distribution cancels a session whose stored size no longer matches its state (a PATCH cut mid-body).
    const gone = await registryError(`${what}: asking how much of the upload arrived`, response.status, response.body);
    throw new OcikitError('REGISTRY_ERROR', `${what}: the registry dropped the upload session after a failed chunk`, {
      ...(gone.detail ? { detail: gone.detail } : {}),
      hint: 'this upload is produced as it streams and cannot be replayed into a new session; run the command again',
    });
  }
  if (response.status !== 204 && response.status !== 200) {
    throw await registryError(`${what}: asking how much of the upload arrived`, response.status, response.body);
  }
  await response.body.resume();
  return { bytes: heldBytes(response) ?? 0, location: response.headers.location ? uploadLocation(response, what) : location };
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
