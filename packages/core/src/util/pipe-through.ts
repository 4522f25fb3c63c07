import type { Readable, Transform } from 'node:stream';

/**
 * `source.pipe(transform)` that also carries the source's error into the
 * transform. Plain `pipe` drops it, and a consumer waiting on the transform
 * would then wait forever for a verification failure it never sees.
 */
export function pipeThrough<T extends Transform>(source: Readable, transform: T): T {
  source.once('error', (error) => transform.destroy(error));
  return source.pipe(transform);
}
