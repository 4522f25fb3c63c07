import { redactSecrets } from '@ocikit/core';

/**
 * The stream with every text written to it redacted: whatever a verb, a progress
 * bar or a registry warning prints. Bytes (a manifest written as it is) pass as
 * they are; everything else about the stream (isTTY, columns, cursor moves) is its own.
 */
export function redactingStream(stream: NodeJS.WriteStream, secrets: Iterable<string>): NodeJS.WriteStream {
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? redactSecrets(chunk, secrets) : chunk, ...rest);
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
