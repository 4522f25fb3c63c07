import { setFlagsFromString } from 'node:v8';

/**
 * Asks V8 for stop-the-world full collections instead of incremental ones, for
 * the whole process. Only a process owner calls this (the CLI's entry, an
 * action's entry), never a library: it is process-wide.
 *
 * Why: every verb streams hundreds of MiB through short-lived Buffers
 * (socket reads, zlib output), whose backing stores count as external memory.
 * V8 answers each few dozen MiB of it with incremental marking, run by
 * background threads and finished by tasks: on 500 MiB recompressed that was
 * about 65 collections and 0.7 s of CPU on a 2-core runner, taken from gunzip
 * and zstd. Without incremental marking V8 collects the (small) JS heap in one
 * short pause when the limit is hit: 23 collections, CPU 6.3 → 5.4 s, wall
 * 4.2 → 3.75 s (bench/recompress.mjs); a 1 GiB push 6.1 → 5.7 s and pull
 * 2.4 → 2.3 s, same peak RSS. Short pauses matter to servers, not to
 * a batch job. Node warns that a flag changed after start-up may do nothing;
 * this one V8 reads each time it would start marking, and set here it gave the
 * same collection counts as `node --no-incremental-marking`.
 */
export function preferThroughputGc(): void {
  setFlagsFromString('--no-incremental-marking');
}
