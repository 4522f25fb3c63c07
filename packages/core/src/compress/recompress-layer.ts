import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { OcikitError } from '../errors.js';
import { DigestingStream, type Digest } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';
import { displayName, type ProgressListener } from '../progress/progress.js';
import { stageBlobStream } from '../target/blob-stream.js';
import { CoalescingStream } from '../util/coalescing-stream.js';
import type { StagedBlob, Target } from '../target/target.js';
import { Limiter } from '../util/limiter.js';
import { ZstdFrameEncoder } from './zstd-frames.js';

/**
 * Gunzip's input and output per round trip to the thread pool: Node's 16 KiB
 * default output and the socket's 64 KiB reads would cost thousands of round
 * trips per layer (1 MiB measured fastest on 516 MiB of /usr: bench/recompress.mjs).
 */
const GUNZIP_PIECE = 1024 * 1024;

export interface RecompressLayerOptions {
  level?: number;
  frameSize?: number;
  limiter?: Limiter;
  /**
   * Held from the layer's first bytes until it is fully decompressed, so the
   * next layer (its download and upload session already open) flows the moment
   * this one's gunzip is done, while its last frames still compress and upload
   * (see `gunzipSlots`).
   */
  gunzipLimiter?: Limiter;
  /** Spool the zstd blob to a temp file here and upload it in one request. */
  tempDir?: string;
  progress?: ProgressListener;
  signal?: AbortSignal;
}

export interface RecompressedLayer {
  /** The tar+gzip layer that was read. */
  source: Descriptor;
  /** The tar+zstd blob, staged at the destination: invisible until committed. */
  staged: StagedBlob;
  /** sha256 of the uncompressed tar, for the config's `rootfs.diff_ids`. */
  diffId: Digest;
  uncompressedSize: number;
}

/**
 * One tar+gzip layer to tar+zstd, streamed end to end: download (verified
 * against the layer's digest) → gunzip → sha256 of the tar (its diff_id) →
 * zstd frames → upload (digest of the bytes that go up). Nothing of the layer
 * is held whole; the blob is staged, not committed, so the caller can check
 * the diff_id before anything becomes visible.
 */
export async function recompressLayer(
  source: Target,
  destination: Target,
  layer: Descriptor,
  options: RecompressLayerOptions = {},
): Promise<RecompressedLayer> {
  const { progress, signal } = options;
  progress?.start?.(layer, displayName(layer), 'recompress');
  const download = await source.fetchBlob(layer, signal ? { signal } : {});
  // The download and the upload session open now; the bytes wait for this layer's turn to
  // decompress, so the next layer is ready to flow the moment the one before it is decompressed.
  const turn = options.gunzipLimiter?.acquire();
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const pass = (): void => {
        read += chunk.length;
        progress?.bytes?.(layer, read);
        callback(null, chunk);
      };
      if (read === 0 && turn) turn.then(pass, callback);
      else pass();
    },
  });
  const tar = new DigestingStream('sha256');
  const encoder = new ZstdFrameEncoder({
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.frameSize !== undefined ? { frameSize: options.frameSize } : {}),
    ...(options.limiter ? { limiter: options.limiter } : {}),
  });
  const gunzip = createGunzip({ chunkSize: GUNZIP_PIECE });
  // Decompressed to the end, or failed (even before its turn came: the turn then passes straight on).
  gunzip.once('close', () => void turn?.then((release) => release()));
  // Any stage's error destroys every stage and reaches the upload, which then gives up its session.
  const zstd = pipeline(download, counter, new CoalescingStream(GUNZIP_PIECE), gunzip, tar, encoder, () => undefined);
  let staged: StagedBlob;
  try {
    staged = await stageBlobStream(destination, zstd, {
      mediaType: MediaType.LayerZstd,
      ...(signal ? { signal } : {}),
      ...(options.tempDir !== undefined ? { tempDir: options.tempDir } : {}),
    });
  } catch (error) {
    download.destroy();
    throw layerError(error, layer, source);
  }
  // Reported done once committed (recompress.ts), with the zstd blob's digest and size: not yet stored.
  return { source: layer, staged, diffId: tar.digest!, uncompressedSize: tar.size };
}

/** zlib's terse errors, as a sentence about the layer. */
function layerError(error: unknown, layer: Descriptor, source: Target): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new OcikitError('INVALID_INPUT', `layer ${layer.digest} of ${source.name} is not valid gzip data`, {
      detail: `${code}: ${(error as Error).message}`,
      hint: 'the blob is not what its media type (tar+gzip) says; rebuild or push the image again',
      cause: error,
    });
  }
  return error;
}

/**
 * Layers decompressed at once for a process with `cores` cores. One layer's
 * gunzip (a single thread, ~400 MB/s of tar here) feeds about two cores of
 * zstd at level 3, so one layer in decompression keeps about three cores
 * busy; more would only add memory (each holds its frames and upload chunks).
 * On 2 cores, handing over at the end of each gunzip instead of running two
 * layers side by side kept the speed and saved ~25 MiB of peak RSS on 4
 * layers (bench/recompress.mjs).
 */
export function gunzipSlots(cores: number): Limiter {
  return new Limiter(Math.max(1, Math.round(cores / 3)));
}
