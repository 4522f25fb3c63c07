import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { BlobSource } from '../target/target.js';
import { pipeThrough } from '../util/pipe-through.js';
import { registryError } from './registry-error.js';
import type { RegistryClient, RegistryResponse, RequestBody } from './registry-client.js';

export interface UploadOptions {
  /**
   * Blobs larger than this go up in `PATCH` chunks of this size; smaller ones in a
   * single `PUT`. Undefined: always a single `PUT` (fastest where allowed).
   */
  chunkSize?: number;
  progress?: ProgressListener;
  signal?: AbortSignal;
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
 */
export async function uploadBlob(context: UploadContext, source: BlobSource, options: UploadOptions, session?: UploadSession): Promise<void> {
  const { descriptor } = source;
  const what = `uploading ${descriptor.digest} to ${context.client.registry}/${context.repository}`;
  const opened = session ?? (await openSession(context, what, options.signal));
  let location = opened.location;
  const chunkSize = options.chunkSize === undefined ? undefined : Math.max(options.chunkSize, opened.minChunk);

  const counter = new ProgressCounter(descriptor, options.progress);
  if (chunkSize !== undefined && descriptor.size > chunkSize) {
    for (let offset = 0; offset < descriptor.size; offset += chunkSize) {
      const end = Math.min(descriptor.size, offset + chunkSize) - 1;
      const patched = await context.client.send({
        method: 'PATCH',
        url: location,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(end - offset + 1),
          'content-range': `${offset}-${end}`,
        },
        body: () => requestBody(source.open(offset, end), counter.tap(offset)),
        scope: context.scope,
        idempotent: false,
        signal: options.signal,
      });
      if (patched.status !== 202) throw await registryError(`${what}: sending bytes ${offset}-${end}`, patched.status, patched.body);
      await patched.body.resume();
      location = uploadLocation(patched, what);
    }
    await finishUpload(context, location, descriptor, () => null, '0', what, options.signal);
  } else {
    await finishUpload(
      context,
      location,
      descriptor,
      () => requestBody(source.open(), counter.tap(0)),
      String(descriptor.size),
      what,
      options.signal,
    );
  }
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
  // Append the digest by hand: URLSearchParams would re-encode the session's own query.
  const url = `${location.href}${location.search ? '&' : '?'}digest=${encodeURIComponent(descriptor.digest)}`;
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
