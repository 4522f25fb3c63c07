import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { extractTarSafely, type ExtractOptions } from '../../packages/core/src/artifact/safe-extract.js';
import { OcikitError, type ErrorCode } from '../../packages/core/src/errors.js';

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
  type?: '0' | '1' | '2' | '3' | '5' | '6' | 'x' | 'S';
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
