import type { Descriptor } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';
import { printable } from '../util/printable.js';

/** How a blob or manifest reached its destination. */
export type TransferOutcome = 'uploaded' | 'skipped' | 'mounted' | 'downloaded' | 'written';

/**
 * What a transfer does with its bytes, as the person watching sees it: `upload`
 * sends them to a registry, `download` takes them from one into files here (pull),
 * `write` stores them in a local OCI layout (from a registry or from files),
 * `recompress` reads gzip and sends zstd (the bytes counted are the gzip ones read).
 */
export type TransferKind = 'upload' | 'download' | 'write' | 'recompress';

/** What storing into a store is: `upload` to a registry, `write` into a local OCI layout. */
export type StoreKind = Extract<TransferKind, 'upload' | 'write'>;

/** The outcome that says a store now holds what was stored into it. */
export function storedOutcome(kind: StoreKind): TransferOutcome {
  return kind === 'write' ? 'written' : 'uploaded';
}

/**
 * Byte-level events that front ends render (bars on a TTY, plain lines in CI).
 * Core calls these and never prints. All methods are optional to implement.
 */
export interface ProgressListener {
  start?(descriptor: Descriptor, name: string, kind: TransferKind): void;
  bytes?(descriptor: Descriptor, transferred: number): void;
  /**
   * `stored` is what landed when it is not the blob that started (recompress: the
   * zstd blob made from the gzip layer `descriptor`): its digest and size are the
   * ones to report.
   */
  done?(descriptor: Descriptor, outcome: TransferOutcome, stored?: Descriptor): void;
  /** A `Warning` header or other non-fatal note for the person reading the log. */
  warning?(message: string): void;
}

export const silentProgress: ProgressListener = {};

/** Configs whose media type says so; any other blob without a title is shown by its digest. */
const CONFIG_MEDIA_TYPES: ReadonlySet<string> = new Set([
  MediaType.Empty,
  MediaType.ImageConfig,
  MediaType.DockerConfig,
  'application/vnd.cncf.helm.config.v1+json',
  // What oras writes when it is given no config type.
  'application/vnd.unknown.config.v1+json',
]);

/**
 * The name a person recognises a blob by: its file name, `config` for a config,
 * else a short digest.
 */
export function displayName(descriptor: Descriptor): string {
  const title = descriptor.annotations?.['org.opencontainers.image.title'];
  if (title !== undefined) return printable(title);
  return CONFIG_MEDIA_TYPES.has(descriptor.mediaType) ? 'config' : descriptor.digest.slice(0, 19);
}
