// SHA256SUMS: one line per release file, as `sha256sum` writes and `sha256sum -c` reads.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export async function sha256File(path) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Writes `<dir>/SHA256SUMS` over `files` (paths in `dir`), sorted by name; returns name -> hex. */
export async function writeChecksums(dir, files) {
  const sums = new Map();
  for (const file of [...files].map((f) => basename(f)).sort()) sums.set(file, await sha256File(join(dir, file)));
  await writeFile(join(dir, 'SHA256SUMS'), [...sums].map(([name, hex]) => `${hex}  ${name}\n`).join(''));
  return sums;
}
