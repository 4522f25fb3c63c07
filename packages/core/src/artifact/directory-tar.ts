/**
 * Packs a directory into a reproducible tar+gzip (or tar+zstd), laid out the way oras
 * lays out a pushed directory (`<name>/`, then `<name>/...`), so `oras pull` unpacks it.
 *
 * Reproducible means the bytes depend only on names, contents, file kinds and the
 * executable bit: we walk the tree ourselves, sort by byte order, and write every
 * header ourselves (node-tar's Header/Pax encoders, no node-tar walking), with
 * a fixed mtime, uid/gid 0, no user or group names, and no atime/ctime.
 */
import { constants, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readlink, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { HeaderData } from 'tar';
import { OcikitError } from '../errors.js';
import { parallelGzip } from '../compress/parallel-gzip.js';
import { ZstdFrameEncoder } from '../compress/zstd-frames.js';
import { DigestingStream, type Digest } from '../oci/digest.js';
import { tempPathFor } from '../fs/atomic-write.js';
import { Limiter } from '../util/limiter.js';
import { type DirectoryCompression, directoryLayerMediaType } from './directory-compression.js';
import { unsafeLinkTargetReason, unsafePathReason } from './safe-extract.js';

export interface PackedDirectory {
  path: string; // temp file holding the .tar.gz or .tar.zst (caller deletes it)
  mediaType: string; // tar+gzip or tar+zstd, as packed
  size: number; // compressed size
  digest: Digest; // sha256 of the compressed bytes
  tarDigest: Digest; // sha256 of the uncompressed tar (oras's io.deis.oras.content.digest)
}

export interface PackOptions {
  /** Top-level name in the archive: the directory's title, usually its basename. */
  name: string;
  /** Where the temp archive goes. */
  tempDir: string;
  /** Every entry's mtime (e.g. from SOURCE_DATE_EPOCH); default the epoch. */
  mtime?: Date;
  /** Default gzip. */
  compression?: DirectoryCompression;
  gzipLevel?: number;
  /** Blocks gzipped or zstd frames compressed at once: how fast, never which bytes. */
  inFlight?: number;
}

type Entry =
  | { kind: 'dir'; name: string; source: string; rel: string }
  | { kind: 'file'; name: string; source: string }
  | { kind: 'symlink'; name: string; target: string };

const BLOCK = 512;
/** node-tar, loaded by the first packDirectory: most verbs never pack a directory. */
let tar: typeof import('tar') | undefined;
const MAX_OCTAL_SIZE = 0o77777777777; // what a ustar size field holds; beyond, pax says it

export async function packDirectory(dir: string, options: PackOptions): Promise<PackedDirectory> {
  const { name } = options;
  // A title may be nested ("dist/site", as oras titles `oras push ref dist/site`), but
  // only in plain form: no empty, ".", or ".." parts, nothing the extractor would refuse.
  const parts = name.split('/');
  if (unsafePathReason(name) || parts.some((part) => part === '' || part === '.')) {
    throw new OcikitError('INVALID_INPUT', `"${name}" cannot be the top-level name of a packed directory`, {
      hint: 'use a relative path without "." or ".." parts, such as the directory\'s basename',
    });
  }
  const mtime = options.mtime ?? new Date(0);
  if (!Number.isFinite(mtime.getTime()) || mtime.getTime() < 0) {
    throw new OcikitError('INVALID_INPUT', `mtime ${String(mtime)} is not a time after 1970`);
  }
  // Whole seconds: tar headers hold seconds, and a fraction would leak into a pax header.
  const seconds = new Date(Math.floor(mtime.getTime() / 1000) * 1000);

  const rootStat = await stat(dir).catch((error: unknown) => {
    throw new OcikitError('INVALID_INPUT', `cannot read directory ${dir}`, { cause: error });
  });
  if (!rootStat.isDirectory()) throw new OcikitError('INVALID_INPUT', `${dir} is not a directory`);

  tar ??= await import('tar');
  await mkdir(options.tempDir, { recursive: true });
  const extension = options.compression === 'zstd' ? 'tar.zst' : 'tar.gz';
  const path = tempPathFor(join(options.tempDir, `${parts[parts.length - 1]}.${extension}`));
  const tarDigester = new DigestingStream();
  const compressedDigester = new DigestingStream();
  try {
    // The gzip header has mtime 0 and no file name, and its blocks, like zstd's frames,
    // do not depend on timing: compression adds nothing variable, on any number of cores.
    await pipeline(
      tarStream(dir, name, seconds),
      tarDigester,
      compressor(options),
      compressedDigester,
      createWriteStream(path, { flags: 'wx' }),
    );
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return {
    path,
    mediaType: directoryLayerMediaType(options.compression ?? 'gzip'),
    size: compressedDigester.size,
    digest: compressedDigester.digest!,
    tarDigest: tarDigester.digest!,
  };
}

/** The stage that compresses the tar: zstd frames or gzip blocks, several at once. */
function compressor(options: PackOptions): Transform | ((tar: AsyncIterable<Buffer>) => AsyncIterable<Buffer>) {
  const { inFlight } = options;
  if (options.compression === 'zstd') return new ZstdFrameEncoder(inFlight ? { limiter: new Limiter(inFlight), maxQueued: inFlight } : {});
  return (tar) => parallelGzip(tar, { level: options.gzipLevel ?? 6, ...(inFlight ? { inFlight } : {}) });
}

/**
 * The archive's entries in the byte order of their names (UTF-8, not JS's UTF-16
 * order), a parent before its children. Walked a directory at a time, so memory holds
 * one directory's listing per level, not the tree: siblings sorted by their name with
 * a directory's trailing "/" give exactly the order of the whole names, since every
 * name below a directory starts with its name and "/".
 */
async function* tarStream(dir: string, name: string, mtime: Date): AsyncGenerator<Buffer> {
  yield header({ path: `${name}/`, type: 'Directory', mode: 0o755, size: 0 }, mtime);
  yield* treeBlocks(dir, '', name, mtime);
  yield Buffer.alloc(BLOCK * 2); // end-of-archive marker
}

async function* treeBlocks(abs: string, rel: string, name: string, mtime: Date): AsyncGenerator<Buffer> {
  for (const entry of await children(abs, rel, name)) {
    if (entry.kind === 'dir') {
      yield header({ path: entry.name, type: 'Directory', mode: 0o755, size: 0 }, mtime);
      yield* treeBlocks(entry.source, entry.rel, name, mtime);
    } else if (entry.kind === 'symlink') {
      // 0777 is what every tar writes for a symlink; its mode means nothing.
      yield header({ path: entry.name, type: 'SymbolicLink', mode: 0o777, size: 0, linkpath: entry.target }, mtime);
    } else {
      yield* fileBlocks(entry.name, entry.source, mtime);
    }
  }
}

/** The entries of the directory `abs` (archive path `name/rel`), sorted; contents are read while writing. */
async function children(abs: string, rel: string, name: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const child of await readdir(abs, { withFileTypes: true })) {
    const source = join(abs, child.name);
    const childRel = rel === '' ? child.name : `${rel}/${child.name}`;
    const entryName = `${name}/${childRel}`;
    // The extractor refuses these names (e.g. a backslash); better to say so at push time.
    const reason = unsafePathReason(entryName);
    if (reason) throw new OcikitError('INVALID_INPUT', `cannot pack ${source}: ${reason}`);
    if (child.isDirectory()) {
      entries.push({ kind: 'dir', name: `${entryName}/`, source, rel: childRel });
    } else if (child.isFile()) {
      entries.push({ kind: 'file', name: entryName, source });
    } else if (child.isSymbolicLink()) {
      const target = await readlink(source);
      // Same rule as extraction, so what we push can be pulled.
      const problem = unsafeLinkTargetReason(childRel, target);
      if (problem) {
        throw new OcikitError('UNSAFE_PATH', `symlink ${source} -> ${target}: ${problem}`, {
          hint: 'only symlinks that stay inside the directory can be packed; replace it with a copy or a relative link',
        });
      }
      entries.push({ kind: 'symlink', name: entryName, target });
    } else {
      throw new OcikitError('INVALID_INPUT', `cannot pack ${source}: not a regular file, directory or symlink`, {
        hint: 'sockets, fifos and devices have no place in an artifact; remove them or pack a cleaner directory',
      });
    }
  }
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

async function* fileBlocks(name: string, source: string, mtime: Date): AsyncGenerator<Buffer> {
  // O_NOFOLLOW + fstat: what we read is the regular file we walked, not something
  // swapped in for it since.
  const handle = await open(source, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new OcikitError('INVALID_INPUT', `${source} changed while packing`);
    const mode = info.mode & 0o111 ? 0o755 : 0o644;
    yield header({ path: name, type: 'File', mode, size: info.size }, mtime);
    let read = 0;
    if (info.size > 0) {
      for await (const chunk of handle.createReadStream({ start: 0, end: info.size - 1, autoClose: false })) {
        read += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    // A file that shrank would leave the header's size a lie and the archive corrupt.
    if (read !== info.size) {
      throw new OcikitError('INVALID_INPUT', `${source} changed size while packing`, {
        detail: `expected ${info.size} bytes, read ${read}`,
      });
    }
    const pad = (BLOCK - (info.size % BLOCK)) % BLOCK;
    if (pad > 0) yield Buffer.alloc(pad);
  } finally {
    await handle.close();
  }
}

/** One ustar header, preceded by a pax header when a name or size does not fit ustar. */
function header(fields: HeaderData & { path: string; size: number }, mtime: Date): Buffer {
  const data: HeaderData = { ...fields, uid: 0, gid: 0, uname: '', gname: '', mtime, linkpath: fields.linkpath ?? '' };
  const { Header, Pax } = tar!; // loaded by packDirectory, the only way here
  const ustar = new Header(data);
  ustar.encode();
  const block = ustar.block!;
  if (!ustar.needPax) return block;
  const pax = new Pax({
    path: fields.path,
    linkpath: fields.linkpath,
    mtime,
    size: fields.size > MAX_OCTAL_SIZE ? fields.size : undefined,
  });
  return Buffer.concat([pax.encode(), block]);
}
