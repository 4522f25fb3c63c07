/**
 * What a registry says about its rate limit, for the wait before a retry and for
 * the error when the retries run out. Docker Hub sends `ratelimit-limit` and
 * `ratelimit-remaining` (`100;w=21600`: a count per window of seconds) and
 * `docker-ratelimit-source`; most send `Retry-After`; GHCR says when to retry in
 * its 429's body instead (`toomanyrequests: retry-after: 333.939671ms, allowed:
 * 44000/minute`, a Go duration).
 */
import { Readable } from 'node:stream';
import { readBounded } from '../util/read-bounded.js';

type Headers = Record<string, string | string[] | undefined>;

const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'docker-ratelimit-source', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'retry-after'];
const BODY_LIMIT = 16 * 1024;
const GO_DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds from the `retry-after: <Go duration>` in a 429's text, if it says one. */
export function retryAfterInText(text: string): number | undefined {
  const said = /retry-after:\s*((?:\d+(?:\.\d+)?(?:ns|us|µs|μs|ms|s|m|h))+)/i.exec(text);
  if (!said) return undefined;
  let ms = 0;
  for (const [, amount, unit] of said[1]!.matchAll(GO_DURATION_PART)) ms += Number(amount) * UNIT_MS[unit!]!;
  return Math.ceil(ms);
}

/**
 * A 429 without a `Retry-After` header: when its body says when to retry, that
 * wait; the body is read (bounded) and given back whole for the error, if the
 * retries end here.
 */
export async function retryAfterInBody(body: Readable): Promise<{ retryAfterMs: number | undefined; body: Readable }> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(body, BODY_LIMIT, 'rate-limit answer');
  } catch {
    bytes = Buffer.alloc(0);
  }
  return { retryAfterMs: retryAfterInText(bytes.toString('utf8')), body: Readable.from([bytes]) };
}

/** The rate-limit headers a registry sent, as `name: value` pairs for an error's detail; undefined when it sent none. */
export function rateLimitHeaders(headers: Headers | undefined): string | undefined {
  if (!headers) return undefined;
  const said = RATE_LIMIT_HEADERS.flatMap((name) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(', ') : value;
    return text ? [`${name}: ${text.slice(0, 100)}`] : [];
  });
  return said.length > 0 ? said.join(', ') : undefined;
}
