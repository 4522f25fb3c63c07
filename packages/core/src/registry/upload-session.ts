import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import { noteCleanup } from '../util/interrupt.js';
import { registryAnswer, registryError } from './registry-error.js';
import type { RegistryClient, RegistryRequest, RegistryResponse, RequestBody } from './registry-client.js';
import { isRetryableStatus, parseRetryAfter } from './retry-policy.js';

/**
 * The protocol of one blob upload session (distribution-spec "pushing a blob
 * in chunks"), shared by the upload of a blob we can read again
 * (blob-upload.ts) and of a stream produced as it goes (stream-upload.ts).
 */

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

/** A failed step of an upload that may be recovered from. */
export interface UploadFailure {
  /**
   * `network`: dropped, reset, stalled; `status`: a 5xx, 408 or 429; `content`: the
   * session holds wrong bytes; `lost`: the registry no longer knows the session as we
   * address it (a 404 to a `PATCH`: it expired, or a `PATCH` we gave up on landed after
   * we asked where the session stood, and distribution's `_state` moved on).
   */
  kind: 'network' | 'status' | 'content' | 'lost';
  /** The error to report if the upload gives up here. */
  error: OcikitError;
  /** Where it happened: a request that carried blob bytes, or the closing `PUT`. */
  phase: 'patch' | 'put';
  retryAfterMs?: number;
}

/** `POST` to open an upload session. */
export async function openSession(context: UploadContext, what: string, signal: AbortSignal | undefined): Promise<UploadSession> {
  const started = await context.client.send({
    method: 'POST',
    url: `/v2/${context.repository}/blobs/uploads/`,
    headers: { 'content-length': '0' },
    scope: context.scope,
    idempotent: true, // an unused session costs the registry nothing
    signal,
  });
  if (started.status !== 202) throw await registryError(`${what}: opening an upload session`, started.status, started.body, started.headers);
  await started.body.resume();
  return sessionOf(started, what);
}

/** The session a `202` to a `POST` opened. */
export function sessionOf(response: RegistryResponse, what: string): UploadSession {
  const minChunk = Number(response.headers['oci-chunk-min-length'] ?? 0) || 0;
  return { location: uploadLocation(response, what), minChunk };
}

/**
 * Deletes an upload session, once and quickly, at its newest `location` (the
 * last answer's: distribution's `_state` there must match the bytes it stored).
 * Never throws: an abandoned session expires on the registry's schedule. After an
 * interruption, what came of it is noted for the interrupt's report, which says
 * which sessions were cancelled and which were not, with the registry's answer.
 * `what`: the blob and repository the session was for.
 */
export async function deleteSession(context: UploadContext, location: URL, what: string): Promise<void> {
  const outcome = cancelSession(context, location, what);
  noteCleanup(context.client.signal, outcome);
  await outcome;
}

/** The session's `DELETE`, and what came of it in one line. */
async function cancelSession(context: UploadContext, location: URL, what: string): Promise<string> {
  const session = `the upload session of ${what} (upload ${location.pathname.split('/').pop()})`;
  let response: RegistryResponse;
  try {
    response = await context.client.send({ method: 'DELETE', url: location, scope: context.scope, idempotent: false, cleanup: true });
  } catch (error) {
    // A clean-up ignores the interrupt: CANCELLED here is its own deadline passing.
    const reason = !(error instanceof OcikitError)
      ? String(error)
      : error.code === 'CANCELLED'
        ? 'the registry did not answer in time'
        : `${error.message}${error.detail ? ` (${error.detail})` : ''}`;
    return `could not cancel ${session}: ${reason}; the registry may keep what it received until it expires the session`;
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body.resume();
    return `cancelled ${session}`;
  }
  const answer = await registryAnswer(response.status, response.body);
  if (response.status === 404 && /BLOB_UPLOAD_UNKNOWN/.test(answer)) {
    return `${session} was gone already: the registry answered HTTP 404 (${answer})`;
  }
  return `could not cancel ${session}: the registry answered HTTP ${response.status} (${answer}); it may keep what it received until it expires the session`;
}

/**
 * One request that carries an upload forward. Not retried by the client (it is
 * not idempotent as such): a dropped connection or a retryable status comes
 * back as a failure for the caller's recovery, anything else as the response.
 */
export async function sendUploadStep(
  context: UploadContext,
  phase: UploadFailure['phase'],
  request: Pick<RegistryRequest, 'method' | 'url' | 'headers' | 'body' | 'abortGraceMs'>,
  what: string,
  signal: AbortSignal | undefined,
): Promise<{ response: RegistryResponse } | { failure: UploadFailure }> {
  let response: RegistryResponse;
  try {
    response = await context.client.send({ ...request, scope: context.scope, idempotent: false, signal });
  } catch (error) {
    if (error instanceof OcikitError && error.code === 'NETWORK') return { failure: { kind: 'network', phase, error } };
    throw error;
  }
  if (!isRetryableStatus(response.status)) return { response };
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  const error = await registryError(`${what}: ${phase === 'put' ? 'completing the upload' : 'sending bytes'}`, response.status, response.body, response.headers);
  return { failure: { kind: 'status', phase, error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
}

/** Where a session stands after a chunk: where to send the next bytes, and how many the registry holds. */
export interface ChunkReceipt {
  location: URL;
  held: number;
}

/**
 * How long a `PATCH` under way may still finish after an interruption. Its answer
 * is the only way to learn the session's new state: distribution signs the byte
 * count into the upload URL (`_state`) and refuses every request, the `DELETE`
 * too, whose count differs from what it stored, so a `PATCH` cut mid-body leaves
 * a session no one can cancel (it expires, a week later by default). Short: the
 * interrupted wait for it, and a CI runner's second signal comes 7.5 s after the first.
 */
export const PATCH_ABORT_GRACE_MS = 2_000;

/**
 * `PATCH` of bytes `offset` to `end` (inclusive). The registry may keep only
 * part of them (`held` below `end + 1`: the rest goes next); holding none of
 * them, or more than were sent, is a `content` failure: distribution appends a
 * `PATCH` wherever its `Content-Range` says, so the session's bytes are no
 * longer ours. `onWrongBytes` is what to try then.
 */
export async function patchChunk(
  context: UploadContext,
  location: URL,
  range: { offset: number; end: number },
  body: () => RequestBody,
  what: string,
  onWrongBytes: string,
  signal: AbortSignal | undefined,
): Promise<ChunkReceipt | { failure: UploadFailure }> {
  const { offset, end } = range;
  const sent = await sendUploadStep(
    context,
    'patch',
    {
      method: 'PATCH',
      url: location,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(end - offset + 1), 'content-range': `${offset}-${end}` },
      body,
      abortGraceMs: PATCH_ABORT_GRACE_MS,
    },
    what,
    signal,
  );
  if ('failure' in sent) return sent;
  const { response } = sent;
  if (response.status !== 202) {
    const error = await registryError(`${what}: sending bytes ${offset}-${end}`, response.status, response.body, response.headers);
    if (response.status === 404 && /BLOB_UPLOAD_(UNKNOWN|INVALID)/.test(error.detail ?? '')) return { failure: { kind: 'lost', phase: 'patch', error } };
    throw error;
  }
  await response.body.resume();
  const next = uploadLocation(response, what);
  const held = heldBytes(response) ?? end + 1;
  if (held > offset && held <= end + 1) return { location: next, held };
  const error = new OcikitError('REGISTRY_ERROR', `${what}: the registry holds ${held} bytes after a chunk that ended at ${end + 1}`, {
    hint: `the registry mishandled a chunked upload; retry, or ${onWrongBytes}`,
  });
  return { failure: { kind: 'content', phase: 'patch', error } };
}

/**
 * How many bytes the session holds, from a `GET` on it; undefined when that
 * cannot be told (no answer, the session is gone, or it answers `0-0`, which
 * distribution says for 0 bytes and for 1 alike).
 */
export async function sessionStatus(
  context: UploadContext,
  location: URL,
  what: string,
  signal: AbortSignal | undefined,
): Promise<{ bytes: number; location: URL } | undefined> {
  let response: RegistryResponse;
  try {
    response = await context.client.send({ method: 'GET', url: location, scope: context.scope, idempotent: true, signal });
  } catch (error) {
    if (error instanceof OcikitError && error.code === 'NETWORK') return undefined;
    throw error;
  }
  await response.body.resume();
  // 404 BLOB_UPLOAD_UNKNOWN: distribution cancels a session whose stored size no longer matches its state (a PATCH cut mid-body).
  if (response.status !== 204 && response.status !== 200) return undefined;
  const bytes = heldBytes(response);
  if (bytes === undefined) return undefined;
  return { bytes, location: response.headers.location ? uploadLocation(response, what) : location };
}

/** The closing `PUT ?digest=` of a session, checking the digest the registry reports. */
export async function finishUpload(
  context: UploadContext,
  location: URL,
  descriptor: Descriptor,
  body: () => RequestBody,
  contentLength: string,
  what: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const response = await context.client.send({
    method: 'PUT',
    url: digestUrl(location, descriptor),
    headers: { 'content-type': 'application/octet-stream', 'content-length': contentLength },
    body,
    scope: context.scope,
    idempotent: false,
    signal,
  });
  if (response.status !== 201) throw await registryError(`${what}: completing the upload`, response.status, response.body, response.headers);
  await response.body.resume();
  checkReportedDigest(response, descriptor, what);
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
export function digestUrl(location: URL, descriptor: Descriptor): string {
  return `${location.href}${location.search ? '&' : '?'}digest=${encodeURIComponent(descriptor.digest)}`;
}

export function checkReportedDigest(response: RegistryResponse, descriptor: Descriptor, what: string): void {
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

/** The error an upload gives up with: the last failure's, with how many came in a row. */
export function gaveUp(failure: UploadFailure, attempts: number, what: string): OcikitError {
  const { error } = failure;
  return new OcikitError(error.code, error.message, {
    detail: `${error.detail ? `${error.detail}; ` : ''}gave up after ${attempts} attempts in a row without progress`,
    hint: error.hint ?? `${what} kept failing; check the network and the registry, then run again`,
    ...(error.status === undefined ? {} : { status: error.status }),
    cause: error,
  });
}

/** A failure in a few words, for the warning that says the upload goes on. */
export function failureReason(failure: UploadFailure): string {
  const { error } = failure;
  if (failure.kind === 'status') return `HTTP ${error.status ?? '?'}`;
  if (failure.kind === 'content') return error.detail?.split(';')[0] ?? error.message;
  if (failure.kind === 'lost') return 'the registry no longer knew the upload session';
  const detail = error.detail ?? '';
  return /TIMEOUT/.test(detail) ? 'the registry stalled' : 'the connection dropped';
}
