import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { constants, createZstdCompress } from 'node:zlib';
import { OcikitError } from '../errors.js';
import { type BufferPool, bufferPool } from '../util/buffer-pool.js';
import { Limiter } from '../util/limiter.js';

/** zstd's own default, and what `zstd` and containers/image use. */
export const DEFAULT_ZSTD_LEVEL = 3;
export const MIN_ZSTD_LEVEL = 1;
export const MAX_ZSTD_LEVEL = 22;

/**
 * Uncompressed bytes per zstd frame, and the window each frame gets (see
 * `windowLogFor`). On 256 MiB of /usr: 4 MiB frames 97.5 MB, `zstd -3` in one
 * frame (a 2 MiB window) 99.6 MB, 8 MiB frames 92.9 MB. 8 MiB frames would be
 * smaller still but put peak RSS over 250 MiB (two frames in compression, each
 * copied whole into zstd's window, plus the frames waiting): 4 MiB keeps it
 * about 240 MiB (bench/recompress.mjs).
 */
export const DEFAULT_FRAME_SIZE = 4 * 1024 * 1024;

/** Output buffer of one compression round trip: a frame needs a few of them. */
const OUTPUT_CHUNK = 1024 * 1024;

/**
 * The window of a frame: its whole content. zlib's stream hands zstd the frame
 * in a write that does not end it, so zstd copies it into a buffer of window +
 * one block; with level 3's 2 MiB window a 4 MiB frame wrapped around that
 * buffer and half of it went through zstd's slower two-segment match finder.
 * A window that holds the frame keeps it in one segment: on 256 MiB of /usr,
 * 4 MiB frames took ~7% less CPU and came out 2.4% smaller. Decoders need no
 * more memory than before: a frame that declares its size (ours pledge it)
 * and fits its window is a single segment, decoded into the frame size.
 */
function windowLogFor(frameSize: number): number {
  return Math.ceil(Math.log2(frameSize));
}

/**
 * One frame: the whole input in one write, then the end, so its bytes depend
 * on the input alone. The output comes back as zlib's chunks, not joined
 * (joining would copy every frame once more).
 */
function compressFrame(input: Buffer, level: number, windowLog: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const zstd = createZstdCompress({
      params: {
        [constants.ZSTD_c_compressionLevel]: level,
        [constants.ZSTD_c_windowLog]: windowLog,
        // The 4-byte content checksum `zstd` writes too: decoders check it at the end of each frame.
        [constants.ZSTD_c_checksumFlag]: 1,
      },
      pledgedSrcSize: input.length,
      chunkSize: OUTPUT_CHUNK,
    });
    const output: Buffer[] = [];
    zstd.on('data', (chunk: Buffer) => output.push(chunk));
    zstd.once('error', reject);
    zstd.once('end', () => resolve(output));
    zstd.end(input);
  });
}

/** Frames compressed at once across every encoder of the process (unless one brings its own limiter). */
let sharedLimiter: Limiter | undefined;
export function defaultZstdLimiter(): Limiter {
  sharedLimiter ??= new Limiter(Math.max(2, availableParallelism()));
  return sharedLimiter;
}

export interface ZstdEncoderOptions {
  /** 1 (fastest) to 22 (smallest); default 3. */
  level?: number;
  /** Uncompressed bytes per frame (default 4 MiB). */
  frameSize?: number;
  /** Bounds frames in compression at once, shared by encoders (default: one per core, process-wide). */
  limiter?: Limiter;
  /** Frames of this encoder compressed or waiting to be emitted at once (default 2). */
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
  output: Buffer[] | undefined;
  done: Promise<void>;
}

/**
 * A zstd encoder that cuts its input into frames of a fixed size and
 * compresses several at once on libuv's thread pool (Node 24's zlib zstd, one
 * stream per frame), emitting them in order. Concatenated frames are one valid
 * zstd stream (RFC 8878 §3), which every decoder reads, containerd's and
 * containers/image's included.
 *
 * Why not one `zlib.createZstdCompress` stream for the whole layer: on Node 24
 * its `nbWorkers` parameter breaks the stream (`ERR_STREAM_PUSH_AFTER_EOF` once
 * the input passes a few MiB), single-threaded it holds one core, and its bytes
 * depend on how the writes happen to be queued (the last write may or may not
 * carry the end of the frame). Each frame here is compressed from one buffer in
 * one write that ends it, so the same input gives the same bytes however it
 * arrives, and a layer recompressed twice has one digest.
 */
export class ZstdFrameEncoder extends Transform {
  private readonly level: number;
  private readonly frameSize: number;
  private readonly windowLog: number;
  private readonly limiter: Limiter;
  private readonly maxQueued: number;
  private readonly pool: BufferPool;
  /** The frame being filled; taken from the pool when its first byte arrives. */
  private segment: Buffer | undefined;
  private filled = 0;
  private readonly queue: FrameJob[] = [];
  private failure: Error | undefined;
  /** Woken when the reader takes output (or the encoder is destroyed). */
  private readonly readers: Array<() => void> = [];

  constructor(options: ZstdEncoderOptions = {}) {
    const frameSize = options.frameSize ?? DEFAULT_FRAME_SIZE;
    // At most about a frame of output waits for a slow reader (an upload on the wire) before input stops.
    super({ readableHighWaterMark: frameSize });
    this.level = checkZstdLevel(options.level ?? DEFAULT_ZSTD_LEVEL);
    this.frameSize = frameSize;
    // Above 128 MiB a frame's window passes what decoders accept by default (zstd's 2^27).
    if (!Number.isSafeInteger(this.frameSize) || this.frameSize < 64 * 1024 || this.frameSize > 128 * 1024 * 1024) {
      throw new RangeError(`a zstd frame of ${this.frameSize} bytes is out of range (64 KiB to 128 MiB)`);
    }
    this.windowLog = windowLogFor(this.frameSize);
    this.limiter = options.limiter ?? defaultZstdLimiter();
    this.maxQueued = Math.max(1, options.maxQueued ?? 2);
    this.pool = bufferPool(this.frameSize, this.limiter.size + 1);
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

  override _read(size: number): void {
    for (const wake of this.readers.splice(0)) wake();
    super._read(size);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.failure ??= error ?? new Error('the zstd encoder was destroyed');
    for (const wake of this.readers.splice(0)) wake();
    if (this.segment) this.pool.give(this.segment);
    this.segment = undefined;
    callback(error);
  }

  private async fill(chunk: Buffer): Promise<void> {
    let position = 0;
    while (position < chunk.length) {
      this.segment ??= this.pool.take();
      const count = Math.min(this.frameSize - this.filled, chunk.length - position);
      chunk.copy(this.segment, this.filled, position, position + count);
      position += count;
      this.filled += count;
      if (this.filled === this.frameSize) await this.dispatch();
    }
  }

  /** Starts compressing the segment filled so far, once this encoder and the shared limiter have room. */
  private async dispatch(): Promise<void> {
    const segment = this.segment!;
    const input = segment.subarray(0, this.filled);
    this.segment = undefined;
    this.filled = 0;
    // Bounded on both sides: frames in the works, and output the reader has not taken yet.
    // (Transform's own backpressure misses output pushed between writes, as ours is.)
    while (this.queue.length >= this.maxQueued || (this.readableLength >= this.readableHighWaterMark && !this.failure)) {
      if (this.queue.length >= this.maxQueued) await this.queue[0]!.done;
      else await new Promise<void>((resolve) => this.readers.push(resolve));
    }
    if (this.failure) {
      this.pool.give(segment);
      throw this.failure;
    }
    const release = await this.limiter.acquire();
    const job: FrameJob = { settled: false, output: undefined, done: Promise.resolve() };
    job.done = compressFrame(input, this.level, this.windowLog).then(
      (output) => {
        job.output = output;
      },
      (error: unknown) => {
        this.failure ??= error as Error;
        this.destroy(this.failure);
      },
    ).finally(() => {
      release();
      this.pool.give(segment); // zlib is done with it
      job.settled = true;
      this.emitSettled();
    });
    this.queue.push(job);
  }

  /** Pushes the frames at the head of the queue that are done, in input order. */
  private emitSettled(): void {
    while (this.queue[0]?.settled) {
      const job = this.queue.shift()!;
      if (job.output && !this.destroyed) for (const chunk of job.output) this.push(chunk);
    }
  }
}
