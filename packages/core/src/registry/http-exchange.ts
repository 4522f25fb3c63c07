import type { Dispatcher } from 'undici';

/**
 * One HTTP request a registry client sent (to the registry, a redirect's target or
 * the token service) and what came of it, for a debug log. Nothing secret is in it:
 * the Authorization header is named by its scheme only, and the URL is `redactedUrl`'s.
 */
export interface HttpExchange {
  method: string;
  /** The URL, redacted (see `redactedUrl`). */
  url: string;
  /** The scheme of the Authorization header sent (`Basic`, `Bearer`), never its value. */
  authorization?: string;
  /** The answer's status; absent when none came. */
  status?: number;
  /** For a 3xx: where it sends the client, redacted as `url`. */
  location?: string;
  /** From sending the request to the answer's headers (or the failure). */
  durationMs: number;
  /** Why no answer came (a network error's code or message). */
  error?: string;
}

export type HttpListener = (exchange: HttpExchange) => void;

/**
 * An exchange as one debug line, the same in every front end:
 *
 *   debug: GET http://127.0.0.1:5000/v2/app/manifests/v1 [Bearer ***] -> 200 (4 ms)
 */
export function httpDebugLine(exchange: HttpExchange): string {
  const sent = `${exchange.method} ${exchange.url}${exchange.authorization ? ` [${exchange.authorization} ***]` : ''}`;
  const answer =
    exchange.status === undefined
      ? `failed: ${exchange.error ?? 'no answer'}`
      : `${exchange.status}${exchange.location ? ` to ${exchange.location}` : ''}`;
  return `debug: ${sent} -> ${answer} (${exchange.durationMs} ms)`;
}

/**
 * Query parameters of the distribution API and the token protocol, whose values say
 * what a request is about and are kept. Every other value is replaced: pre-signed
 * object storage URLs carry their credential in the query (`X-Amz-Signature`,
 * `X-Amz-Credential`, `X-Goog-Signature`, Azure's `sig`, CloudFront's `Signature`,
 * Docker Hub's `verify`) and a token may travel as `token=` or `access_token=`;
 * keeping a list of the known-harmless is safer than chasing every vendor's name.
 */
const PLAIN_QUERY_PARAMETERS = new Set(['n', 'last', 'digest', 'mount', 'from', 'artifactType', 'service', 'scope']);
const REDACTED = '***';

/** `url` fit for a log: query values other than the OCI API's own, and any user:password@, replaced by `***`. */
export function redactedUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  if (!parsed.search) return parsed.href;
  // The query as it was written (`sha256:` stays as it was sent), value by value.
  const query = parsed.search
    .slice(1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0]!;
      return PLAIN_QUERY_PARAMETERS.has(safeDecode(name)) ? pair : `${name}=${REDACTED}`;
    })
    .join('&');
  return `${parsed.origin}${parsed.pathname}?${query}`;
}

/** What a registry client sends its requests through (registry-client.ts's RequestDispatcher). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** What a registry client sends its requests through (registry-client.ts's RequestDispatcher). */
interface RequestSender {
  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  close(): Promise<void>;
}

/**
 * `dispatcher` with every request reported to `listener` once its answer's headers
 * are in (or it failed). A listener that throws changes nothing about the request.
 */
export function observedDispatcher(dispatcher: RequestSender, listener: HttpListener): RequestSender {
  const report = (exchange: HttpExchange): void => {
    try {
      listener(exchange);
    } catch {
      // a debug log must not break a transfer
    }
  };
  const request = async (options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> => {
    const startedAt = Date.now();
    const authorization = headerValue(options.headers, 'authorization')?.split(' ')[0];
    const base = {
      method: options.method,
      url: redactedUrl(new URL(options.path, String(options.origin))),
      ...(authorization ? { authorization } : {}),
    };
    try {
      const response = await dispatcher.request(options);
      const location = response.headers.location;
      report({
        ...base,
        status: response.statusCode,
        ...(response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string'
          ? { location: redactedUrl(new URL(location, String(options.origin))) }
          : {}),
        durationMs: Date.now() - startedAt,
      });
      return response;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      report({ ...base, durationMs: Date.now() - startedAt, error: typeof code === 'string' ? code : ((error as Error)?.name ?? 'failed') });
      throw error;
    }
  };
  return { request, close: () => dispatcher.close() };
}

function headerValue(headers: Dispatcher.RequestOptions['headers'], name: string): string | undefined {
  if (!headers || Array.isArray(headers) || typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') return undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}
