import { type HttpListener, httpDebugLine } from '@ocikit/core';

/**
 * `--debug`: one line on stderr per HTTP request a verb sends, with its answer
 * (core's httpDebugLine). Core hands over exchanges with nothing secret in them (the
 * Authorization header by its scheme only, pre-signed query values as ***); the
 * stream masks known secrets too.
 */
export function httpDebugLog(stderr: NodeJS.WritableStream): HttpListener {
  return (exchange) => {
    stderr.write(`${httpDebugLine(exchange)}\n`);
  };
}
