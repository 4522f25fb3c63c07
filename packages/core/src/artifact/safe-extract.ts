/**
 * Extracts a tar or tar+gzip stream without trusting it. Anything unsafe is refused,
 * never silently rewritten (a stripped "../" or "/" would put files where nobody
 * expects them). Entries go into a private staging directory beside `outDir`;
 * only when the whole stream has been read, and its digest checked, are the staged
 * top-level entries renamed into `outDir`. On any failure `outDir` is untouched.
 *
 * node-tar only parses here: its Unpack sanitizes (strips) rather than refuses,
 * and writes straight into the destination.
 */
import { once } from 'node:events';
import type { Stats } from 'node:fs';
import { chmod, link, lstat, mkdir, open, readdir, realpath, rename, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import type { ReadEntry } from 'tar';
import { OcikitError, optionRef } from '../errors.js';
import { createDigester, parseDigest } from '../oci/digest.js';
import { keepForConsumer, tempPathFor } from '../fs/atomic-write.js';
import { FailureLatch } from '../util/failure-latch.js';

export interface ExtractOptions {
  /** Replace files (and symlinks) already in `outDir`; by default that is refused. */
  overwrite?: boolean;
  /**
   * Most bytes of file content written (a decompression-bomb guard); default 16 GiB.
   * The uncompressed tar stream may exceed it only by a framing allowance.
   */
  maxBytes?: number;
  /** Most entries (files, directories, links) created; default 1,000,000. */
  maxEntries?: number;
  /** Digest of the uncompressed tar stream, checked before anything is committed. */
  expectedTarDigest?: string;
  /**
   * Every entry must be this path or below it, and every link must point below
   * it (a directory layer's title, as oras's base-path check): an archive titled
   * `docs` writes `docs/` and nothing else, not `.git/hooks/` beside it.
   */
  root?: string;
}

export interface ExtractResult {
  files: number;
  bytes: number;
  entries: string[]; // top-level names moved into outDir
}

const DEFAULT_MAX_BYTES = 16 * 1024 ** 3;
/** An archive of millions of empty files is a bomb too. */
const DEFAULT_MAX_ENTRIES = 1_000_000;
/** Files up to this size are written while the next entries are parsed, WRITES_IN_FLIGHT at a time. */
const SMALL_FILE = 256 * 1024;
const WRITES_IN_FLIGHT = 4;
const LIMIT_HINT = `if the artifact really is this large, raise the limit (${optionRef('max-unpack-bytes')})`;
/**
 * The tar stream itself carries headers and padding beyond file contents. It is
 * capped too (else a gzip of zeros after the end marker is an endless read), with
 * this much room for framing on top of maxBytes.
 */
const FRAMING_ALLOWANCE = 64 * 1024 * 1024;

/** Why an archive path is unsafe, or undefined when it is not. */
export function unsafePathReason(path: string): string | undefined {
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.includes('\\')) return 'contains a backslash (a Windows path separator)';
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a Windows drive letter';
  if (path.split('/').includes('..')) return 'has a ".." component';
  return undefined;
}

/**
 * Why a symlink at archive path `linkPath` may not point at `target`, or undefined.
 * Only `../` steps first, then names: `a/..` is refused because where it leads
 * depends on what `a` is when followed (a symlink to `.` makes `a/..` the parent).
 * With that rule, counting the leading `..` against the link's depth is exact.
 */
export function unsafeLinkTargetReason(linkPath: string, target: string, root = ''): string | undefined {
  if (target === '') return 'has an empty target';
  if (target.includes('\0') || target.includes('\\') || /^[A-Za-z]:/.test(target)) {
    return 'has a target that is not a plain relative path';
  }
  if (target.startsWith('/')) return 'has an absolute target';
  let ups = 0;
  let sawName = false;
  for (const part of components(target)) {
    if (part !== '..') sawName = true;
    else if (sawName) return 'has ".." after a name in its target';
    else ups++;
  }
  const depth = components(linkPath).length - 1 - components(root).length; // directories above the link, below the root
  if (ups > depth) return root ? `has a target outside "${root}"` : 'has a target outside the extraction directory';
  return undefined;
}

function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

export async function extractTarSafely(source: Readable, outDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  source.on('error', keepForConsumer); // read below, after the awaits that set up the staging directory
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const expected = options.expectedTarDigest;
  const hash = expected === undefined ? undefined : createDigester(parseDigest(expected).algorithm);

  const out = await realpath(outDir).catch(() => resolve(outDir));
  const existing = await lstatIfExists(out);
  if (existing && !existing.isDirectory()) throw new OcikitError('INVALID_INPUT', `${outDir} exists and is not a directory`);
  // Staging beside outDir: same filesystem, so the final renames are cheap and atomic.
  const staging = tempPathFor(out);
  await mkdir(resolve(out, '..'), { recursive: true });
  await mkdir(staging, { mode: 0o700 });

  // node-tar is loaded here, not with the module: most verbs never extract.
  const { Parser } = await import('tar');
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  // The first failure: every wait gives way to it, so nothing waits forever on a stream we stopped feeding.
  const latch = new FailureLatch();
  const fail = (error: unknown): void => latch.fail(error);
  const extraction = new Extraction(staging, maxBytes, options.maxEntries ?? DEFAULT_MAX_ENTRIES, latch, components(options.root ?? '').join('/'));

  // node-tar emits an entry only after the previous one ended; the chain also
  // waits for our (async) writing of the previous one.
  let chain = Promise.resolve();
  parser.on('entry', (entry: ReadEntry) => {
    chain = chain
      .then(() => (latch.failed ? void entry.resume() : extraction.handle(entry)))
      .catch((error: unknown) => {
        entry.resume();
        fail(error);
      });
  });
  // Unknown entry types and oversized pax headers: node-tar would skip them quietly.
  parser.on('ignoredEntry', (entry: ReadEntry) =>
    fail(new OcikitError('INVALID_CONTENT', `refusing entry "${entry.path}": unsupported entry type ${entry.type}`)),
  );
  parser.on('error', (error: Error) =>
    fail(new OcikitError('INVALID_CONTENT', `not a valid tar archive: ${error.message}`, { cause: error })),
  );
  let sawEof = false;
  parser.on('eof', () => (sawEof = true));
  const parsed = new Promise<void>((done) => parser.on('end', done));

  try {
    let streamBytes = 0;
    let head = Buffer.alloc(0);
    for await (const chunk of tarBytes(source)) {
      if (latch.failed) break;
      // node-tar sniffs compression itself; a stream inside our gunzip or zstd would escape our digest and limits.
      if (head.length < COMPRESSION_MAGIC_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, COMPRESSION_MAGIC_BYTES - head.length)]);
        const inner = compressionOf(head);
        if (inner) throw new OcikitError('INVALID_CONTENT', `refusing a ${inner} stream inside a compressed layer`);
      }
      streamBytes += chunk.length;
      if (streamBytes > maxBytes + FRAMING_ALLOWANCE) {
        throw new OcikitError('SIZE_LIMIT', `tar stream exceeds the ${maxBytes}-byte unpack limit (plus framing): a decompression bomb, or a bigger artifact than allowed`, {
          hint: LIMIT_HINT,
        });
      }
      hash?.update(chunk);
      // After the end marker comes only padding: hash it, but node-tar would buffer it all.
      if (sawEof) continue;
      if (!parser.write(chunk)) await latch.race(once(parser, 'drain'));
    }
    if (!latch.failed) {
      parser.end();
      await latch.race(parsed);
      await chain;
    }
    await extraction.settled();
    if (latch.failed) throw latch.reason;
    if (!sawEof) {
      throw new OcikitError('INVALID_CONTENT', 'tar archive ends without its end-of-archive marker', {
        hint: 'the download was probably cut short; retry',
      });
    }
    if (hash && expected !== undefined) {
      const actual = `${parseDigest(expected).algorithm}:${hash.digest('hex')}`;
      if (actual !== expected) {
        throw new OcikitError('DIGEST_MISMATCH', 'tar archive does not match its expected digest', {
          detail: `expected ${expected}, got ${actual}`,
          hint: 'the registry returned other content than the manifest describes; retry, and report it if it persists',
        });
      }
    }
    const entries = await commit(staging, out, options.overwrite ?? false);
    return { files: extraction.files, bytes: extraction.bytes, entries };
  } catch (error) {
    fail(error);
    await chain; // every wait in it races the latch, so it settles
    await extraction.settled(); // nothing writes into the staging directory while it is removed
    throw latch.reason;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

type Compression = 'gzip' | 'zstd';
const COMPRESSION_MAGIC_BYTES = 4;

/** The compression `head` (a stream's first bytes) starts with, if any. */
function compressionOf(head: Buffer): Compression | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd'; // RFC 8878's frame magic
  return undefined;
}

/** The uncompressed tar bytes of `source`, decompressed when it starts with gzip's or zstd's magic. */
async function* tarBytes(source: Readable): AsyncGenerator<Buffer> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let head = Buffer.alloc(0);
  let done = false;
  try {
    while (head.length < COMPRESSION_MAGIC_BYTES && !done) {
      const next = await chunks.next();
      if (next.done) done = true;
      else head = Buffer.concat([head, Buffer.from(next.value)]);
    }
    async function* all(): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      while (!done) {
        const next = await chunks.next();
        if (next.done) done = true;
        else yield Buffer.from(next.value);
      }
    }
    const compression = compressionOf(head);
    if (compression) {
      // pipeline destroys the decompressor with any source error, so iterating it throws that
      // error; the decompressor's own (a cut or corrupt stream) are told in our words.
      // zstd's window is bounded by libzstd's default (128 MiB): a frame asking for more is refused.
      try {
        yield* pipeline(Readable.from(all()), compression === 'gzip' ? createGunzip() : createZstdDecompress(), () => {}) as AsyncIterable<Buffer>;
      } catch (error) {
        throw isZlibError(error) ? decompressionError(compression, error) : error;
      }
    } else {
      yield* all();
    }
  } finally {
    await chunks.return?.();
  }
}

type Kind = 'dir' | 'symlink';

/**
 * Writes entries into the staging directory, refusing anything unsafe.
 *
 * Memory stays flat however many files the layer holds: only directories and
 * symlinks are remembered (what a later entry's parents are checked against). A file
 * is not: the staging directory is private, so what is at a path there is what an
 * earlier entry put, and the file system refuses a second entry at a file's path
 * (files open "wx"; mkdir, symlink and link fail with EEXIST). A million paths in a
 * Map would hold about 200 MiB. When the earlier file is still being written, the
 * two system calls race, and the refusal may name the earlier entry instead.
 */
class Extraction {
  /** The directories and symlinks created in staging so far, by normalized archive path. */
  private readonly kinds = new Map<string, Kind>();
  /** Entries created so far, parent directories counted. */
  private created = 0;
  files = 0;
  bytes = 0;
  /** Small files being written (writeSmallFile). */
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly staging: string,
    private readonly maxBytes: number,
    private readonly maxEntries: number,
    /** The extraction's first failure; waits on entry data give way to it. */
    private readonly latch: FailureLatch,
    /** What every entry must be or be below ('' for anything). */
    private readonly root: string,
  ) {}

  async handle(entry: ReadEntry): Promise<void> {
    const path = this.checkedPath(entry.path);
    if (this.created >= this.maxEntries) {
      throw new OcikitError('SIZE_LIMIT', `refusing entry "${entry.path}": the archive has more than ${this.maxEntries} entries`, {
        hint: `ocikit unpacks at most this many files, directories and links from one layer (${optionRef('max-unpack-bytes')} does not change it); push the directory as fewer, larger files`,
      });
    }
    const type = entry.type;
    if (path === '' && this.root === '') {
      // "./" in archives made with `tar -C dir .`: outDir itself, which we leave alone.
      if (type !== 'Directory') throw unsafe(entry.path, 'names the extraction directory itself');
      entry.resume();
      return;
    }
    if (this.root !== '' && path !== this.root && !path.startsWith(`${this.root}/`)) {
      throw unsafe(entry.path, `is outside "${this.root}", the layer's title (a directory layer writes only below its title)`);
    }
    const existing = this.kinds.get(path);
    // A later directory entry for an existing directory is harmless (all dirs are 0755).
    if (existing !== undefined && !(existing === 'dir' && type === 'Directory')) throw duplicate(entry.path);
    await this.makeParents(path, entry.path);
    const target = join(this.staging, path);
    switch (type) {
      case 'Directory':
        if (existing === undefined) await this.makeDir(path, () => duplicate(entry.path));
        entry.resume();
        return;
      case 'File':
      case 'OldFile':
      case 'ContiguousFile':
        await (entry.size <= SMALL_FILE ? this.writeSmallFile(entry, target) : this.writeFile(entry, target));
        this.created++;
        this.files++;
        return;
      case 'SymbolicLink': {
        const linkTarget = entry.linkpath ?? '';
        const reason = unsafeLinkTargetReason(path, linkTarget, this.root);
        if (reason) throw unsafe(entry.path, `symlink to "${linkTarget}" ${reason}`);
        await symlink(linkTarget, target).catch(refuseExisting(() => duplicate(entry.path)));
        this.kinds.set(path, 'symlink');
        this.created++;
        entry.resume();
        return;
      }
      case 'Link': {
        const linkReason = unsafePathReason(entry.linkpath ?? '');
        if (linkReason) throw unsafe(entry.path, `hardlink target "${entry.linkpath}" ${linkReason}`);
        const linkPath = components(entry.linkpath ?? '').join('/');
        await this.settled(); // the file it links to may still be being written
        if (!(await this.isExtractedFile(linkPath))) {
          throw unsafe(entry.path, `hardlink to "${entry.linkpath}", which is not a file extracted before it`);
        }
        await link(join(this.staging, linkPath), target).catch(refuseExisting(() => duplicate(entry.path)));
        this.created++;
        this.files++;
        entry.resume();
        return;
      }
      case 'CharacterDevice':
      case 'BlockDevice':
      case 'FIFO':
        throw new OcikitError('INVALID_CONTENT', `refusing entry "${entry.path}": ${type} entries are not extracted`);
      default:
        throw new OcikitError('INVALID_CONTENT', `refusing entry "${entry.path}": unsupported entry type ${type}`);
    }
  }

  /** The normalized form of an archive path (no "." or empty parts), or a refusal. */
  private checkedPath(path: string): string {
    const reason = unsafePathReason(path);
    if (reason) throw unsafe(path, reason);
    return components(path).join('/');
  }

  /** Creates missing parent directories; refuses to go through a symlink or a file. */
  private async makeParents(path: string, entryName: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const kind = this.kinds.get(parent);
      if (kind === 'symlink') throw unsafe(entryName, `passes through the symlink "${parent}"`);
      // What is there, neither directory nor symlink, is a file.
      if (kind === undefined) await this.makeDir(parent, () => new OcikitError('INVALID_CONTENT', `refusing entry "${entryName}": "${parent}" is a file`));
    }
  }

  /** A new directory, 0755; `taken` is the refusal when something is at its path already. */
  private async makeDir(path: string, taken: () => OcikitError): Promise<void> {
    const target = join(this.staging, path);
    await mkdir(target).catch(refuseExisting(taken));
    await chmod(target, 0o755); // exact, whatever the umask
    this.kinds.set(path, 'dir');
    this.created++;
  }

  /** Whether an earlier entry made a file (not a directory or symlink) at `path`; every small file written. */
  private async isExtractedFile(path: string): Promise<boolean> {
    const parts = path.split('/');
    // Nothing on the way may be a symlink, which lstat would follow (makeParents refuses those for entries).
    for (let i = 1; i < parts.length; i++) {
      if (this.kinds.get(parts.slice(0, i).join('/')) === 'symlink') return false;
    }
    const stats = await lstat(join(this.staging, path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined; // nothing there, or a file on the way
      throw error;
    });
    return stats?.isFile() ?? false;
  }

  /**
   * A small file is read whole and written while the next entries are parsed: each
   * file costs four system calls (open, write, chmod, close) that wait on the thread
   * pool, and a tree of many small files is bound by them one after another.
   * WRITES_IN_FLIGHT of them at most, so memory stays within a few MiB.
   */
  private async writeSmallFile(entry: ReadEntry, target: string): Promise<void> {
    this.checkRoomFor(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of this.counted(entry)) chunks.push(chunk);
    while (this.writes.size >= WRITES_IN_FLIGHT) await this.latch.race(Promise.race(this.writes));
    const write: Promise<void> = writeWhole(target, Buffer.concat(chunks), fileMode(entry))
      .catch(refuseExisting(() => duplicate(entry.path)))
      .catch((error: unknown) => this.latch.fail(error))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Waits for every small file still being written (their failures are the latch's). */
  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes);
  }

  private async writeFile(entry: ReadEntry, target: string): Promise<void> {
    this.checkRoomFor(entry);
    // "wx": never through, or over, anything already there.
    const handle = await open(target, 'wx', 0o600).catch(refuseExisting(() => duplicate(entry.path)));
    try {
      for await (const chunk of this.counted(entry)) await handle.write(chunk);
      await handle.chmod(fileMode(entry));
    } finally {
      await handle.close();
    }
  }

  /** The header's size lets a bomb fail before a byte is written. */
  private checkRoomFor(entry: ReadEntry): void {
    if (this.bytes + entry.size > this.maxBytes) throw this.tooBig(entry.path);
  }

  /** The entry's bytes, counted against the unpack limit as they come (a header may lie); each read gives way to a failure. */
  private async *counted(entry: ReadEntry): AsyncGenerator<Buffer> {
    const reading = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.latch.race(reading.next());
      if (next.done) return;
      this.bytes += next.value.length;
      if (this.bytes > this.maxBytes) throw this.tooBig(entry.path);
      yield next.value;
    }
  }

  private tooBig(entryName: string): OcikitError {
    return new OcikitError('SIZE_LIMIT', `refusing entry "${entryName}": archive content exceeds the ${this.maxBytes}-byte unpack limit`, {
      hint: LIMIT_HINT,
    });
  }
}

/** Only the executable bit survives: no setuid/setgid/sticky, no group/other write. */
function fileMode(entry: ReadEntry): number {
  return (entry.mode ?? 0) & 0o111 ? 0o755 : 0o644;
}

/** A new file holding `data`: "wx", never through, or over, anything already there; its mode exact, whatever the umask. */
async function writeWhole(target: string, data: Buffer, mode: number): Promise<void> {
  const handle = await open(target, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}

function unsafe(entryName: string, reason: string): OcikitError {
  return new OcikitError('UNSAFE_PATH', `refusing entry "${entryName}": ${reason}`);
}

function duplicate(entryName: string): OcikitError {
  return new OcikitError('INVALID_CONTENT', `refusing entry "${entryName}": duplicate of an earlier entry`);
}

/** A rejection handler: EEXIST (an earlier entry is at that path in staging) becomes `refusal()`; anything else passes. */
function refuseExisting(refusal: () => OcikitError): (error: unknown) => never {
  return (error) => {
    throw (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST' ? refusal() : error;
  };
}

/**
 * Moves staged top-level entries into `out`. Directories that already exist are
 * merged into (never replaced); anything else already there is a conflict, which
 * is refused before the first rename unless `overwrite`.
 */
async function commit(staging: string, out: string, overwrite: boolean): Promise<string[]> {
  const moves: { from: string; to: string; replace: boolean }[] = [];
  const conflicts: string[] = [];
  await planMoves(staging, out, '', moves, conflicts);
  if (conflicts.length > 0 && !overwrite) {
    throw new OcikitError('INVALID_INPUT', `refusing to overwrite "${conflicts[0]}" in ${out}`, {
      detail: conflicts.length > 1 ? `${conflicts.length} paths already exist: ${conflicts.slice(0, 10).join(', ')}` : undefined,
      hint: 'extract into an empty directory, or allow overwriting',
    });
  }
  const entries = (await readdir(staging)).sort();
  await mkdir(out, { recursive: true });
  for (const move of moves) {
    if (move.replace) await rm(move.to, { recursive: true, force: true });
    await rename(move.from, move.to);
  }
  return entries;
}

async function lstatIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function planMoves(
  from: string,
  to: string,
  rel: string,
  moves: { from: string; to: string; replace: boolean }[],
  conflicts: string[],
): Promise<void> {
  for (const name of (await readdir(from)).sort()) {
    const source = join(from, name);
    const target = join(to, name);
    const path = rel === '' ? name : `${rel}/${name}`;
    const there = await lstatIfExists(target);
    if (!there) {
      moves.push({ from: source, to: target, replace: false });
    } else if (there.isDirectory() && (await lstat(source)).isDirectory()) {
      await planMoves(source, target, path, moves, conflicts);
    } else {
      conflicts.push(path);
      moves.push({ from: source, to: target, replace: true });
    }
  }
}

/** An error of the decompressor itself (`Z_BUF_ERROR`, `Z_DATA_ERROR`, `ZSTD_error_...`), not one that came through it from the source. */
function isZlibError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return !(error instanceof OcikitError) && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ZSTD_'));
}

function decompressionError(compression: Compression, error: NodeJS.ErrnoException): OcikitError {
  const cut = error.code === 'Z_BUF_ERROR';
  const library = compression === 'gzip' ? 'zlib' : 'zstd';
  return new OcikitError('INVALID_CONTENT', `${cut ? `the layer is a ${compression} stream that ends too soon` : `the layer is not a valid ${compression} stream`} (${library}: ${error.message})`, {
    hint: cut ? 'the layer was cut short when it was pushed, or is corrupt; push it again' : `the layer is corrupt, or not the tar+${compression} its media type says; push it again`,
    cause: error,
  });
}
