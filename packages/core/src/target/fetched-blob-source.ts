import { PassThrough, type Readable } from 'node:stream';
import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { BlobSource, Target } from './target.js';

/**
 * A blob of one target as what an upload to another reads. Uploads open their
 * bytes in order (one `PUT`, or `PATCH` chunks one after the other), so a single
 * download feeds them all; an `open` at an offset the download has already
 * passed (a request sent again) starts a fresh download. Nothing is fetched
 * until the first `open`, so a blob the destination skips or mounts costs no
 * download. The download is verified: the range that ends the blob errors
 * instead of ending when its bytes do not match the digest.
 */
export class FetchedBlobSource implements BlobSource {
  private download: AsyncIterator<Buffer> | undefined;
  private stream: Readable | undefined;
  /** Bytes taken from the current download so far. */
  private position = 0;
  /** Taken from the download but past the end of the range that took them. */
  private leftover: Buffer | undefined;
  /** Opens are served one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** The range being served: a newer `open` means its reader has given up on it. */
  private serving: PassThrough | undefined;

  constructor(
    private readonly target: Target,
    readonly descriptor: Descriptor,
    private readonly signal?: AbortSignal,
  ) {}

  open(start = 0, end = this.descriptor.size - 1): Readable {
    const range = new PassThrough();
    // A reader that stopped without destroying its stream (an HTTP request that failed) would
    // otherwise hold the queue forever, waiting for a drain that never comes.
    this.serving?.destroy();
    this.serving = range;
    this.queue = this.queue.then(() => this.serve(range, start, end - start + 1)).catch((error: unknown) => {
      range.destroy(error as Error);
    });
    return range;
  }

  /** Ends the download, if one is open (after the upload, whatever its outcome). */
  close(): void {
    this.serving?.destroy();
    this.endDownload();
  }

  private endDownload(): void {
    this.stream?.destroy();
    this.stream = undefined;
    this.download = undefined;
    this.leftover = undefined;
  }

  private async serve(range: PassThrough, start: number, length: number): Promise<void> {
    if (range.destroyed) return;
    if (!this.download || start < this.position) {
      this.endDownload();
      this.stream = await this.target.fetchBlob(this.descriptor, this.signal ? { signal: this.signal } : {});
      this.download = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      this.position = 0;
    }
    await this.take(start - this.position, undefined);
    await this.take(length, range);
    if (this.position === this.descriptor.size) {
      // The verifying stream reports a wrong digest only at its end: reach it before ending the range.
      const after = await this.download.next();
      if (!after.done) throw this.tooLong();
      this.endDownload();
    }
    range.end();
  }

  /** Moves `count` bytes from the download into `range` (or drops them, to skip ahead). */
  private async take(count: number, range: PassThrough | undefined): Promise<void> {
    let remaining = count;
    while (remaining > 0) {
      let chunk = this.leftover;
      this.leftover = undefined;
      if (!chunk) {
        const next = await this.download!.next();
        if (next.done) throw this.tooShort();
        chunk = next.value;
      }
      if (chunk.length > remaining) {
        this.leftover = chunk.subarray(remaining);
        chunk = chunk.subarray(0, remaining);
      }
      remaining -= chunk.length;
      this.position += chunk.length;
      if (range && !range.write(chunk)) await drained(range);
    }
  }

  private tooShort(): OcikitError {
    return new OcikitError('DIGEST_MISMATCH', `blob ${this.descriptor.digest} from ${this.target.name} ended early`, {
      detail: `expected ${this.descriptor.size} bytes, got ${this.position}`,
    });
  }

  private tooLong(): OcikitError {
    return new OcikitError('DIGEST_MISMATCH', `blob ${this.descriptor.digest} from ${this.target.name} is longer than its descriptor`, {
      detail: `expected ${this.descriptor.size} bytes`,
    });
  }
}

/** Waits until `stream` wants more, or fails when its reader has closed it. */
function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) {
      reject(new Error('the reader closed the stream'));
      return;
    }
    const done = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(new Error('the reader closed the stream'));
    stream.on('drain', onDrain);
    stream.on('close', onClose);
  });
}
