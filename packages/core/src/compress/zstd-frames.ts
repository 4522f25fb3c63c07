import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import { constants, zstdCompress } from 'node:zlib';
import { OcikitError } from '../errors.js';
import { Limiter } from './limiter.js';

const compressAsync = promisify(zstdCompress);

/** zstd's own default, and what `zstd` and containers/image use. */
export const DEFAULT_ZSTD_LEVEL = 3;
export const MIN_ZSTD_LEVEL = 1;
export const MAX_ZSTD_LEVEL = 22;

/**
 * Uncompressed bytes per zstd frame. At level 3 zstd looks back 2 MiB at most,
 * so frames of 8 MiB lose almost nothing to their boundaries (the pledged size
 * lets zstd tune for it: the output measured no larger than one frame).
 */
export const DEFAULT_FRAME_SIZE = 8 * 1024 * 1024;

/** Output buffer of one compression round trip: a frame needs a few of them. */
const OUTPUT_CHUNK = 1024 * 1024;

/** Frames compressed at once across every encoder of the process (unless one brings its own limiter). */
let sharedLimiter: Limiter | undefined;
export function defaultZstdLimiter(): Limiter {
  sharedLimiter ??= new Limiter(Math.max(2, availableParallelism()));
  return sharedLimiter;
}

export interface ZstdEncoderOptions {
  /** 1 (fastest) to 22 (smallest); default 3. */
  level?: number;
  /** Uncompressed bytes per frame (default 8 MiB). */
  frameSize?: number;
  /** Bounds frames in compression at once, shared by encoders (default: one per core, process-wide). */
  limiter?: Limiter;
  /** Frames of this encoder compressed or waiting to be emitted at once (default 3). */
  maxQueued?: number;
}

export function checkZstdLevel(level: number): number {
  if (!Number.isSafeInteger(level) || level < MIN_ZSTD_LEVEL || level > MAX_ZSTD_LEVEL) {
    throw new OcikitError('INVALID_INPUT', `zstd level ${level} is out of range`, {
      hint: `use a whole number from ${MIN_ZSTD_LEVEL} (fastest) to ${MAX_ZSTD_LEVEL} (smallest); ${DEFAULT_ZSTD_LEVEL} is zstd's default`,
    });
  }
  return level;
}

interface FrameJob {
  settled: boolean;
  output: Buffer | undefined;
  done: Promise<void>;
}

/**
 * A zstd encoder that cuts its input into frames of a fixed size and
 * compresses several at once on libuv's thread pool, emitting them in order.
 * Concatenated frames are one valid zstd stream (RFC 8878 §3), which every
 * decoder reads, containerd's and containers/image's included.
 *
 * Why not `zlib.createZstdCompress`: its `nbWorkers` parameter breaks the
 * stream on Node 24 (`ERR_STREAM_PUSH_AFTER_EOF` once the input is more than a
 * few MiB), single-threaded it holds one core, and its bytes depend on how the
 * writes happen to be queued. Each frame here is compressed in one call from a
 * buffer of a fixed size, so the same input gives the same bytes however it
 * arrives, and a layer recompressed twice has one digest.
 */
export class ZstdFrameEncoder extends Transform {
  private readonly level: number;
  private readonly frameSize: number;
  private readonly limiter: Limiter;
  private readonly maxQueued: number;
  private segment: Buffer;
  private filled = 0;
  private readonly queue: FrameJob[] = [];
  private failure: Error | undefined;

  constructor(options: ZstdEncoderOptions = {}) {
    super();
    this.level = checkZstdLevel(options.level ?? DEFAULT_ZSTD_LEVEL);
    this.frameSize = options.frameSize ?? DEFAULT_FRAME_SIZE;
    if (!Number.isSafeInteger(this.frameSize) || this.frameSize < 64 * 1024) {
      throw new RangeError(`a zstd frame of ${this.frameSize} bytes is too small (at least 64 KiB)`);
    }
    this.limiter = options.limiter ?? defaultZstdLimiter();
    this.maxQueued = Math.max(1, options.maxQueued ?? 3);
    this.segment = Buffer.allocUnsafe(this.frameSize);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.fill(chunk).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    const finish = async (): Promise<void> => {
      if (this.filled > 0) await this.dispatch();
      while (this.queue.length > 0) await this.queue[0]!.done;
      if (this.failure) throw this.failure;
    };
    finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.failure ??= error ?? new Error('the zstd encoder was destroyed');
    callback(error);
  }

  private async fill(chunk: Buffer): Promise<void> {
    let position = 0;
    while (position < chunk.length) {
      const count = Math.min(this.frameSize - this.filled, chunk.length - position);
      chunk.copy(this.segment, this.filled, position, position + count);
      position += count;
      this.filled += count;
      if (this.filled === this.frameSize) await this.dispatch();
    }
  }

  /** Starts compressing the segment filled so far, once this encoder and the shared limiter have room. */
  private async dispatch(): Promise<void> {
    const input = this.segment.subarray(0, this.filled);
    this.segment = Buffer.allocUnsafe(this.frameSize);
    this.filled = 0;
    while (this.queue.length >= this.maxQueued) await this.queue[0]!.done;
    if (this.failure) throw this.failure;
    const release = await this.limiter.acquire();
    const job: FrameJob = { settled: false, output: undefined, done: Promise.resolve() };
    job.done = compressAsync(input, {
      params: {
        [constants.ZSTD_c_compressionLevel]: this.level,
        // The 4-byte content checksum `zstd` writes too: decoders check it at the end of each frame.
        [constants.ZSTD_c_checksumFlag]: 1,
      },
      pledgedSrcSize: input.length,
      chunkSize: OUTPUT_CHUNK,
    }).then(
      (output) => {
        job.output = output;
      },
      (error: unknown) => {
        this.failure ??= error as Error;
        this.destroy(this.failure);
      },
    ).finally(() => {
      release();
      job.settled = true;
      this.emitSettled();
    });
    this.queue.push(job);
  }

  /** Pushes the frames at the head of the queue that are done, in input order. */
  private emitSettled(): void {
    while (this.queue[0]?.settled) {
      const job = this.queue.shift()!;
      if (job.output && !this.destroyed) this.push(job.output);
    }
  }
}
