import { Transform, type TransformCallback } from 'node:stream';
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

interface UploadContext {
  client: RegistryClient;
  repository: string;
  scope: string;
}

/**
 * Uploads one blob: `POST` to open a session, then either one streamed `PUT`
 * or streamed `PATCH` chunks closed by a `PUT`. Checks the digest the registry
 * reports against the one we computed.
 */
export async function uploadBlob(context: UploadContext, source: BlobSource, options: UploadOptions): Promise<void> {
  const { descriptor } = source;
  const what = `uploading ${descriptor.digest} to ${context.client.registry}/${context.repository}`;
  const started = await context.client.send({
    method: 'POST',
    url: `/v2/${context.repository}/blobs/uploads/`,
    headers: { 'content-length': '0' },
    scope: context.scope,
    idempotent: true, // an unused session costs the registry nothing
    signal: options.signal,
  });
  if (started.status !== 202) throw await registryError(`${what}: opening an upload session`, started.status, started.body);
  await started.body.resume();
  let location = uploadLocation(started, what);
  const minChunk = Number(started.headers['oci-chunk-min-length'] ?? 0) || 0;
  const chunkSize = options.chunkSize === undefined ? undefined : Math.max(options.chunkSize, minChunk);

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
        body: () => pipeThrough(source.open(offset, end), counter.tap()),
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
      () => pipeThrough(source.open(), counter.tap()),
      String(descriptor.size),
      what,
      options.signal,
    );
  }
}

async function finishUpload(
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
  const reported = response.headers['docker-content-digest'];
  if (typeof reported === 'string' && reported !== descriptor.digest) {
    throw new OcikitError('DIGEST_MISMATCH', `${what}: the registry stored a different digest`, {
      detail: `sent ${descriptor.digest}, registry says ${reported}`,
    });
  }
}

function uploadLocation(response: RegistryResponse, what: string): URL {
  const location = response.headers.location;
  if (typeof location !== 'string' || !location) {
    throw new OcikitError('REGISTRY_ERROR', `${what}: the registry answered without an upload Location`);
  }
  return new URL(location, response.url);
}

/** Counts bytes as they leave for the registry, for progress events. */
class ProgressCounter {
  private sent = 0;
  constructor(
    private readonly descriptor: Descriptor,
    private readonly progress: ProgressListener | undefined,
  ) {}

  tap(): Transform {
    // A retried request starts its count again from where its bytes start.
    const base = this.sent;
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
