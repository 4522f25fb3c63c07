import { Transform, type TransformCallback } from 'node:stream';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from './progress.js';

/** A pass-through that reports the running byte count of a transfer. */
export function countingStream(descriptor: Descriptor, progress: ProgressListener | undefined): Transform {
  let count = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      count += chunk.length;
      progress?.bytes?.(descriptor, count);
      callback(null, chunk);
    },
  });
}
