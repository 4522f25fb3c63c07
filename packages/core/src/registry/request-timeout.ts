import { OcikitError } from '../errors.js';

/** The variable every front end reads the request timeout from, in seconds (the CLI's flag wins). */
export const REQUEST_TIMEOUT_VARIABLE = 'OCIKIT_REQUEST_TIMEOUT';

/**
 * A request timeout given in seconds, as milliseconds. `source` names where it
 * came from (`--request-timeout`, `OCIKIT_REQUEST_TIMEOUT`) for the error.
 */
export function parseRequestTimeout(value: string, source: string): number {
  const seconds = Number(value.trim());
  if (!value.trim() || !Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600) {
    throw new OcikitError('INVALID_INPUT', `${source} "${value}" is not a number of seconds`, {
      hint: 'give the seconds one request may take, its answer included, e.g. 600',
    });
  }
  return Math.round(seconds * 1000);
}

/** The request timeout the environment sets, as the `timeouts` option of a registry client (empty when unset). */
export function requestTimeoutFromEnv(env: NodeJS.ProcessEnv): { timeouts?: { requestMs: number } } {
  const value = env[REQUEST_TIMEOUT_VARIABLE];
  return value === undefined || value === '' ? {} : { timeouts: { requestMs: parseRequestTimeout(value, REQUEST_TIMEOUT_VARIABLE) } };
}
