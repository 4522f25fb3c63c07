/**
 * Large buffers of one size, handed out and given back. A pipeline that
 * allocates and drops an 8 MiB buffer per step leaves the freeing to the
 * garbage collector and glibc, and its resident memory drifts up with the
 * data; one that reuses a few buffers stays where it started. Buffers beyond
 * `keep` free ones are left to the collector.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    readonly size: number,
    private readonly keep: number,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** Gives a buffer back; the caller must not touch it (or any view of it) afterwards. */
  give(buffer: Buffer): void {
    if (buffer.length === this.size && this.free.length < this.keep) this.free.push(buffer);
  }
}

const pools = new Map<number, BufferPool>();

/** The process-wide pool of buffers of `size` bytes. */
export function bufferPool(size: number, keep = 8): BufferPool {
  let pool = pools.get(size);
  if (!pool) {
    pool = new BufferPool(size, keep);
    pools.set(size, pool);
  }
  return pool;
}
