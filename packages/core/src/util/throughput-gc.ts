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
  for (const flag of KEEP_HEAP_SMALL) setFlagsFromString(flag);
}

/**
 * The same streamed Buffers made V8 grow the heap to hold garbage. Its young
 * generation doubles while allocation is fast, up to 2 x 64 MiB on a machine with
 * much memory: a pull of 250,000 files ended with 128 MiB of young generation around
 * 10 MiB of live objects, and peak RSS grew with the tree (167 MiB for 24,446 files,
 * 250 MiB for 250,000). A young generation that stays at its first size, and an old
 * one collected once it has grown by half, keep what streams through from piling up:
 * 115 and 153 MiB, with no more CPU (the scavenges are of a small heap, and the
 * Buffers they free are what held the memory); a 1 GiB file pull 158 → 128–138 MiB;
 * a recompression of 230 MB the same time and CPU (4 interleaved rounds: 3.38 against
 * 3.57 s, 4.27 against 4.36 s of CPU). Both flags V8 reads when it sizes the heap, not
 * only at start-up (test/reliability/flat-memory.test.ts holds that).
 */
const KEEP_HEAP_SMALL = ['--semi-space-growth-factor=1', '--heap-growing-percent=50'];
