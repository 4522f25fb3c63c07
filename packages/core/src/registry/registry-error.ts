import type { Readable } from 'node:stream';
import { type ErrorCode, OcikitError, optionRef } from '../errors.js';
import { printable } from '../util/printable.js';
import { rateLimitHeaders } from './rate-limit.js';
import { readBounded } from '../util/read-bounded.js';

const ERROR_BODY_LIMIT = 64 * 1024;

interface DistributionError {
  code?: string;
  message?: string;
  detail?: unknown;
}

/**
 * The registry's own words from an error body (`{"errors":[{code,message,detail}]}`), else its
 * text: bounded, and printable (its control characters escaped), since it is printed as it came.
 */
export async function registryAnswer(status: number, body: Readable | undefined): Promise<string> {
  return printable(await answerText(status, body));
}

async function answerText(status: number, body: Readable | undefined): Promise<string> {
  let text = '';
  if (body) {
    try {
      text = (await readBounded(body, ERROR_BODY_LIMIT, 'error body')).toString('utf8').trim();
    } catch {
      text = '';
    }
  }
  try {
    const parsed = JSON.parse(text) as { errors?: DistributionError[] };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors
        .map((e) => {
          const detail = e.detail === undefined || e.detail === null ? '' : `: ${JSON.stringify(e.detail)}`;
          return `${e.code ?? 'UNKNOWN'}: ${e.message ?? ''}${detail}`.slice(0, 500);
        })
        .join('; ');
    }
  } catch {
    // not JSON: use the text
  }
  return `HTTP ${status}${text ? ` ${text.slice(0, 300)}` : ''}`;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = { 401: 'UNAUTHORIZED', 403: 'DENIED', 404: 'NOT_FOUND' };

const HINT_BY_STATUS: Record<number, string> = {
  401: 'check the username and password or token (the username and password options of this command or step, or a login stored by `ocikit login` / `docker login`); the token needs read and write access to this repository',
  403: 'the credentials are valid but lack permission for this repository; grant write access (for GHCR, a token with write:packages)',
  404: 'check the registry, repository and tag; `ocikit tags <repo>` lists what is there',
  429: `the registry is throttling requests; retry later or lower ${optionRef('concurrency')}`,
};

/**
 * An OcikitError for an unexpected registry response: what we tried, what it said,
 * what to try. A 429's rate-limit headers (`headers`) join its answer: they say how
 * long the wait is and whose quota ran out.
 */
export async function registryError(what: string, status: number, body: Readable | undefined, headers?: Record<string, string | string[] | undefined>): Promise<OcikitError> {
  const answer = await registryAnswer(status, body);
  const limits = status === 429 ? rateLimitHeaders(headers) : undefined;
  return new OcikitError(CODE_BY_STATUS[status] ?? 'REGISTRY_ERROR', `${what} failed (HTTP ${status})`, {
    detail: limits ? `${answer}; ${printable(limits)}` : answer,
    hint: HINT_BY_STATUS[status] ?? (status >= 500 ? 'the registry had an internal error; retry later' : undefined),
    status,
  });
}
