import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent, Dispatcher } from 'undici';
import { OcikitError, optionRef } from '../errors.js';
import { isLoopbackRegistry } from '../reference/reference.js';
import { printable } from '../util/printable.js';
import { USER_AGENT } from '../version.js';
import { Authenticator } from './authenticator.js';
import { type Deadline, requestDeadline } from './deadline.js';
import { type HttpListener, observedDispatcher } from './http-exchange.js';
import { type CredentialProvider, noCredentials } from './credentials.js';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  isRetryableError,
  isRetryableStatus,
  nextDelay,
  parseRetryAfter,
} from './retry-policy.js';
import { retryAfterInBody } from './rate-limit.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

export interface RegistryClientOptions {
  /** `host[:port]` as in the reference, e.g. `ghcr.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Where requests go when it differs from `registry` (Docker Hub: registry-1.docker.io). */
  endpointHost?: string;
  /** Plain HTTP for a registry that is not on loopback (loopback always uses it). */
  plainHttp?: boolean;
  /** Skip TLS certificate verification. */
  insecure?: boolean;
  credentials?: CredentialProvider;
  retry?: Partial<RetryPolicy>;
  /** Shared connection pool; the client makes (and closes) its own otherwise. */
  dispatcher?: Dispatcher;
  onWarning?: (message: string) => void;
  /**
   * Cancels every request of this client (SIGINT in the CLI). Requests marked
   * `cleanup` still go out afterwards, so an interrupted upload can delete its session.
   */
  signal?: AbortSignal;
  /** How long a silent registry is waited for before the connection counts as dropped (and retried where safe). */
  timeouts?: Partial<RegistryTimeouts>;
  /** Told of every request sent (token requests and redirect hops included) and its answer, secrets redacted: a debug log. */
  onHttp?: HttpListener;
}

export interface RegistryTimeouts {
  /** From the request's end to the response headers (default 300 s: a registry may take long to commit a big blob). */
  headersMs: number;
  /** Between two pieces of a response body (default 60 s). */
  bodyMs: number;
  /**
   * The whole of one request, body and answer included (default 600 s): a server
   * that trickles a byte now and then stays within `bodyMs` forever, not within this.
   * A request that streams a blob gets its bytes / `minBytesPerSecond` more.
   */
  requestMs: number;
  /** The slowest transfer a blob's request is given time for (default 256 KiB/s). */
  minBytesPerSecond: number;
}

export const DEFAULT_TIMEOUTS: RegistryTimeouts = { headersMs: 300_000, bodyMs: 60_000, requestMs: 600_000, minBytesPerSecond: 256 * 1024 };

/** How long a cleanup request (deleting an abandoned upload session) may take. */
const CLEANUP_TIMEOUT_MS = 5_000;

export type RequestBody = string | Uint8Array | Readable | null;

export interface RegistryRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** A path below the registry (`/v2/...`) or an absolute URL (upload `Location`s, redirects). */
  url: string | URL;
  headers?: Record<string, string>;
  /** A factory, so a retry or an auth round trip can send the body again. */
  body?: () => RequestBody;
  /** The token scope this request needs, e.g. `repository:org/app:pull,push`. */
  scope: string;
  /** Safe to send again after a 5xx, 429 or a dropped connection. */
  idempotent: boolean;
  /** Follow 3xx (blob downloads redirect to object storage). */
  followRedirects?: boolean;
  /**
   * Bytes of a blob the answer streams down: the deadline grows with them (a body
   * going up counts by its `content-length`).
   */
  transferBytes?: number;
  signal?: AbortSignal;
  /**
   * Tidying up after a failure or an interruption (`DELETE` of an upload session):
   * sent even when the client's signal has fired, once, within a few seconds.
   */
  cleanup?: boolean;
  /**
   * Once under way, this request is cut only this long after its signal fires, so
   * it may still finish; none starts after the signal. For an upload's `PATCH`:
   * its answer carries the session's newest state, which the session's `DELETE`
   * needs (distribution refuses a state older than the bytes it stored).
   */
  abortGraceMs?: number;
}

export interface RegistryResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
  /** Where the answer finally came from (after redirects). */
  url: URL;
  /** The Authorization value this request carried, so a 401 can tell stale from refused. */
  sentAuthorization?: string;
}

const MAX_REDIRECTS = 5;

export async function createDispatcher(options: { insecure?: boolean } = {}): Promise<Agent> {
  const { Agent } = await import('undici');
  return new Agent({
    keepAliveTimeout: 30_000,
    connections: 32,
    connect: { rejectUnauthorized: !options.insecure },
  });
}

/** What a client asks of its dispatcher (any undici Dispatcher is one). */
export interface RequestDispatcher {
  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  close(): Promise<void>;
}

/**
 * The client's own Agent, made at its first request: undici is a third of what
 * loading core costs, and a verb that reaches no registry (an OCI layout, --help)
 * never needs it.
 */
function lazyDispatcher(options: { insecure?: boolean }): RequestDispatcher {
  let agent: Promise<Agent> | undefined;
  return {
    request: async (request) => (await (agent ??= createDispatcher(options))).request(request),
    close: async () => {
      if (agent) await (await agent).close();
    },
  };
}

/**
 * One registry host over HTTP: connection reuse, auth challenges, bounded retries,
 * redirects, `Warning` headers. It knows requests, not repositories or manifests.
 */
export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: URL;
  private readonly dispatcher: RequestDispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly auth: Authenticator;
  private readonly retry: RetryPolicy;
  private readonly timeouts: RegistryTimeouts;
  private readonly warned = new Set<string>();

  constructor(private readonly options: RegistryClientOptions) {
    this.registry = options.registry;
    const plain = options.plainHttp || isLoopbackRegistry(options.registry);
    this.baseUrl = new URL(`${plain ? 'http' : 'https'}://${options.endpointHost ?? options.registry}`);
    this.ownsDispatcher = !options.dispatcher;
    const dispatcher = options.dispatcher ?? lazyDispatcher(options);
    this.dispatcher = options.onHttp ? observedDispatcher(dispatcher, options.onHttp) : dispatcher;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.auth = new Authenticator({
      registry: options.registry,
      credentials: options.credentials ?? noCredentials,
      dispatcher: this.dispatcher,
      userAgent: USER_AGENT,
      allowPlainHttpRealm: Boolean(options.plainHttp),
      isLoopbackHost: isLoopbackRegistry,
      requestTimeoutMs: this.timeouts.requestMs,
    });
  }

  /**
   * Sends a request, answering auth challenges once, retrying idempotent requests
   * on throttling, server errors and dropped connections. The caller consumes or
   * dumps the body of what is returned.
   */
  async send(given: RegistryRequest): Promise<RegistryResponse> {
    const signal = this.signalFor(given);
    // `signal` stops the request from (re)starting; the transfer under way stops with `lingering` (the grace after it).
    const lingering = signal && given.abortGraceMs ? linger(signal, given.abortGraceMs) : undefined;
    const request: RegistryRequest = signal ? { ...given, signal: lingering?.signal ?? signal } : given;
    try {
      return await this.sendAttempts(request, signal);
    } finally {
      lingering?.dispose();
    }
  }

  private async sendAttempts(request: RegistryRequest, signal: AbortSignal | undefined): Promise<RegistryResponse> {
    const startedAt = Date.now();
    let authAttempts = 0;
    for (let attempt = 1; ; attempt++) {
      let response: RegistryResponse;
      try {
        signal?.throwIfAborted();
        response = await this.sendFollowingRedirects(request);
      } catch (error) {
        if (signal?.aborted) throw cancelled(signal, request, this.registry);
        const delay = request.idempotent && !request.cleanup && isRetryableError(error) ? nextDelay(this.retry, attempt, startedAt) : undefined;
        if (delay === undefined) throw this.networkError(error, request);
        await this.pause(delay, signal, request);
        continue;
      }
      if (response.status === 401 && response.url.origin !== this.baseUrl.origin) {
        // A host the registry sent us to (a blob redirect, an upload Location) refusing
        // us: its challenge is not the registry's, and the registry's login never goes there.
        await dump(response);
        throw new OcikitError('UNAUTHORIZED', `${describeRequest(request, this.registry)}: ${response.url.origin}, where the registry sent this request, refused it (HTTP 401)`, {
          hint: `ocikit sends ${this.registry}'s credentials only to ${this.baseUrl.origin}; the registry's redirect or upload location must work without them (a pre-signed URL). Report it to the registry operator`,
          status: 401,
        });
      }
      if (response.status === 401 && authAttempts < 2) {
        // A 401 with a token we sent may be an expiry mid-operation: renew (bounded) and
        // send again, whatever the method: the registry refused before acting on the
        // request, and a streamed body comes again from its factory.
        authAttempts++;
        const challenges = parseWwwAuthenticate(response.headers['www-authenticate']);
        let retry: boolean;
        try {
          retry = await this.auth.respond(challenges, request.scope, describeRequest(request, this.registry), response.sentAuthorization);
        } catch (error) {
          await dump(response);
          throw error;
        }
        if (retry) {
          await dump(response);
          attempt--;
          continue;
        }
      }
      if (isRetryableStatus(response.status) && request.idempotent) {
        let retryAfterMs = parseRetryAfter(response.headers['retry-after']);
        if (retryAfterMs === undefined && response.status === 429) {
          const said = await retryAfterInBody(response.body);
          retryAfterMs = said.retryAfterMs;
          response = { ...response, body: said.body };
        }
        const delay = nextDelay(this.retry, attempt, startedAt, retryAfterMs);
        if (delay !== undefined) {
          await dump(response);
          await this.pause(delay, signal, request);
          continue;
        }
      }
      return response;
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** The retry policy this client keeps to (uploads resume under the same bounds). */
  get retryPolicy(): Readonly<RetryPolicy> {
    return this.retry;
  }

  /** The client's own signal (SIGINT), for work around requests that should stop with them. */
  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Waits `ms` before a retry; `signal` firing ends the wait at once with a CANCELLED error (about `request`, if one). */
  private async pause(ms: number, signal: AbortSignal | undefined, request?: RegistryRequest): Promise<void> {
    try {
      await sleep(ms, undefined, signal ? { signal } : undefined);
    } catch (error) {
      if (signal?.aborted) throw cancelled(signal, request, this.registry);
      throw error;
    }
  }

  /** Waits `ms` (a backoff between recoveries), ending early with a CANCELLED error when `signal` or the client's own fires. */
  async wait(ms: number, signal?: AbortSignal): Promise<void> {
    await this.pause(ms, anySignal([signal, this.options.signal]));
  }

  /** The request's own signal joined with the client's; a cleanup ignores the client's and gets a deadline instead. */
  private signalFor(request: RegistryRequest): AbortSignal | undefined {
    return anySignal([request.signal, request.cleanup ? AbortSignal.timeout(CLEANUP_TIMEOUT_MS) : this.options.signal]);
  }

  private async sendFollowingRedirects(request: RegistryRequest): Promise<RegistryResponse> {
    let url = new URL(request.url, this.baseUrl);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...request.headers };
      // Credentials go only to the registry itself, never to a redirect or upload target elsewhere.
      if (url.origin === this.baseUrl.origin) {
        const authorization = await this.auth.authorize(request.scope);
        if (authorization) headers.authorization = authorization;
      }
      const deadline = this.deadline(request);
      let raw: Dispatcher.ResponseData;
      try {
        raw = await this.dispatcher.request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: request.method,
          headers,
          body: request.body ? request.body() : null,
          signal: anySignal([request.signal, deadline.signal]),
          headersTimeout: this.timeouts.headersMs,
          bodyTimeout: this.timeouts.bodyMs,
          // undici closes the connection after every HEAD (for servers that send a body with one);
          // registries do not, and an `exists` check before each blob would cost a connection each.
          ...(request.method === 'HEAD' ? { reset: false } : {}),
        });
      } catch (error) {
        deadline.clear();
        throw error;
      }
      // The deadline covers the body too, however the caller reads it; it ends with the body.
      raw.body.once('close', deadline.clear);
      const response: RegistryResponse = { status: raw.statusCode, headers: raw.headers, body: raw.body, url };
      if (headers.authorization) response.sentAuthorization = headers.authorization;
      this.reportWarnings(response.headers.warning);
      const location = response.headers.location;
      if (request.followRedirects && [301, 302, 303, 307, 308].includes(response.status) && typeof location === 'string') {
        await dump(response);
        if (hop >= MAX_REDIRECTS) {
          throw new OcikitError('REGISTRY_ERROR', `${describeRequest(request, this.registry)}: more than ${MAX_REDIRECTS} redirects`);
        }
        url = new URL(location, url);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
          throw new OcikitError('REGISTRY_ERROR', `${describeRequest(request, this.registry)}: redirected to an unsupported URL scheme ${url.protocol}`);
        }
        continue;
      }
      return response;
    }
  }

  /** One request's (one hop's) deadline: the client's request timeout, and time for the blob bytes it moves. */
  private deadline(request: RegistryRequest): Deadline {
    const bytes = (request.transferBytes ?? 0) + (Number(request.headers?.['content-length']) || 0);
    return requestDeadline(this.timeouts.requestMs + (bytes * 1000) / this.timeouts.minBytesPerSecond, describeRequest(request, this.registry));
  }

  private reportWarnings(header: string | string[] | undefined): void {
    if (!header || !this.options.onWarning) return;
    for (const value of Array.isArray(header) ? header : [header]) {
      // distribution-spec: `Warning: 299 - "text"`; only code 299 is meant for users.
      for (const match of value.matchAll(/299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) {
        const text = printable(match[1]!.replace(/\\(.)/g, '$1'));
        if (this.warned.has(text)) continue;
        this.warned.add(text);
        this.options.onWarning(`${this.registry}: ${text}`);
      }
    }
  }

  private networkError(error: unknown, request: RegistryRequest): unknown {
    if (error instanceof OcikitError || (error as Error)?.name === 'AbortError') return error;
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    return new OcikitError('NETWORK', `${describeRequest(request, this.registry)}: could not reach ${this.baseUrl.origin}`, {
      detail: `${code ?? ''} ${(error as Error).message ?? String(error)}`.trim(),
      hint:
        code === 'ECONNREFUSED'
          ? 'nothing is listening there; check the registry address and port'
          : this.baseUrl.protocol === 'https:' && /SSL|TLS|certificate|EPROTO/i.test(String((error as Error).message))
            ? `TLS failed: for a registry without TLS use ${optionRef('plain-http')}; for a self-signed certificate use ${optionRef('insecure')}`
            : 'check the network and the registry address; ocikit retried what was safe to retry',
      cause: error,
    });
  }
}

/**
 * What an aborted signal becomes: its reason when that is already an OcikitError
 * (the CLI aborts with one that says SIGINT), else a CANCELLED error naming the request.
 */
export function cancelled(signal: AbortSignal, request: RegistryRequest | undefined, registry: string): OcikitError {
  if (signal.reason instanceof OcikitError) return signal.reason;
  return new OcikitError('CANCELLED', `${request ? `${describeRequest(request, registry)}: ` : ''}cancelled`, {
    detail: signal.reason instanceof Error ? signal.reason.message : undefined,
    cause: signal.reason,
  });
}

function describeRequest(request: RegistryRequest, registry: string): string {
  const url = typeof request.url === 'string' && request.url.startsWith('/') ? request.url : new URL(request.url).pathname;
  return `${request.method} ${registry}${url.split('?')[0]}`;
}

async function dump(response: RegistryResponse): Promise<void> {
  try {
    await (response.body as Readable & { dump?: () => Promise<void> }).dump?.();
  } catch {
    // the connection is discarded either way
  }
}

/** One signal that fires when any of `signals` does (undefined when there is none). */
function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

/** `signal`, firing `ms` after it does (with its reason); `dispose` disarms it once the request is done. */
function linger(signal: AbortSignal, ms: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    timer = setTimeout(() => controller.abort(signal.reason), ms);
  };
  if (signal.aborted) arm();
  else signal.addEventListener('abort', arm, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      signal.removeEventListener('abort', arm);
      clearTimeout(timer);
    },
  };
}
