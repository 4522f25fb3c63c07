// SHA256SUMS: one line per release file, as `sha256sum` writes and `sha256sum -c` reads.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
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

/**
 * Reads `<dir>/SHA256SUMS` and checks it against the directory, as `sha256sum --check
 * --strict` would and more: every line well-formed, every listed file there with that
 * sha256, and no file in `dir` left out. Returns name -> hex.
 */
export async function checkChecksums(dir) {
  const text = await readFile(join(dir, 'SHA256SUMS'), 'utf8').catch((error) => {
    throw new Error(`${join(dir, 'SHA256SUMS')} cannot be read (${error.code ?? error.message})\n  hint: the directory must be a release's files, as \`publish.mjs files\` or the dry run wrote them`);
  });
  const sums = new Map();
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const match = /^([0-9a-f]{64}) {2}([^/\\\s]+)$/.exec(line);
    if (!match) throw new Error(`SHA256SUMS has a line that is not '<sha256>  <file>': ${JSON.stringify(line.slice(0, 120))}`);
    sums.set(match[2], match[1]);
  }
  const problems = [];
  for (const [name, hex] of sums) {
    const actual = await sha256File(join(dir, name)).catch((error) => `(${error.code ?? 'unreadable'})`);
    if (actual !== hex) problems.push(`${name} is ${actual}, not ${hex}`);
  }
  for (const name of await readdir(dir)) if (name !== 'SHA256SUMS' && !sums.has(name)) problems.push(`${name} is not listed`);
  if (problems.length > 0) throw new Error(`${dir} does not match its SHA256SUMS: ${problems.join('; ')}`);
  return sums;
}
