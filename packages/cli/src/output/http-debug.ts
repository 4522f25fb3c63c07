import type { HttpExchange, HttpListener } from '@ocikit/core';

/**
 * `--debug`: one line on stderr per HTTP request a verb sends, with its answer:
 *
 *   debug: GET http://127.0.0.1:5000/v2/app/manifests/v1 [Bearer ***] -> 200 (4 ms)
 *
 * Core hands over exchanges with nothing secret in them (the Authorization header by
 * its scheme only, pre-signed query values as ***); the stream masks known secrets too.
 */
export function httpDebugLog(stderr: NodeJS.WritableStream): HttpListener {
  return (exchange) => {
    stderr.write(`${httpDebugLine(exchange)}\n`);
  };
}

export function httpDebugLine(exchange: HttpExchange): string {
  const sent = `${exchange.method} ${exchange.url}${exchange.authorization ? ` [${exchange.authorization} ***]` : ''}`;
  const answer =
    exchange.status === undefined
      ? `failed: ${exchange.error ?? 'no answer'}`
      : `${exchange.status}${exchange.location ? ` to ${exchange.location}` : ''}`;
  return `debug: ${sent} -> ${answer} (${exchange.durationMs} ms)`;
}
