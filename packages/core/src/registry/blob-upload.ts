import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { OcikitError, optionRef } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { BlobSource } from '../target/target.js';
import { pipeThrough } from '../util/pipe-through.js';
import { registryError } from './registry-error.js';
import type { RequestBody } from './registry-client.js';
import { ResumeBudget } from './resume-budget.js';
import {
  type UploadContext,
  type UploadFailure,
  type UploadSession,
  checkReportedDigest,
  deleteSession,
  digestUrl,
  failureReason,
  gaveUp,
  openSession,
  patchChunk,
  sendUploadStep,
  sessionOf,
  sessionStatus,
} from './upload-session.js';

export interface UploadOptions {
  /**
   * Blobs larger than this go up in `PATCH` chunks of this size; smaller ones in a
   * single `PUT`. Undefined: always a single `PUT` (fastest where allowed).
   */
  chunkSize?: number;
  progress?: ProgressListener;
  signal?: AbortSignal;
  /** Told of every resume or restart after a failure (logs, tests, benchmarks). */
  onRecovery?: (recovery: UploadRecovery) => void;
}

/** What an upload did after a failure. */
export interface UploadRecovery {
  digest: string;
  /**
   * `resume`: on in the same session from the byte the registry says it holds;
   * `restart`: a new session from byte 0 (the old one was gone, unreadable, or a
   * single `PUT` dropped, which leaves nothing to resume); `landed`: the blob
   * turned out to be stored (only the answer was lost).
   */
  action: 'resume' | 'restart' | 'landed';
  /** The byte the upload goes on from. */
  offset: number;
  /** The failure, in a few words. */
  reason: string;
}

/**
 * Asks the registry to link a blob it holds into this repository without
 * sending it: `from` another repository of the same registry, or anywhere
 * (`from` undefined: OCI 1.1 anonymous mount). 201 means mounted. A registry
 * that cannot mount answers 202 with an upload session instead (distribution
 * does for a blob it does not have); that session is returned for the upload.
 */
export async function mountBlob(
  context: UploadContext,
  descriptor: Descriptor,
  from: string | undefined,
  signal?: AbortSignal,
): Promise<'mounted' | UploadSession> {
  const what = `mounting ${descriptor.digest} into ${context.client.registry}/${context.repository}${from ? ` from ${from}` : ''}`;
  // Digests and repository names hold only characters a query may carry as they are.
  const query = `mount=${descriptor.digest}${from === undefined ? '' : `&from=${from}`}`;
  const response = await context.client.send({
    method: 'POST',
    url: `/v2/${context.repository}/blobs/uploads/?${query}`,
    headers: { 'content-length': '0' },
    scope: context.scope,
    idempotent: true, // a second mount of the same blob is harmless, and so is an unused session
    signal,
  });
  if (response.status === 201) {
    await response.body.resume();
    checkReportedDigest(response, descriptor, what);
    return 'mounted';
  }
  if (response.status !== 202) throw await registryError(what, response.status, response.body, response.headers);
  await response.body.resume();
  return sessionOf(response, what);
}

/**
 * Uploads one blob: `POST` to open a session (unless `session` is one already
 * open), then either one streamed `PUT` or streamed `PATCH` chunks closed by a
 * `PUT`. Checks the digest the registry reports against the one we computed.
 *
 * A failure on the way (dropped connection, stall, 5xx, 429) does not start the
 * blob over: the session's status (`GET` on it, `Range: 0-<last>`) says how much
 * the registry kept, and only the rest is sent (registries append a `PATCH`
 * wherever its `Content-Range` says, so the offset is always the registry's). A
 * session that is gone (distribution cancels one whose stored size no longer
 * matches its state, as after a `PATCH` cut mid-body) and a single `PUT` that
 * dropped start a new session from byte 0, re-reading `source`. Recoveries are
 * bounded like retries: `maxAttempts` in a row without progress, within
 * `maxElapsedMs`. On a final failure or an interruption the session is deleted.
 */
export async function uploadBlob(context: UploadContext, source: BlobSource, options: UploadOptions, session?: UploadSession): Promise<void> {
  await new ResumableUpload(context, source, options, session).run();
}

class ResumableUpload {
  private session: UploadSession | undefined;
  /** Bytes the registry holds in the current session (as it reported, or as we sent when it did not say). */
  private offset = 0;
  private readonly what: string;
  private readonly counter: ProgressCounter;
  private readonly budget: ResumeBudget;
  private contentRestarts = 0;

  constructor(
    private readonly context: UploadContext,
    private readonly source: BlobSource,
    private readonly options: UploadOptions,
    session: UploadSession | undefined,
  ) {
    this.session = session;
    const { descriptor } = source;
    this.what = `uploading ${descriptor.digest} to ${context.client.registry}/${context.repository}`;
    this.counter = new ProgressCounter(descriptor, options.progress);
    this.budget = new ResumeBudget(context.client.retryPolicy);
  }

  async run(): Promise<void> {
    try {
      for (;;) {
        const failure = await this.attempt();
        if (failure === undefined) return;
        if ((await this.recover(failure)) === 'landed') return;
      }
    } catch (error) {
      // Interrupted or given up: the registry need not keep what we sent.
      if (this.session) await deleteSession(this.context, this.session.location, this.sessionFor);
      this.session = undefined;
      throw error;
    }
  }

  private get descriptor(): Descriptor {
    return this.source.descriptor;
  }

  /** What the session is for, as a report of its clean-up names it. */
  private get sessionFor(): string {
    return `${this.descriptor.digest} to ${this.context.client.registry}/${this.context.repository}`;
  }

  private get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Bytes per PATCH in `session`, or undefined when the blob goes up in one PUT (no --chunk-size). */
  private chunkSize(session: { minChunk: number }): number | undefined {
    return this.options.chunkSize === undefined ? undefined : Math.max(this.options.chunkSize, session.minChunk, 1);
  }

  /** Sends what the session still lacks and closes it; a failure to recover from is returned, anything else thrown. */
  private async attempt(): Promise<UploadFailure | undefined> {
    const session = (this.session ??= await openSession(this.context, this.what, this.signal));
    const { size } = this.descriptor;
    const chunkSize = this.chunkSize(session);
    if (chunkSize === undefined || size <= chunkSize) {
      // One PUT with every byte: nothing of it stays in the session if it fails.
      this.offset = 0;
      return this.finish(() => requestBody(this.source.open(), this.counter.tap(0)), size);
    }
    while (this.offset < size) {
      const offset = this.offset;
      const end = Math.min(size, offset + chunkSize) - 1;
      const body = (): RequestBody => requestBody(this.source.open(offset, end), this.counter.tap(offset));
      const receipt = await patchChunk(this.context, session.location, { offset, end }, body, this.what, `leave out ${optionRef('chunk-size')} to send each blob in one request`, this.signal);
      if ('failure' in receipt) return receipt.failure;
      session.location = receipt.location;
      this.offset = receipt.held; // all of the chunk, or the part the registry kept: the rest goes next
    }
    return this.finish(() => null, 0);
  }

  /** The closing `PUT ?digest=` (with the whole body for a single-request upload). */
  private async finish(body: () => RequestBody, length: number): Promise<UploadFailure | undefined> {
    const location = this.session!.location;
    const sent = await sendUploadStep(
      this.context,
      'put',
      {
        method: 'PUT',
        url: digestUrl(location, this.descriptor),
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
        body,
      },
      this.what,
      this.signal,
    );
    if ('failure' in sent) return sent.failure;
    const { response } = sent;
    if (response.status === 201) {
      this.session = undefined; // completed: nothing left to delete
      await response.body.resume();
      checkReportedDigest(response, this.descriptor, this.what);
      return undefined;
    }
    const error = await registryError(`${this.what}: completing the upload`, response.status, response.body, response.headers);
    // The session's bytes hash to something else: one of our PATCHes went astray. Once, start over.
    if (response.status === 400 && /DIGEST_INVALID/.test(error.detail ?? '') && this.contentRestarts === 0) {
      this.contentRestarts++;
      return { kind: 'content', phase: 'put', error };
    }
    throw error;
  }

  /** After a failure: waits (bounded), then finds out where the upload stands and sets up the next attempt. */
  private async recover(failure: UploadFailure): Promise<'landed' | 'again'> {
    const delay = this.budget.next(this.offset, failure.retryAfterMs);
    if (delay === undefined) throw gaveUp(failure, this.budget.failuresInARow, this.what);
    await this.context.client.wait(delay, this.signal);
    const reason = failureReason(failure);
    // A closing PUT whose answer was lost may have stored the blob.
    if (failure.kind !== 'content' && failure.phase === 'put' && (await this.blobExists())) {
      this.session = undefined;
      this.options.onRecovery?.({ digest: this.descriptor.digest, action: 'landed', offset: this.descriptor.size, reason });
      return 'landed';
    }
    const chunkSize = this.session && this.chunkSize(this.session);
    const chunked = chunkSize !== undefined && this.descriptor.size > chunkSize;
    const status =
      failure.kind === 'content' || failure.kind === 'lost' || !chunked || !this.session ? undefined : await sessionStatus(this.context, this.session.location, this.what, this.signal);
    if (status === undefined || status.bytes > this.descriptor.size) {
      await this.restart();
    } else {
      this.session!.location = status.location;
      this.offset = status.bytes;
    }
    const action = this.session ? 'resume' : 'restart';
    this.options.onRecovery?.({ digest: this.descriptor.digest, action, offset: this.offset, reason });
    this.options.progress?.warning?.(
      `${this.what}: ${reason}; ${action === 'resume' ? `resuming at byte ${this.offset} of ${this.descriptor.size}` : 'starting the upload over'}`,
    );
    return 'again';
  }

  /** Drops the session (best effort) so the next attempt opens a new one from byte 0. */
  private async restart(): Promise<void> {
    if (this.session) await deleteSession(this.context, this.session.location, this.sessionFor);
    this.session = undefined;
    this.offset = 0;
  }

  private async blobExists(): Promise<boolean> {
    try {
      const response = await this.context.client.send({
        method: 'HEAD',
        url: `/v2/${this.context.repository}/blobs/${this.descriptor.digest}`,
        scope: this.context.scope,
        idempotent: true,
        signal: this.signal,
      });
      await response.body.resume();
      return response.status === 200 && Number(response.headers['content-length'] ?? this.descriptor.size) === this.descriptor.size;
    } catch (error) {
      if (error instanceof OcikitError && error.code === 'NETWORK') return false;
      throw error;
    }
  }
}

/**
 * The body of one attempt: a fresh read of the source. An attempt cut short (the
 * registry answered 401 before it had all the bytes; undici then drops the body)
 * closes its read of the source too, which `pipe` alone would leave open.
 */
function requestBody(source: Readable, tap: Transform): Transform {
  const body = pipeThrough(source, tap);
  body.once('close', () => source.destroy());
  return body;
}

/** Counts bytes as they leave for the registry, for progress events. */
class ProgressCounter {
  private sent = 0;
  constructor(
    private readonly descriptor: Descriptor,
    private readonly progress: ProgressListener | undefined,
  ) {}

  /** A tap for the bytes from `offset` on: a retried request counts again from where its bytes start. */
  tap(offset: number): Transform {
    const base = offset;
    let local = 0;
    return new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => {
        local += chunk.length;
        this.sent = base + local;
        this.progress?.bytes?.(this.descriptor, this.sent);
        callback(null, chunk);
      },
    });
  }
}
