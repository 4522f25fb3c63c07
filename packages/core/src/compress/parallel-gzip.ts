/**
 * gzip on every core, with the same bytes whatever their number. The input is cut
 * into blocks of GZIP_BLOCK_SIZE; each is deflated on libuv's thread pool (zlib's
 * asynchronous calls) with the 32 KiB before it as its dictionary and ends with a
 * sync flush (the last one with the final block), and the pieces are joined in
 * order: together one deflate stream (pigz's method) in one gzip member, which every
 * gzip reader reads (Go's compress/gzip, containerd, oras, node, GNU gzip).
 *
 * A block's bytes depend only on its own bytes, the 32 KiB before it and the level:
 * never on how many blocks are in flight or which finishes first, so a tree packs to
 * one digest on one core or many. The price is a sync flush per block (5 bytes) and
 * a dictionary in place of the whole history: a few hundredths of a percent.
 */
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw as deflateRawCallback } from 'node:zlib';

const deflateRaw = promisify(deflateRawCallback);

/** Uncompressed bytes per block: large enough that the flush and dictionary cost nothing, small enough to keep every core busy. */
export const GZIP_BLOCK_SIZE = 1024 * 1024;
/**
 * zlib's output buffer per call: a block's whole output, so each block is one trip to
 * the thread pool (zlib's 16 KiB default makes it dozens, and costs more than the deflate).
 */
const OUTPUT_CHUNK = GZIP_BLOCK_SIZE + 64 * 1024;
/** What deflate can refer back to: a block's dictionary is this much of what came before it. */
const WINDOW = 32 * 1024;
/** gzip, deflate, no flags, mtime 0 (nothing of the moment of packing), no extra flags, OS unix: what zlib writes. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);

export interface ParallelGzipOptions {
  /** zlib's level, 0-9 (default 6, gzip's). */
  level?: number;
  /**
   * Blocks being deflated at once (default 4, libuv's thread pool). Changes how fast,
   * never what comes out.
   */
  inFlight?: number;
}

/** gzips `source` block by block, in parallel; the output is a single gzip member. */
export async function* parallelGzip(source: AsyncIterable<Buffer | Uint8Array>, options: ParallelGzipOptions = {}): AsyncGenerator<Buffer> {
  const level = options.level ?? 6;
  const inFlight = Math.max(1, options.inFlight ?? 4);
  const pending: Array<{ block: Buffer; deflated: Promise<Buffer> }> = [];
  // Blocks whose deflate is done and that no dictionary needs any more: the next ones are
  // read into them, so a tree of any size churns a few MiB, not a fresh MiB per block.
  const spare: Buffer[] = [];
  let crc = 0;
  let length = 0;
  let previous: Buffer | undefined;
  let held: Buffer | undefined; // a full block, sent once we know whether more follows
  let filling: Buffer = Buffer.allocUnsafe(GZIP_BLOCK_SIZE);
  let filled = 0;

  const send = (block: Buffer, last: boolean): void => {
    crc = crc32(block, crc);
    length += block.length;
    const dictionary = previous?.subarray(Math.max(0, previous.length - WINDOW));
    const deflated = deflateRaw(block, { level, chunkSize: OUTPUT_CHUNK, ...(dictionary ? { dictionary } : {}), finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    // Awaited in order below; a failure of one further back must not go unhandled meanwhile.
    deflated.catch(() => undefined);
    pending.push({ block, deflated });
    previous = block;
  };

  /** The oldest block's deflated bytes; its buffer is spare once the block after it has taken its dictionary. */
  const next = async (): Promise<Buffer> => {
    const { block, deflated } = pending.shift()!;
    const bytes = await deflated;
    if (block !== previous && block.length === GZIP_BLOCK_SIZE) spare.push(block);
    return bytes;
  };

  yield GZIP_HEADER;
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.length) {
      const taken = Math.min(chunk.length - offset, GZIP_BLOCK_SIZE - filled);
      filling.set(chunk.subarray(offset, offset + taken), filled);
      filled += taken;
      offset += taken;
      if (filled < GZIP_BLOCK_SIZE) continue;
      // A full block: the one held before it is not the last, so it can go.
      if (held) send(held, false);
      held = filling;
      filling = spare.pop() ?? Buffer.allocUnsafe(GZIP_BLOCK_SIZE);
      filled = 0;
      while (pending.length >= inFlight) yield await next();
    }
  }
  const rest = filling.subarray(0, filled);
  if (held && rest.length === 0) {
    send(held, true);
  } else {
    if (held) send(held, false);
    send(rest, true); // an empty input still needs deflate's final block
  }
  while (pending.length > 0) yield await next();
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  yield trailer;
}
