import type { Descriptor } from '../oci/manifest.js';
import { printable } from '../util/printable.js';

/** How a blob or manifest reached its destination. */
export type TransferOutcome = 'uploaded' | 'skipped' | 'mounted' | 'downloaded' | 'written';

/**
 * Byte-level events that front ends render (bars on a TTY, plain lines in CI).
 * Core calls these and never prints. All methods are optional to implement.
 */
export interface ProgressListener {
  start?(descriptor: Descriptor, name: string): void;
  bytes?(descriptor: Descriptor, transferred: number): void;
  done?(descriptor: Descriptor, outcome: TransferOutcome): void;
  /** A `Warning` header or other non-fatal note for the person reading the log. */
  warning?(message: string): void;
}

export const silentProgress: ProgressListener = {};

/** The title a person recognises a blob by: its file name, else a short digest. */
export function displayName(descriptor: Descriptor): string {
  const title = descriptor.annotations?.['org.opencontainers.image.title'];
  return title === undefined ? descriptor.digest.slice(0, 19) : printable(title);
}
