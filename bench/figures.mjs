// What several benchmarks share: test files of random bytes, digests of files and
// blobs, medians, sizes and tables in the report.
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export function median(values) {
  const sorted = (values ?? []).filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function label(size) {
  return size >= GiB ? `${size / GiB} GiB` : `${size / MiB} MiB`;
}

/** Rows padded into columns under a header and a rule. */
export function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const fmt = (r) => r.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}

/** Incompressible bytes streamed to disk 1 MiB at a time. */
export async function randomFile(path, size) {
  const buffer = Buffer.allocUnsafe(MiB);
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < size; written += buffer.length) {
      randomFillSync(buffer);
      await handle.write(buffer, 0, Math.min(buffer.length, size - written));
    }
  } finally {
    await handle.close();
  }
}

/**
 * SHA-256 of a file, streamed. Not coreutils' sha256sum: Debian's does not use the
 * CPU's SHA instructions and hashes about 4× slower here than OpenSSL (node) does.
 */
export async function sha256(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

/** Writes a small blob (a config, a manifest) into an OCI layout; returns its digest. */
export async function writeBlob(layout, text) {
  const digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), text);
  return digest;
}
