import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { BlobSource } from '../target/target.js';
import { pipeThrough } from '../util/pipe-through.js';
import { registryError } from './registry-error.js';
import type { RegistryClient, RegistryRequest, RegistryResponse, RequestBody } from './registry-client.js';
import { type RetryPolicy, isRetryableStatus, nextDelay, parseRetryAfter } from './retry-policy.js';

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

export interface UploadContext {
  client: RegistryClient;
  repository: string;
  scope: string;
}

/** An open upload session: where to send the bytes, and the smallest chunk the registry takes. */
export interface UploadSession {
  location: URL;
  minChunk: number;
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
  if (response.status !== 202) throw await registryError(what, response.status, response.body);
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

/** A failed step of an upload that may be recovered from. */
interface Failure {
  /** `network`: dropped, reset, stalled; `status`: a 5xx, 408 or 429; `content`: the session holds wrong bytes. */
  kind: 'network' | 'status' | 'content';
  /** The error to report if the upload gives up here. */
  error: OcikitError;
  /** Where it happened: a request that carried blob bytes, or the closing `PUT`. */
  phase: 'patch' | 'put';
  retryAfterMs?: number;
}

/** Consecutive recoveries without progress are bounded by the retry policy; all of them by this. */
const MAX_RECOVERIES = 1000;

class ResumableUpload {
  private session: UploadSession | undefined;
  /** Bytes the registry holds in the current session (as it reported, or as we sent when it did not say). */
  private offset = 0;
  private readonly what: string;
  private readonly counter: ProgressCounter;
  private readonly budget: RecoveryBudget;
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
    this.budget = new RecoveryBudget(context.client.retryPolicy);
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
      if (this.session) await deleteSession(this.context, this.session.location);
      this.session = undefined;
      throw error;
    }
  }

  private get descriptor(): Descriptor {
    return this.source.descriptor;
  }

  private get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Bytes per PATCH in `session`, or undefined when the blob goes up in one PUT (no --chunk-size). */
  private chunkSize(session: { minChunk: number }): number | undefined {
    return this.options.chunkSize === undefined ? undefined : Math.max(this.options.chunkSize, session.minChunk, 1);
  }

  /** Sends what the session still lacks and closes it; a failure to recover from is returned, anything else thrown. */
  private async attempt(): Promise<Failure | undefined> {
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
      const sent = await this.send('patch', {
        method: 'PATCH',
        url: session.location,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(end - offset + 1),
          'content-range': `${offset}-${end}`,
        },
        body: () => requestBody(this.source.open(offset, end), this.counter.tap(offset)),
      });
      if ('failure' in sent) return sent.failure;
      const { response } = sent;
      if (response.status !== 202) throw await registryError(`${this.what}: sending bytes ${offset}-${end}`, response.status, response.body);
      await response.body.resume();
      session.location = uploadLocation(response, this.what);
      const held = heldBytes(response);
      if (held === undefined || held === end + 1) {
        this.offset = end + 1;
      } else if (held > offset && held < end + 1) {
        this.offset = held; // it kept part of the chunk: the rest goes next
      } else {
        // distribution appends a PATCH whatever its Content-Range: this session's bytes are not ours.
        return {
          kind: 'content',
          phase: 'patch',
          error: new OcikitError('REGISTRY_ERROR', `${this.what}: the registry holds ${held} bytes after a chunk that ended at ${end + 1}`, {
            hint: 'the registry mishandled a chunked upload; retry, or leave out --chunk-size to send each blob in one request',
          }),
        };
      }
    }
    return this.finish(() => null, 0);
  }

  /** The closing `PUT ?digest=` (with the whole body for a single-request upload). */
  private async finish(body: () => RequestBody, length: number): Promise<Failure | undefined> {
    const location = this.session!.location;
    const sent = await this.send('put', {
      method: 'PUT',
      url: digestUrl(location, this.descriptor),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
      body,
    });
    if ('failure' in sent) return sent.failure;
    const { response } = sent;
    if (response.status === 201) {
      this.session = undefined; // completed: nothing left to delete
      await response.body.resume();
      checkReportedDigest(response, this.descriptor, this.what);
      return undefined;
    }
    const error = await registryError(`${this.what}: completing the upload`, response.status, response.body);
    // The session's bytes hash to something else: one of our PATCHes went astray. Once, start over.
    if (response.status === 400 && /DIGEST_INVALID/.test(error.detail ?? '') && this.contentRestarts === 0) {
      this.contentRestarts++;
      return { kind: 'content', phase: 'put', error };
    }
    throw error;
  }

  /**
   * One request that carries the upload forward. Not retried by the client (it is
   * not idempotent as such): a dropped connection or a retryable status comes
   * back as a Failure for `recover`, anything else as the response.
   */
  private async send(
    phase: Failure['phase'],
    request: Pick<RegistryRequest, 'method' | 'url' | 'headers' | 'body'>,
  ): Promise<{ response: RegistryResponse } | { failure: Failure }> {
    let response: RegistryResponse;
    try {
      response = await this.context.client.send({ ...request, scope: this.context.scope, idempotent: false, signal: this.signal });
    } catch (error) {
      if (error instanceof OcikitError && error.code === 'NETWORK') return { failure: { kind: 'network', phase, error } };
      throw error;
    }
    if (!isRetryableStatus(response.status)) return { response };
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    const error = await registryError(`${this.what}: ${phase === 'put' ? 'completing the upload' : 'sending bytes'}`, response.status, response.body);
    return { failure: { kind: 'status', phase, error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
  }

  /** After a failure: waits (bounded), then finds out where the upload stands and sets up the next attempt. */
  private async recover(failure: Failure): Promise<'landed' | 'again'> {
    await this.context.client.wait(this.budget.next(failure, this.offset, this.what), this.signal);
    const reason = failureReason(failure);
    // A closing PUT whose answer was lost may have stored the blob.
    if (failure.kind !== 'content' && failure.phase === 'put' && (await this.blobExists())) {
      this.session = undefined;
      this.options.onRecovery?.({ digest: this.descriptor.digest, action: 'landed', offset: this.descriptor.size, reason });
      return 'landed';
    }
    const chunkSize = this.session && this.chunkSize(this.session);
    const chunked = chunkSize !== undefined && this.descriptor.size > chunkSize;
    const status = failure.kind === 'content' || !chunked || !this.session ? undefined : await this.sessionStatus(this.session.location);
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

  /**
   * How many bytes the session holds, from a `GET` on it; undefined when that
   * cannot be told (the session is gone, or it answers `0-0`, which distribution
   * says for 0 bytes and for 1 alike), so the caller starts over.
   */
  private async sessionStatus(location: URL): Promise<{ bytes: number; location: URL } | undefined> {
    let response: RegistryResponse;
    try {
      response = await this.context.client.send({ method: 'GET', url: location, scope: this.context.scope, idempotent: true, signal: this.signal });
    } catch (error) {
      if (error instanceof OcikitError && error.code === 'NETWORK') return undefined;
      throw error;
    }
    await response.body.resume();
    if (response.status !== 204 && response.status !== 200) return undefined; // 404 BLOB_UPLOAD_UNKNOWN / _INVALID: gone
    const bytes = heldBytes(response);
    if (bytes === undefined) return undefined;
    return { bytes, location: response.headers.location ? uploadLocation(response, this.what) : location };
  }

  /** Drops the session (best effort) so the next attempt opens a new one from byte 0. */
  private async restart(): Promise<void> {
    if (this.session) await deleteSession(this.context, this.session.location);
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
 * How many recoveries an upload may make: `maxAttempts - 1` in a row without
 * the registry holding more than before, each after the policy's backoff (or the
 * registry's `Retry-After`), within `maxElapsedMs` of the first of them.
 */
class RecoveryBudget {
  private streak = 0;
  private streakStartedAt = 0;
  private mark = -1;
  private total = 0;

  constructor(private readonly policy: Readonly<RetryPolicy>) {}

  /** The wait before the next attempt; throws the failure's error when the budget is spent. */
  next(failure: Failure, position: number, what: string): number {
    if (position > this.mark) {
      // The registry holds more than at the last failure: a new streak.
      this.mark = position;
      this.streak = 0;
      this.streakStartedAt = Date.now();
    }
    this.streak++;
    this.total++;
    const delay = this.total > MAX_RECOVERIES ? undefined : nextDelay(this.policy, this.streak, this.streakStartedAt, failure.retryAfterMs);
    if (delay === undefined) throw gaveUp(failure, this.streak, what);
    return delay;
  }
}

function gaveUp(failure: Failure, attempts: number, what: string): OcikitError {
  const { error } = failure;
  return new OcikitError(error.code, error.message, {
    detail: `${error.detail ? `${error.detail}; ` : ''}gave up after ${attempts} attempts in a row without progress`,
    hint: error.hint ?? `${what} kept failing; check the network and the registry, then run again`,
    ...(error.status === undefined ? {} : { status: error.status }),
    cause: error,
  });
}

function failureReason(failure: Failure): string {
  const { error } = failure;
  if (failure.kind === 'status') return `HTTP ${error.status ?? '?'}`;
  if (failure.kind === 'content') return error.detail?.split(';')[0] ?? error.message;
  const detail = error.detail ?? '';
  return /TIMEOUT/.test(detail) ? 'the registry stalled' : 'the connection dropped';
}

/** Deletes an upload session, once and quickly, ignoring failures: an abandoned one expires on the registry's schedule. */
export async function deleteSession(context: UploadContext, location: URL): Promise<void> {
  try {
    const response = await context.client.send({ method: 'DELETE', url: location, scope: context.scope, idempotent: false, cleanup: true });
    await response.body.resume();
  } catch {
    // best effort
  }
}

/**
 * The byte count a `Range: 0-<last>` header reports (distribution sends it
 * without `bytes=`). `0-0` is undefined: distribution says it for an empty
 * session and for one byte alike.
 */
export function heldBytes(response: Pick<RegistryResponse, 'headers'>): number | undefined {
  const value = response.headers.range;
  const range = Array.isArray(value) ? value[0] : value;
  const match = range?.match(/^\s*(?:bytes=)?0-(\d+)\s*$/);
  const last = match ? Number(match[1]) : 0;
  return last > 0 ? last + 1 : undefined;
}

/** The session URL with `digest=` appended by hand: URLSearchParams would re-encode the session's own query. */
function digestUrl(location: URL, descriptor: Descriptor): string {
  return `${location.href}${location.search ? '&' : '?'}digest=${encodeURIComponent(descriptor.digest)}`;
}

/** `POST` to open an upload session (shared with stream-upload.ts). */
export async function openSession(context: UploadContext, what: string, signal: AbortSignal | undefined): Promise<UploadSession> {
  const started = await context.client.send({
    method: 'POST',
    url: `/v2/${context.repository}/blobs/uploads/`,
    headers: { 'content-length': '0' },
    scope: context.scope,
    idempotent: true, // an unused session costs the registry nothing
    signal,
  });
  if (started.status !== 202) throw await registryError(`${what}: opening an upload session`, started.status, started.body);
  await started.body.resume();
  return sessionOf(started, what);
}

function sessionOf(response: RegistryResponse, what: string): UploadSession {
  const minChunk = Number(response.headers['oci-chunk-min-length'] ?? 0) || 0;
  return { location: uploadLocation(response, what), minChunk };
}

/** The closing `PUT ?digest=` of a session, checking the digest the registry reports (shared with stream-upload.ts). */
export async function finishUpload(
  context: UploadContext,
  location: URL,
  descriptor: Descriptor,
  body: () => RequestBody,
  contentLength: string,
  what: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const url = digestUrl(location, descriptor);
  const response = await context.client.send({
    method: 'PUT',
    url,
    headers: { 'content-type': 'application/octet-stream', 'content-length': contentLength },
    body,
    scope: context.scope,
    idempotent: false,
    signal,
  });
  if (response.status !== 201) throw await registryError(`${what}: completing the upload`, response.status, response.body);
  await response.body.resume();
  checkReportedDigest(response, descriptor, what);
}

function checkReportedDigest(response: RegistryResponse, descriptor: Descriptor, what: string): void {
  const reported = response.headers['docker-content-digest'];
  if (typeof reported === 'string' && reported !== descriptor.digest) {
    throw new OcikitError('DIGEST_MISMATCH', `${what}: the registry stored a different digest`, {
      detail: `sent ${descriptor.digest}, registry says ${reported}`,
    });
  }
}

export function uploadLocation(response: RegistryResponse, what: string): URL {
  const location = response.headers.location;
  if (typeof location !== 'string' || !location) {
    throw new OcikitError('REGISTRY_ERROR', `${what}: the registry answered without an upload Location`);
  }
  return new URL(location, response.url);
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
