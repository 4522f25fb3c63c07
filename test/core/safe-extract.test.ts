import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { brotliCompressSync, createGzip, gzipSync, zstdCompressSync } from 'node:zlib';
import { extractTarSafely, type ExtractOptions, unsafeLinkTargetReason, unsafePathReason } from '../../packages/core/src/artifact/safe-extract.js';
import { OcikitError, type ErrorCode, inFrontEndWords } from '../../packages/core/src/errors.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A parent dir holding `out/`, which already has content the tests must not disturb. */
async function workspace(): Promise<{ parent: string; out: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'ocikit-extract-test-'));
  temps.push(parent);
  const out = join(parent, 'out');
  await mkdir(join(out, 'existing-dir'), { recursive: true });
  await writeFile(join(out, 'existing-dir', 'keep.txt'), 'keep me');
  await writeFile(join(out, 'good.txt'), 'pre-existing');
  return { parent, out };
}

// ---- hand-written tar: node-tar's writer would sanitize exactly what we want to test ----

interface RawEntry {
  path: string;
  type?: '0' | '1' | '2' | '3' | '4' | '5' | '6' | 'x' | 'S' | 'D';
  body?: string | Buffer;
  linkpath?: string;
  mode?: number;
  /** Header size when it should differ from the body (truncation tests). */
  size?: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function rawHeader(entry: RawEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(entry.path, 0, 100, 'utf8');
  block.write(octal(entry.mode ?? (entry.type === '5' ? 0o755 : 0o644), 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii');
  block.write(entry.type ?? '0', 156, 'ascii');
  block.write(entry.linkpath ?? '', 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'ascii');
  block.fill(' ', 148, 156); // checksum is computed with its own field as spaces
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

function rawTar(entries: RawEntry[], { end = true } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    parts.push(rawHeader(entry, entry.size ?? body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** One pax extended-header record; its length prefix counts itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let length = rest.length + 1;
  while (`${length}${rest}`.length !== length) length++;
  return `${length}${rest}`;
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Every path under `root` with kind, mode and content: "byte for byte" made checkable. */
async function snapshot(root: string, rel = ''): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(join(root, rel))).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const abs = join(root, path);
    const info = await lstat(abs);
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isSymbolicLink()) lines.push(`${path} -> ${await readlink(abs)}`);
    else if (info.isDirectory()) lines.push(`${path}/ ${mode}`, ...(await snapshot(root, path)));
    else lines.push(`${path} ${mode} ${sha256(await readFile(abs))}`);
  }
  return lines;
}

async function expectRefused(
  archive: Buffer | Readable,
  code: ErrorCode,
  naming: string,
  options: ExtractOptions = {},
): Promise<void> {
  const { parent, out } = await workspace();
  const before = await snapshot(out);
  const parentBefore = await readdir(parent);
  const source = Buffer.isBuffer(archive) ? Readable.from([archive]) : archive;
  const error = await extractTarSafely(source, out, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OcikitError);
  expect((error as OcikitError).code).toBe(code);
  expect((error as OcikitError).message).toContain(naming);
  expect(await snapshot(out)).toEqual(before);
  expect(await readdir(parent)).toEqual(parentBefore); // no staging left behind
}

/** Every hostile archive starts with a good file, so staging is not empty when it fails. */
const good: RawEntry = { path: 'new.txt', body: 'fine' };

describe('extractTarSafely', () => {
  it('extracts tar and tar+gzip alike, into staging then outDir', async () => {
    const archive = rawTar([
      { path: 'pkg/', type: '5' },
      { path: 'pkg/run.sh', body: '#!/bin/sh\n', mode: 0o755 },
      { path: 'pkg/data.txt', body: 'data', mode: 0o664 },
      { path: 'pkg/link', type: '2', linkpath: 'data.txt' },
      { path: 'pkg/hard', type: '1', linkpath: 'pkg/data.txt' },
      { path: 'top.txt', body: 'top' },
    ]);
    for (const bytes of [archive, gzipSync(archive)]) {
      const { out } = await workspace();
      const result = await extractTarSafely(Readable.from([bytes]), out, { expectedTarDigest: sha256(archive) });
      expect(result).toEqual({ files: 4, bytes: 17, entries: ['pkg', 'top.txt'] });
      expect(await snapshot(out)).toEqual([
        'existing-dir/ 755',
        `existing-dir/keep.txt 644 ${sha256(Buffer.from('keep me'))}`,
        `good.txt 644 ${sha256(Buffer.from('pre-existing'))}`,
        'pkg/ 755',
        `pkg/data.txt 644 ${sha256(Buffer.from('data'))}`,
        `pkg/hard 644 ${sha256(Buffer.from('data'))}`,
        'pkg/link -> data.txt',
        `pkg/run.sh 755 ${sha256(Buffer.from('#!/bin/sh\n'))}`,
        `top.txt 644 ${sha256(Buffer.from('top'))}`,
      ]);
    }
  });

  it('creates outDir when missing, and takes data split into tiny chunks', async () => {
    const { parent } = await workspace();
    const archive = gzipSync(rawTar([{ path: 'a/b/c.txt', body: 'c'.repeat(2000) }]));
    const chunks = [...archive].map((byte) => Buffer.from([byte]));
    const out = join(parent, 'fresh', 'nested');
    await extractTarSafely(Readable.from(chunks), out);
    expect(await readFile(join(out, 'a/b/c.txt'), 'utf8')).toBe('c'.repeat(2000));
  });

  it('reads archives GNU tar made: "./" entries, GNU long names, hardlinks', async () => {
    const { parent, out } = await workspace();
    const src = join(parent, 'src');
    const long = 'n'.repeat(150);
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'sub', long), 'long');
    await link(join(src, 'sub', long), join(src, 'hard'));
    await symlink(`sub/${long}`, join(src, 'soft'));
    const archive = join(parent, 'gnu.tgz');
    execFileSync('tar', ['--format=gnu', '-czf', archive, '-C', src, '.']);
    await rm(src, { recursive: true });
    const result = await extractTarSafely(createReadStream(archive), out);
    expect(result.entries).toEqual(['hard', 'soft', 'sub']);
    expect(await readFile(join(out, 'soft'), 'utf8')).toBe('long');
    expect(await readFile(join(out, 'hard'), 'utf8')).toBe('long');
    expect((await lstat(join(out, 'hard'))).nlink).toBe(2);
  });

  it('keeps only the executable bit: no setuid, setgid, sticky or group write', async () => {
    const { out } = await workspace();
    await extractTarSafely(
      Readable.from([rawTar([{ path: 'suid', body: 's', mode: 0o6777 }, { path: 'plain', body: 'p', mode: 0o1666 }])]),
      out,
    );
    expect((await lstat(join(out, 'suid'))).mode & 0o7777).toBe(0o755);
    expect((await lstat(join(out, 'plain'))).mode & 0o7777).toBe(0o644);
  });

  it('refuses an absolute path', () => expectRefused(rawTar([good, { path: '/tmp/evil', body: 'x' }]), 'UNSAFE_PATH', '/tmp/evil'));
  it('refuses ../x', () => expectRefused(rawTar([good, { path: '../x', body: 'x' }]), 'UNSAFE_PATH', '../x'));
  it('refuses a/../../x', () => expectRefused(rawTar([good, { path: 'a/../../x', body: 'x' }]), 'UNSAFE_PATH', 'a/../../x'));
  it('refuses a ".." smuggled in through a pax header, naming the real path', () =>
    expectRefused(
      rawTar([good, { path: 'PaxHeader/innocent', type: 'x', body: paxRecord('path', '../evil') }, { path: 'innocent', body: 'x' }]),
      'UNSAFE_PATH',
      '../evil',
    ));
  it('refuses entry types it does not know instead of skipping them', () =>
    expectRefused(rawTar([good, { path: 'sparse', type: 'S', body: 'x' }]), 'INVALID_CONTENT', 'sparse'));
  it('refuses Windows drive letters and backslashes', async () => {
    await expectRefused(rawTar([good, { path: 'C:/evil', body: 'x' }]), 'UNSAFE_PATH', 'C:/evil');
    await expectRefused(rawTar([good, { path: '..\\evil', body: 'x' }]), 'UNSAFE_PATH', '..\\evil');
  });

  it('refuses a symlink to /etc/passwd', () =>
    expectRefused(rawTar([good, { path: 'passwd', type: '2', linkpath: '/etc/passwd' }]), 'UNSAFE_PATH', 'passwd'));
  it('refuses a symlink to ../..', () =>
    expectRefused(rawTar([good, { path: 'a/up', type: '2', linkpath: '../..' }]), 'UNSAFE_PATH', 'a/up'));
  it('refuses a symlink whose ".." follows a name (it could be a symlink to ".")', () =>
    expectRefused(
      rawTar([good, { path: 'self', type: '2', linkpath: '.' }, { path: 'escape', type: '2', linkpath: 'self/..' }]),
      'UNSAFE_PATH',
      'escape',
    ));

  it('refuses a file written through a symlink pointing outside', () =>
    expectRefused(
      rawTar([good, { path: 'out-link', type: '2', linkpath: '../../..' }, { path: 'out-link/pwned', body: 'x' }]),
      'UNSAFE_PATH',
      'out-link',
    ));
  it('refuses any entry passing through an extracted symlink, even one pointing inside', () =>
    expectRefused(
      rawTar([good, { path: 'dir/', type: '5' }, { path: 'in-link', type: '2', linkpath: 'dir' }, { path: 'in-link/x', body: 'x' }]),
      'UNSAFE_PATH',
      'in-link/x',
    ));

  it('refuses a hardlink to outside', () =>
    expectRefused(rawTar([good, { path: 'hard', type: '1', linkpath: '../../etc/passwd' }]), 'UNSAFE_PATH', 'hard'));
  it('refuses a hardlink to an absolute path', () =>
    expectRefused(rawTar([good, { path: 'hard', type: '1', linkpath: '/etc/passwd' }]), 'UNSAFE_PATH', '/etc/passwd'));
  it('refuses a hardlink to an absolute path even when that path, made relative, was extracted: refused, never rewritten', () =>
    expectRefused(rawTar([good, { path: 'hard', type: '1', linkpath: '/new.txt' }]), 'UNSAFE_PATH', 'hardlink target "/new.txt" is an absolute path'));
  it('refuses a hardlink to a symlink or directory', async () => {
    await expectRefused(rawTar([good, { path: 's', type: '2', linkpath: 'new.txt' }, { path: 'h', type: '1', linkpath: 's' }]), 'UNSAFE_PATH', 'h');
    await expectRefused(rawTar([good, { path: 'd/', type: '5' }, { path: 'h', type: '1', linkpath: 'd' }]), 'UNSAFE_PATH', 'h');
  });
  it('refuses a hardlink to something not extracted before it', () =>
    expectRefused(rawTar([good, { path: 'hard', type: '1', linkpath: 'good.txt' }]), 'UNSAFE_PATH', 'hard'));

  it('refuses a character device', () =>
    expectRefused(rawTar([good, { path: 'tty', type: '3' }]), 'INVALID_CONTENT', 'tty'));
  it('refuses a fifo', () => expectRefused(rawTar([good, { path: 'pipe', type: '6' }]), 'INVALID_CONTENT', 'pipe'));

  it('refuses duplicate files but lets directories repeat', async () => {
    await expectRefused(rawTar([good, { path: 'new.txt', body: 'again' }]), 'INVALID_CONTENT', 'new.txt');
    const { out } = await workspace();
    await extractTarSafely(Readable.from([rawTar([{ path: 'd/', type: '5' }, { path: 'd/f', body: 'f' }, { path: 'd', type: '5' }])]), out);
    expect(await readFile(join(out, 'd/f'), 'utf8')).toBe('f');
  });

  it('refuses a gzip bomb over maxBytes, alone or summed over files', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024);
    await expectRefused(gzipSync(rawTar([good, { path: 'bomb', body: big }])), 'SIZE_LIMIT', 'bomb', { maxBytes: 1024 * 1024 });
    // Two files under the limit each, over it together.
    const half = Buffer.alloc(600 * 1024);
    await expectRefused(
      gzipSync(rawTar([{ path: 'one', body: half }, { path: 'two', body: half }])),
      'SIZE_LIMIT',
      'two',
      { maxBytes: 1024 * 1024 },
    );
  });

  it('refuses endless padding after the end marker (the stream is capped too)', async () => {
    async function* zeros(): AsyncGenerator<Buffer> {
      yield rawTar([good]);
      const chunk = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < 80; i++) yield chunk; // more than the 64 MiB framing allowance
    }
    await expectRefused(Readable.from(zeros()).pipe(createGzip({ level: 1 })), 'SIZE_LIMIT', 'tar stream', { maxBytes: 1024 });
  });

  it('refuses a wrong expectedTarDigest before committing anything', () =>
    expectRefused(gzipSync(rawTar([good])), 'DIGEST_MISMATCH', 'digest', { expectedTarDigest: sha256(Buffer.from('other')) }));

  it('refuses truncated archives and non-tar input', async () => {
    const whole = rawTar([good, { path: 'second.txt', body: 'x'.repeat(3000) }]);
    await expectRefused(whole.subarray(0, 1500), 'INVALID_CONTENT', 'end-of-archive'); // cut inside a header
    await expectRefused(whole.subarray(0, 1024 + 512 + 100), 'INVALID_CONTENT', 'Truncated'); // cut inside a body
    await expectRefused(rawTar([good], { end: false }), 'INVALID_CONTENT', 'end-of-archive');
    await expectRefused(Buffer.from('hello, I am not a tar archive'), 'INVALID_CONTENT', 'tar');
    await expectRefused(gzipSync(gzipSync(rawTar([good]))), 'INVALID_CONTENT', 'gzip');
  });

  it('takes a source error emitted before it starts reading as the failure, not as an unhandled error', async () => {
    const source = new PassThrough();
    const { out, parent } = await workspace();
    const extracting = extractTarSafely(source, out);
    source.destroy(new Error('connection reset before the first byte'));
    await expect(extracting).rejects.toThrow('connection reset before the first byte');
    expect(await readdir(parent)).toEqual(['out']);
  });

  it('propagates a source stream error and leaves outDir alone', async () => {
    const failing = new Readable({
      read() {
        this.push(rawTar([good], { end: false }));
        this.destroy(new Error('connection reset'));
      },
    });
    const { out, parent } = await workspace();
    const before = await snapshot(out);
    await expect(extractTarSafely(failing, out)).rejects.toThrow('connection reset');
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['out']);
  });

  it('refuses to overwrite an existing file unless asked, merging into existing directories', async () => {
    const archive = rawTar([
      { path: 'existing-dir/added.txt', body: 'added' },
      { path: 'good.txt', body: 'replacement' },
    ]);
    await expectRefused(archive, 'INVALID_INPUT', 'good.txt');

    const { out } = await workspace();
    const result = await extractTarSafely(Readable.from([archive]), out, { overwrite: true });
    expect(result.entries).toEqual(['existing-dir', 'good.txt']);
    expect(await readFile(join(out, 'good.txt'), 'utf8')).toBe('replacement');
    expect(await readFile(join(out, 'existing-dir/added.txt'), 'utf8')).toBe('added');
    expect(await readFile(join(out, 'existing-dir/keep.txt'), 'utf8')).toBe('keep me');
  });
});

// Each guard on its own: the tests above refuse hostile archives, where often two guards
// would each have refused; these pin every guard down alone (mutation testing found the
// ones no test needed: docs/reliability.md).
describe('unsafePathReason', () => {
  it.each([
    ['a\0b', 'contains a NUL byte'],
    ['a\\b', 'contains a backslash (a Windows path separator)'],
    ['/a', 'is an absolute path'],
    ['C:x', 'starts with a Windows drive letter'],
    ['z:/x', 'starts with a Windows drive letter'],
    ['..', 'has a ".." component'],
    ['a/../b', 'has a ".." component'],
  ])('%j %s', (path, reason) => {
    expect(unsafePathReason(path)).toBe(reason);
  });

  it.each(['a', 'a/b/', './a', 'a/./b', 'a/C:x', 'a..b/c', '...', 'é/ċ'])('accepts %j', (path) => {
    expect(unsafePathReason(path)).toBeUndefined();
  });
});

describe('unsafeLinkTargetReason', () => {
  it.each([
    ['link', '', '', 'has an empty target'],
    ['link', 'a\0b', '', 'has a target that is not a plain relative path'],
    ['link', 'a\\b', '', 'has a target that is not a plain relative path'],
    ['link', 'C:/x', '', 'has a target that is not a plain relative path'],
    ['link', '/etc/passwd', '', 'has an absolute target'],
    ['a/link', 'x/../y', '', 'has ".." after a name in its target'],
    ['a/link', './x/..', '', 'has ".." after a name in its target'],
    ['link', '../x', '', 'has a target outside the extraction directory'],
    ['a/link', '../../x', '', 'has a target outside the extraction directory'],
    ['docs/link', '../x', 'docs', 'has a target outside "docs"'],
    ['docs/a/link', '../../x', 'docs', 'has a target outside "docs"'],
  ])('%j -> %j (root %j): %s', (linkPath, target, root, reason) => {
    expect(unsafeLinkTargetReason(linkPath, target, root)).toBe(reason);
  });

  it.each([
    ['link', 'x/y', ''],
    ['link', './x', ''],
    ['link', '.', ''],
    ['link', '1:x', ''],
    ['link', 'dir/C:x', ''],
    ['a/link', '../x', ''],
    ['a/b/link', '../../x', ''],
    ['a/b/link', '.././../x', ''],
    ['docs/a/link', '../x', 'docs'],
  ])('accepts %j -> %j (root %j)', (linkPath, target, root) => {
    expect(unsafeLinkTargetReason(linkPath, target, root)).toBeUndefined();
  });
});

describe('extractTarSafely: each guard on its own', () => {
  async function refusal(archive: Buffer | Readable, options: ExtractOptions = {}, outDir?: string): Promise<OcikitError> {
    const out = outDir ?? (await workspace()).out;
    const source = Buffer.isBuffer(archive) ? Readable.from([archive]) : archive;
    const error = await extractTarSafely(source, out, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OcikitError);
    return error as OcikitError;
  }

  it('allows the tar framing on top of maxBytes, and content of exactly maxBytes', async () => {
    const { out } = await workspace();
    const result = await extractTarSafely(Readable.from([rawTar([{ path: 'a', body: 'x'.repeat(1000) }])]), out, { maxBytes: 1000 });
    expect(result).toEqual({ files: 1, bytes: 1000, entries: ['a'] });
  });

  it('caps the tar stream at exactly maxBytes plus 64 MiB of framing', async () => {
    const MiB = 1024 * 1024;
    const head = rawTar([{ path: 'd/', type: '5' }]);
    const zeros = Buffer.alloc(MiB);
    function stream(extra: number): Readable {
      const chunks = [head, zeros.subarray(0, MiB - head.length)];
      for (let i = 1; i < 64; i++) chunks.push(zeros);
      if (extra > 0) chunks.push(zeros.subarray(0, extra));
      return Readable.from(chunks);
    }
    const { out } = await workspace();
    expect((await extractTarSafely(stream(0), out, { maxBytes: 0 })).entries).toEqual(['d']);
    const over = await refusal(stream(1), { maxBytes: 0 });
    expect(over.code).toBe('SIZE_LIMIT');
    expect(over.message).toContain('tar stream exceeds the 0-byte unpack limit');
  });

  it('refuses a file by the size its header declares, before reading its content', async () => {
    const error = await refusal(rawTar([{ path: 'big', body: 'x'.repeat(100), size: 10 * 1024 * 1024 }]), { maxBytes: 1024 * 1024 });
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe('refusing entry "big": archive content exceeds the 1048576-byte unpack limit');
    expect(inFrontEndWords(error.hint!)).toBe('if the artifact really is this large, raise the limit (--max-unpack-bytes)');
    // Summed: the second header alone takes the total over.
    const half = Buffer.alloc(600 * 1024);
    const summed = await refusal(rawTar([{ path: 'one', body: half }, { path: 'two', body: 'x', size: half.length }]), { maxBytes: 1024 * 1024 });
    expect(summed.code).toBe('SIZE_LIMIT');
    expect(summed.message).toContain('"two"');
  });

  it('refuses brotli, and any compression inside the layer\'s own: node-tar would decompress them past the digest and the limits', async () => {
    const tar = rawTar([good]);
    const cases: [Buffer, string][] = [
      [zstdCompressSync(gzipSync(tar)), 'refusing a gzip stream inside a compressed layer'],
      [gzipSync(zstdCompressSync(tar)), 'refusing a zstd stream inside a compressed layer'],
      [zstdCompressSync(zstdCompressSync(tar)), 'refusing a zstd stream inside a compressed layer'],
      [gzipSync(gzipSync(tar)), 'refusing a gzip stream inside a compressed layer'],
    ];
    for (const [compressed, message] of cases) expect((await refusal(compressed)).message).toBe(message);
    expect((await refusal(brotliCompressSync(tar))).code).toBe('INVALID_CONTENT');
  });

  it('reads tar+zstd as it reads tar+gzip, under the same limits', async () => {
    const { out } = await workspace();
    const archive = zstdCompressSync(rawTar([{ path: 'z/', type: '5' }, { path: 'z/one.txt', body: 'one' }]));
    expect((await extractTarSafely(Readable.from([archive]), out, { expectedTarDigest: sha256(rawTar([{ path: 'z/', type: '5' }, { path: 'z/one.txt', body: 'one' }])) })).files).toBe(1);
    expect(await readFile(join(out, 'z/one.txt'), 'utf8')).toBe('one');
    await expectRefused(zstdCompressSync(rawTar([good, { path: 'bomb', body: Buffer.alloc(4 * 1024 * 1024) }])), 'SIZE_LIMIT', 'bomb', { maxBytes: 1024 * 1024 });
  });

  it('names a cut zstd stream, and a frame asking for a window over 128 MiB, in its own words', async () => {
    const compressed = zstdCompressSync(rawTar([good, { path: 'second.txt', body: randomBytes(20_000) }]));
    const cut = await refusal(compressed.subarray(0, compressed.length - 200));
    expect(cut.code).toBe('INVALID_CONTENT');
    expect(cut.message).toMatch(/^the layer is a zstd stream that ends too soon \(zstd: /);
    expect(cut.hint).toBe('the layer was cut short when it was pushed, or is corrupt; push it again');
    // A frame header with no content size and a window descriptor of 2^41 bytes: no decoder should allocate that.
    const greedy = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8]), Buffer.alloc(64)]);
    const bad = await refusal(greedy);
    expect(bad.code).toBe('INVALID_CONTENT');
    expect(bad.message).toMatch(/^the layer is not a valid zstd stream \(zstd: /);
    expect(bad.hint).toBe('the layer is corrupt, or not the tar+zstd its media type says; push it again');
  });

  it('reads a plain tar whose first bytes look like half of the gzip magic', async () => {
    // 0x1f first, or 0x8b second (ċ is c4 8b in UTF-8): a tar all the same, not gzip.
    for (const name of ['\x1fname', 'ċname']) {
      const { out } = await workspace();
      const result = await extractTarSafely(Readable.from([rawTar([{ path: name, body: 'x' }])]), out);
      expect(result.entries).toEqual([name]);
    }
  });

  it('names a cut gzip stream and a corrupt one in its own words', async () => {
    const gzipped = gzipSync(rawTar([good, { path: 'second.txt', body: 'y'.repeat(5000) }]));
    const cut = await refusal(gzipped.subarray(0, gzipped.length - 20));
    expect(cut.code).toBe('INVALID_CONTENT');
    expect(cut.message).toMatch(/^the layer is a gzip stream that ends too soon \(zlib: /);
    expect(cut.hint).toBe('the layer was cut short when it was pushed, or is corrupt; push it again');
    const corrupt = Buffer.from(gzipped);
    corrupt[2] = 0x07; // compression method: only 8 (deflate) exists
    const bad = await refusal(corrupt);
    expect(bad.code).toBe('INVALID_CONTENT');
    expect(bad.message).toMatch(/^the layer is not a valid gzip stream \(zlib: /);
    expect(bad.hint).toBe('the layer is corrupt, or not the tar+gzip its media type says; push it again');
  });

  it('passes a source error through gunzip as it is, not as a gzip error', async () => {
    const gzipped = gzipSync(rawTar([good, { path: 'second.txt', body: 'y'.repeat(50_000) }]), { level: 0 });
    const reset = Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
    // The first read gives the gzip header, so gunzip is under way when the second fails.
    let reads = 0;
    const failing = new Readable({
      read() {
        if (reads++ === 0) this.push(gzipped.subarray(0, 2000));
        else this.destroy(reset);
      },
    });
    const { out } = await workspace();
    await expect(extractTarSafely(failing, out)).rejects.toBe(reset);
  });

  it('fails promptly when the source breaks in the middle of a file', async () => {
    const whole = rawTar([good, { path: 'second.txt', body: 'y'.repeat(5000) }]);
    const failing = new Readable({
      read() {
        this.push(whole.subarray(0, 2048 + 1000)); // the second file's header and part of its content
        this.destroy(new Error('connection reset'));
      },
    });
    const { out, parent } = await workspace();
    await expect(extractTarSafely(failing, out)).rejects.toThrow('connection reset');
    expect(await readdir(parent)).toEqual(['out']);
  });

  it('stops reading the source at the first refusal', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield rawTar([{ path: '/abs', body: 'x' }], { end: false });
      const chunk = Buffer.alloc(64 * 1024);
      for (;;) {
        pulled++;
        yield chunk;
      }
    }
    const error = await refusal(Readable.from(endless()), { maxBytes: 1024 });
    expect(error.code).toBe('UNSAFE_PATH');
    expect(pulled).toBeLessThan(20);
  });

  it('refuses an entry the end marker follows in the same chunk, with more chunks after it', async () => {
    const error = await refusal(Readable.from([rawTar([good, { path: 'l', type: '2', linkpath: '/etc' }]), Buffer.alloc(512), Buffer.alloc(512)]));
    expect(error.code).toBe('UNSAFE_PATH');
  });

  it('says an archive that is no tar is not one, keeping the parser\'s error as the cause', async () => {
    const error = await refusal(Buffer.alloc(1024, 'x'));
    expect(error.code).toBe('INVALID_CONTENT');
    expect(error.message).toMatch(/^not a valid tar archive: /);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('refuses an outDir that is a file, and creates no outDir when it refuses', async () => {
    const { out, parent } = await workspace();
    const file = join(out, 'good.txt');
    const error = await refusal(rawTar([good]), {}, file);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(`${file} exists and is not a directory`);
    const fresh = join(parent, 'fresh', 'nested');
    await refusal(rawTar([good, { path: '/abs', body: 'x' }]), {}, fresh);
    expect(existsSync(fresh)).toBe(false);
  });

  it('stages in a directory only its owner can enter', async () => {
    const { out, parent } = await workspace();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* held(): AsyncGenerator<Buffer> {
      yield rawTar([good], { end: false });
      await gate;
      yield Buffer.alloc(1024);
    }
    const extraction = extractTarSafely(Readable.from(held()), out);
    let staging: string | undefined;
    for (let i = 0; i < 500 && staging === undefined; i++) {
      staging = (await readdir(parent)).find((name) => name.endsWith('.tmp'));
      if (staging === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(staging).toBeDefined();
    const mode = (await lstat(join(parent, staging!))).mode & 0o777;
    release();
    await extraction;
    expect(mode).toBe(0o700);
  });

  it('keeps every entry of a layer titled dist/site below dist/site', async () => {
    const archive = rawTar([
      { path: 'dist/site/', type: '5' },
      { path: 'dist/site/a.txt', body: 'a' },
      { path: 'dist/site/l', type: '2', linkpath: 'a.txt' },
    ]);
    const { out } = await workspace();
    expect((await extractTarSafely(Readable.from([archive]), out, { root: 'dist/site/' })).entries).toEqual(['dist']);
    expect(await readFile(join(out, 'dist/site/l'), 'utf8')).toBe('a');
  });

  it.each([
    ['an entry beside the title', [{ path: 'docs/a', body: 'a' }, { path: '.git/hooks/post-checkout', body: 'x' }], '.git/hooks/post-checkout'],
    ['an entry whose name only starts with the title', [{ path: 'docsx/a', body: 'a' }], 'docsx/a'],
    ['the extraction directory itself', [{ path: './', type: '5' }], './'],
    ['a symlink out of the title', [{ path: 'docs/l', type: '2', linkpath: '../x' }], 'docs/l'],
  ] as Array<[string, RawEntry[], string]>)('with a title, refuses %s', async (_what, entries, naming) => {
    const error = await refusal(rawTar(entries), { root: 'docs' });
    expect(error.code).toBe('UNSAFE_PATH');
    expect(error.message).toContain(`refusing entry "${naming}"`);
  });

  it('with a title, takes the title directory itself', async () => {
    const { out } = await workspace();
    const result = await extractTarSafely(Readable.from([rawTar([{ path: 'docs', type: '5' }, { path: 'docs/a', body: 'a' }])]), out, { root: 'docs' });
    expect(result.entries).toEqual(['docs']);
  });

  it('refuses a file named as the extraction directory itself', async () => {
    const error = await refusal(rawTar([{ path: '.', type: '0', body: 'x' }]));
    expect(error.code).toBe('UNSAFE_PATH');
    expect(error.message).toBe('refusing entry ".": names the extraction directory itself');
  });

  it('refuses a directory entry over an earlier file', async () => {
    const error = await refusal(rawTar([{ path: 'x', body: 'file' }, { path: 'x/', type: '5' }]));
    expect(error.code).toBe('INVALID_CONTENT');
    expect(error.message).toBe('refusing entry "x/": duplicate of an earlier entry');
  });

  it('refuses a second entry at a file\'s path, whether that file is still being written or already on disk', async () => {
    // No list of files is kept (memory stays flat): the file system's EEXIST tells the path
    // is taken. A hardlink waits for every small file to be written, so after it "x" is on
    // disk; right after x, its write may still be in flight, and which of the two calls
    // fails (so which entry the refusal names) is the thread pool's timing.
    const afterWritten = (entry: RawEntry) => rawTar([{ path: 'x', body: 'file' }, { path: 'h', type: '1', linkpath: 'x' }, entry]);
    const rightAfter = (entry: RawEntry) => rawTar([{ path: 'x', body: 'file' }, entry]);
    const cases: [RawEntry, string][] = [
      [{ path: 'x', body: 'again' }, 'refusing entry "x": duplicate of an earlier entry'],
      [{ path: 'x', body: Buffer.alloc(300 * 1024, 1) }, 'refusing entry "x": duplicate of an earlier entry'],
      [{ path: 'x/', type: '5' }, 'refusing entry "x/": duplicate of an earlier entry'],
      [{ path: 'x', type: '2', linkpath: 'elsewhere' }, 'refusing entry "x": duplicate of an earlier entry'],
      [{ path: 'x', type: '1', linkpath: 'x' }, 'refusing entry "x": duplicate of an earlier entry'],
      [{ path: 'x/inner', body: 'inner' }, 'refusing entry "x/inner": "x" is a file'],
    ];
    for (const [entry, message] of cases) {
      const error = await refusal(afterWritten(entry));
      expect([error.code, error.message]).toEqual(['INVALID_CONTENT', message]);
      const raced = await refusal(rightAfter(entry));
      expect(raced.code).toBe('INVALID_CONTENT');
      expect([message, 'refusing entry "x": duplicate of an earlier entry']).toContain(raced.message);
    }
    // A big file is written before the next entry is read: the same refusals by EEXIST alone.
    const big = (entry: RawEntry) => rawTar([{ path: 'x', body: Buffer.alloc(300 * 1024, 2) }, entry]);
    for (const [entry, message] of cases) expect((await refusal(big(entry))).message).toBe(message);
  });

  it('refuses a directory entry over an earlier symlink, and a hardlink whose target passes through one', async () => {
    const overSymlink = await refusal(rawTar([{ path: 'd/', type: '5' }, { path: 's', type: '2', linkpath: 'd' }, { path: 's/', type: '5' }]));
    expect([overSymlink.code, overSymlink.message]).toEqual(['INVALID_CONTENT', 'refusing entry "s/": duplicate of an earlier entry']);
    // link/f is d/f on disk, a file: only knowing that link is a symlink refuses it.
    const throughSymlink = await refusal(rawTar([{ path: 'd/', type: '5' }, { path: 'd/f', body: 'f' }, { path: 'link', type: '2', linkpath: 'd' }, { path: 'h', type: '1', linkpath: 'link/f' }]));
    expect([throughSymlink.code, throughSymlink.message]).toEqual(['UNSAFE_PATH', 'refusing entry "h": hardlink to "link/f", which is not a file extracted before it']);
  });

  it('counts symlinks and hardlinks against maxEntries', async () => {
    const links: RawEntry[] = [{ path: 'f', body: 'f' }, { path: 's', type: '2', linkpath: 'f' }, { path: 'h', type: '1', linkpath: 'f' }];
    const { out } = await workspace();
    expect((await extractTarSafely(Readable.from([rawTar(links)]), out, { maxEntries: 3 })).files).toBe(2);
    const symlinks = await refusal(rawTar([...links.slice(0, 2), { path: 't', type: '2', linkpath: 'f' }]), { maxEntries: 2 });
    expect(symlinks.message).toBe('refusing entry "t": the archive has more than 2 entries');
    const hardlinks = await refusal(rawTar([links[0]!, links[2]!, { path: 'i', type: '1', linkpath: 'f' }]), { maxEntries: 2 });
    expect(hardlinks.message).toBe('refusing entry "i": the archive has more than 2 entries');
  });

  it('refuses a hardlink whose target passes through a file', async () => {
    const error = await refusal(rawTar([{ path: 'f', body: 'file' }, { path: 'h', type: '1', linkpath: 'f/x' }]));
    expect([error.code, error.message]).toEqual(['UNSAFE_PATH', 'refusing entry "h": hardlink to "f/x", which is not a file extracted before it']);
  });

  it('creates empty directories, 0755', async () => {
    const { out } = await workspace();
    const result = await extractTarSafely(Readable.from([rawTar([{ path: 'empty/', type: '5', mode: 0o700 }])]), out);
    expect(result).toEqual({ files: 0, bytes: 0, entries: ['empty'] });
    expect((await lstat(join(out, 'empty'))).mode & 0o7777).toBe(0o755);
  });

  it('names the special file types it refuses, and refuses types it does not know', async () => {
    for (const [type, name] of [['3', 'CharacterDevice'], ['4', 'BlockDevice'], ['6', 'FIFO']] as const) {
      const error = await refusal(rawTar([{ path: 'special', type }]));
      expect(error.code).toBe('INVALID_CONTENT');
      expect(error.message).toBe(`refusing entry "special": ${name} entries are not extracted`);
    }
    const dumpDir = await refusal(rawTar([{ path: 'dump/', type: 'D' }]));
    expect(dumpDir.code).toBe('INVALID_CONTENT');
    expect(dumpDir.message).toContain('unsupported entry type');
  });

  it('closes every file it writes', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const { out } = await workspace();
    // Small files are written whole in the background, bigger ones streamed: both kinds.
    const entries = [
      ...Array.from({ length: 40 }, (_, i) => ({ path: `f${i}`, body: `${i}` })),
      ...Array.from({ length: 12 }, (_, i) => ({ path: `big${i}`, body: Buffer.alloc(300 * 1024, i) })),
    ];
    const before = openFiles();
    await extractTarSafely(Readable.from([rawTar(entries)]), out);
    expect(openFiles()).toBeLessThan(before + 10);
  });

  it('lists the top-level entries it moved in name order', async () => {
    const { out } = await workspace();
    const archive = rawTar([{ path: 'z.txt', body: 'z' }, { path: 'm/', type: '5' }, { path: 'a.txt', body: 'a' }]);
    expect((await extractTarSafely(Readable.from([archive]), out)).entries).toEqual(['a.txt', 'm', 'z.txt']);
  });

  it('names the first conflict, and all of them when there are more, in path order', async () => {
    const { out } = await workspace();
    const one = await refusal(rawTar([{ path: 'good.txt', body: 'x' }]), {}, out);
    expect(one.code).toBe('INVALID_INPUT');
    expect(one.message).toBe(`refusing to overwrite "good.txt" in ${await realpath(out)}`);
    expect(one.detail).toBeUndefined();
    expect(one.hint).toBe('extract into an empty directory, or allow overwriting');
    const two = await refusal(rawTar([{ path: 'good.txt', body: 'x' }, { path: 'existing-dir/keep.txt', body: 'x' }]), {}, out);
    expect(two.message).toBe(`refusing to overwrite "existing-dir/keep.txt" in ${await realpath(out)}`);
    expect(two.detail).toBe('2 paths already exist: existing-dir/keep.txt, good.txt');
    // However many there are, the detail stays short: the count, and the first ten.
    const many = Array.from({ length: 12 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    await Promise.all(many.map((name) => writeFile(join(out, name), 'there')));
    const twelve = await refusal(rawTar(many.map((path) => ({ path, body: 'x' }))), {}, out);
    expect(twelve.detail).toBe(`12 paths already exist: ${many.slice(0, 10).join(', ')}`);
  });

  it('replaces a directory by a file and a file by a directory only when asked', async () => {
    const archive = rawTar([
      { path: 'existing-dir', body: 'now a file' },
      { path: 'good.txt/', type: '5' },
      { path: 'good.txt/inner', body: 'inner' },
    ]);
    const { out } = await workspace();
    const refused = await refusal(archive, {}, out);
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.detail).toBe('2 paths already exist: existing-dir, good.txt');
    await extractTarSafely(Readable.from([archive]), out, { overwrite: true });
    expect(await readFile(join(out, 'existing-dir'), 'utf8')).toBe('now a file');
    expect(await readFile(join(out, 'good.txt/inner'), 'utf8')).toBe('inner');
  });

  it('creates at most maxEntries entries, parent directories counted', async () => {
    const three = [{ path: 'a', body: 'a' }, { path: 'b', body: 'b' }, { path: 'c', body: 'c' }];
    const { out } = await workspace();
    expect((await extractTarSafely(Readable.from([rawTar(three)]), out, { maxEntries: 3 })).files).toBe(3);
    const four = await refusal(rawTar([...three.map((e) => ({ ...e, path: `n/${e.path}` }))]), { maxEntries: 3 });
    expect(four.code).toBe('SIZE_LIMIT');
    expect(four.message).toBe('refusing entry "n/c": the archive has more than 3 entries');
  });

  it('refuses an unsafe last entry whose refusal comes after the parser has seen the end marker', async () => {
    // The first file is big enough that the parser reaches the end while it is still being written.
    await expectRefused(rawTar([{ path: 'big.bin', body: Buffer.alloc(1024 * 1024, 7) }, { path: 'x/../../evil', body: 'x' }]), 'UNSAFE_PATH', 'x/../../evil');
  });

  it('destroys the source when it refuses, so the download stops', async () => {
    const source = new PassThrough(); // left open: only a destroy ends it
    source.write(rawTar([good, { path: '/abs', body: 'x' }], { end: false }));
    const error = await refusal(source);
    expect(error.code).toBe('UNSAFE_PATH');
    expect(source.destroyed).toBe(true);
  });

  it('fails when writing a small file fails, though it is written while the next entries are parsed', async () => {
    // A name longer than the filesystem takes (ENAMETOOLONG): the write fails, not the parse.
    const long = 'n'.repeat(300);
    const pax = paxRecord('path', long);
    const archive = rawTar([good, { path: 'PaxHeader', type: 'x', body: pax }, { path: 'short', body: 'small' }, { path: 'after.txt', body: 'after' }]);
    const { parent, out } = await workspace();
    const before = await snapshot(out);
    await expect(extractTarSafely(Readable.from([archive]), out)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['out']);
  });

  it('returns only once every small file is written whole', async () => {
    const { out } = await workspace();
    const bodies = Array.from({ length: 64 }, (_, i) => Buffer.alloc(200 * 1024, i));
    await extractTarSafely(Readable.from([rawTar(bodies.map((body, i) => ({ path: `many/f${i}`, body })))]), out);
    for (const [i, body] of bodies.entries()) expect(sha256(await readFile(join(out, 'many', `f${i}`)))).toBe(sha256(body));
  });
});
