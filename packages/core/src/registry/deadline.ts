import { OcikitError } from '../errors.js';

export interface Deadline {
  /** Fires when the time is up, with an OcikitError saying so as its reason. */
  signal: AbortSignal;
  /** Ends the deadline (the request and its body are done). */
  clear: () => void;
}

/**
 * A deadline for one request and its body, to be joined with the request's
 * signal: undici then ends the request, or its body as it is read, with the
 * reason, so whatever reads it meets this error and not an abort.
 */
export function requestDeadline(ms: number, what: string): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new OcikitError('NETWORK', `${what}: no complete answer within ${Math.round(ms / 1000)} s`, {
        hint: 'the server is stalled or very slow; retry later, or raise the request timeout of this command or step (OCIKIT_REQUEST_TIMEOUT, in seconds)',
      }),
    );
  }, ms);
  // A finished command does not wait for the deadline of a request it no longer reads.
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
