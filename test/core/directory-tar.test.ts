import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packDirectory, type PackedDirectory } from '../../packages/core/src/artifact/directory-tar.js';
import { extractTarSafely } from '../../packages/core/src/artifact/safe-extract.js';
import { OcikitError } from '../../packages/core/src/errors.js';

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ocikit-pack-test-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes a small tree; `reverse` flips file creation order to show it does not matter. */
async function makeTree(root: string, reverse = false): Promise<void> {
  for (const dir of ['bin', 'lib/deep', 'lib-extra']) await mkdir(join(root, dir), { recursive: true });
  const files: (() => Promise<void>)[] = [
    () => writeFile(join(root, 'bin/tool'), '#!/bin/sh\necho hi\n', { mode: 0o700 }),
    () => writeFile(join(root, 'lib/deep/data.txt'), 'x'.repeat(1000)),
    () => writeFile(join(root, 'lib-extra/a'), 'a'),
    () => writeFile(join(root, 'README.md'), '# readme\n', { mode: 0o664 }),
    () => symlink('lib/deep/data.txt', join(root, 'data-link')),
  ];
  for (const step of reverse ? files.reverse() : files) await step();
}

/** Path, kind, mode bits that matter, and content hash or link target of every entry. */
async function snapshot(root: string, rel = ''): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(join(root, rel))).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const abs = join(root, path);
    const info = await lstat(abs);
    if (info.isSymbolicLink()) lines.push(`${path} -> ${await readlink(abs)}`);
    else if (info.isDirectory()) lines.push(`${path}/`, ...(await snapshot(root, path)));
    else {
      const sha = createHash('sha256').update(await readFile(abs)).digest('hex');
      lines.push(`${path} ${info.mode & 0o111 ? 'x' : '-'} ${sha}`);
    }
  }
  return lines;
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function pack(dir: string, options: { mtime?: Date } = {}): Promise<PackedDirectory> {
  return packDirectory(dir, { name: 'site', tempDir: await tempDir(), ...options });
}

/** Runs GNU tar, failing on any warning it prints (a sign of a non-standard header). */
function gnuTar(args: string[]): string {
  const run = spawnSync('tar', args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

function gnuTarList(archive: string): string[] {
  return gnuTar(['--numeric-owner', '--full-time', '-tzvf', archive]).trim().split('\n');
}

describe('packDirectory', () => {
  it('is reproducible: same tree, same bytes, whatever the mtimes and creation order', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await makeTree(a);
    await makeTree(b, true);
    await utimes(join(b, 'README.md'), new Date('2001-02-03'), new Date('2001-02-03'));
    await utimes(join(b, 'lib'), new Date('2011-02-03'), new Date('2011-02-03'));

    const first = await pack(a);
    const second = await pack(b);
    expect(second.digest).toBe(first.digest);
    expect(second.tarDigest).toBe(first.tarDigest);
    expect(await readFile(second.path)).toEqual(await readFile(first.path));

    // Touching a file changes nothing either.
    await utimes(join(a, 'bin/tool'), new Date(), new Date());
    expect((await pack(a)).digest).toBe(first.digest);
  });

  it('reports size and digests of what it wrote', async () => {
    const dir = await tempDir();
    await makeTree(dir);
    const packed = await pack(dir);
    const bytes = await readFile(packed.path);
    expect(packed.size).toBe(bytes.length);
    expect(packed.digest).toBe(sha256(bytes));
    expect(packed.tarDigest).toBe(sha256(gunzipSync(bytes)));
    expect(packed.path.startsWith(join(tmpdir(), 'ocikit-pack-test-'))).toBe(true);
  });

  it('writes a standard tar: GNU tar lists sorted names, uid/gid 0, mtime epoch, normalized modes', async () => {
    const dir = await tempDir();
    await makeTree(dir);
    const lines = gnuTarList((await pack(dir)).path);
    const names = lines.map((line) => line.split(/\s+/).slice(5).join(' '));
    expect(names).toEqual([
      'site/',
      'site/README.md',
      'site/bin/',
      'site/bin/tool',
      'site/data-link -> lib/deep/data.txt',
      'site/lib-extra/', // "-" sorts before "/": byte order of full names
      'site/lib-extra/a',
      'site/lib/',
      'site/lib/deep/',
      'site/lib/deep/data.txt',
    ]);
    for (const line of lines) {
      const [mode, owner, , date, time] = line.split(/\s+/);
      expect(owner).toBe('0/0');
      expect(`${date} ${time}`).toBe('1970-01-01 00:00:00');
      expect(['drwxr-xr-x', '-rwxr-xr-x', '-rw-r--r--', 'lrwxrwxrwx']).toContain(mode);
    }
    expect(lines.find((line) => line.endsWith('site/bin/tool'))).toMatch(/^-rwxr-xr-x/);
    expect(lines.find((line) => line.endsWith('site/README.md'))).toMatch(/^-rw-r--r--/);
  });

  it('orders siblings whose names prefix each other as their whole names sort, a directory walked a level at a time', async () => {
    const dir = await tempDir();
    for (const sub of ['a', 'a-b', 'ab', 'Z']) await mkdir(join(dir, sub));
    for (const file of ['a.txt', 'a/x', 'a-b/y', 'ab/z', 'Z/w', 'a0']) await writeFile(join(dir, file), file);
    await symlink('a/x', join(dir, 'a.link'));
    const names = gnuTarList((await pack(dir)).path).map((line) => line.split(/\s+/).slice(5).join(' ').replace(/ -> .*/, ''));
    // "Z/" first (upper case), then "a-b/", "a.link", "a.txt", "a/", "a/x", "a0", "ab/": '-' < '.' < '/' < '0' in bytes.
    expect(names).toEqual([...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(names.slice(1, 8)).toEqual(['site/Z/', 'site/Z/w', 'site/a-b/', 'site/a-b/y', 'site/a.link', 'site/a.txt', 'site/a/']);
  });

  it('honours an mtime option (SOURCE_DATE_EPOCH), in whole seconds', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'f'), 'f');
    const epoch = 1_700_000_000;
    const lines = gnuTarList((await pack(dir, { mtime: new Date(epoch * 1000 + 999) })).path);
    for (const line of lines) expect(line).toContain('2023-11-14 22:13:20');
    const other = await pack(dir, { mtime: new Date(epoch * 1000) });
    expect((await pack(dir, { mtime: new Date(epoch * 1000 + 999) })).digest).toBe(other.digest);
    expect(other.digest).not.toBe((await pack(dir)).digest);
  });

  it('round-trips through extractTarSafely: contents, executable bit and symlinks', async () => {
    const dir = await tempDir();
    await makeTree(dir);
    const out = join(await tempDir(), 'out');
    const packed = await pack(dir);
    const result = await extractTarSafely(createReadStream(packed.path), out, { expectedTarDigest: packed.tarDigest });
    expect(result.entries).toEqual(['site']);
    expect(result.files).toBe(4);
    expect(await snapshot(join(out, 'site'))).toEqual(await snapshot(dir));
    expect((await lstat(join(out, 'site/bin/tool'))).mode & 0o777).toBe(0o755);
    expect((await lstat(join(out, 'site/README.md'))).mode & 0o777).toBe(0o644);
  });

  it('uses pax headers for long and non-ASCII names, which GNU tar and our extractor read back', async () => {
    const dir = await tempDir();
    const long = `${'d'.repeat(120)}/${'e'.repeat(120)}`;
    await mkdir(join(dir, long), { recursive: true });
    await writeFile(join(dir, long, `${'f'.repeat(150)}.txt`), 'long');
    await writeFile(join(dir, 'héllo wörld ✓.txt'), 'unicode');
    await symlink(`${long}/${'f'.repeat(150)}.txt`, join(dir, 'long-link'));
    const packed = await pack(dir);

    const viaGnu = await tempDir();
    gnuTar(['-xzf', packed.path, '-C', viaGnu]);
    expect(await snapshot(join(viaGnu, 'site'))).toEqual(await snapshot(dir));

    const viaUs = join(await tempDir(), 'out');
    await extractTarSafely(createReadStream(packed.path), viaUs);
    expect(await snapshot(join(viaUs, 'site'))).toEqual(await snapshot(dir));
  });

  it('streams big and many files through pack and extract', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'big.bin'), randomBytes(8 * 1024 * 1024));
    await mkdir(join(dir, 'many'));
    for (let i = 0; i < 500; i++) await writeFile(join(dir, 'many', `f${i}`), `file ${i}\n`.repeat(i));
    const packed = await pack(dir);
    const out = join(await tempDir(), 'out');
    // Small reads: many parser writes, so backpressure between parser and writer gets exercised.
    const result = await extractTarSafely(createReadStream(packed.path, { highWaterMark: 4096 }), out);
    expect(result.files).toBe(501);
    expect(await snapshot(join(out, 'site'))).toEqual(await snapshot(dir));
  });

  it('packs an empty directory as just its own entry', async () => {
    const dir = await tempDir();
    const lines = gnuTarList((await pack(dir)).path);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ site\/$/);
  });

  it('refuses symlinks that leave the tree, naming the link', async () => {
    for (const target of ['/etc/passwd', '../../outside', 'sub/../../x']) {
      const dir = await tempDir();
      await mkdir(join(dir, 'sub'));
      await symlink(target, join(dir, 'sub', 'link'));
      const error = await pack(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OcikitError);
      expect((error as OcikitError).code).toBe('UNSAFE_PATH');
      expect((error as OcikitError).message).toContain(join(dir, 'sub', 'link'));
    }
  });

  it('refuses special files, naming them, and leaves no temp file behind', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ok'), 'ok');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const temp = await tempDir();
    const error = await packDirectory(dir, { name: 'site', tempDir: temp }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as OcikitError).code).toBe('INVALID_INPUT');
    expect((error as OcikitError).message).toContain(join(dir, 'pipe'));
    expect(await readdir(temp)).toEqual([]);
  });

  it('takes a nested title as oras does (entries "dist/site/..."), but only in plain form', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'index.html'), '<html>');
    const packed = await packDirectory(dir, { name: 'dist/site', tempDir: await tempDir() });
    const names = gnuTarList(packed.path).map((line) => line.split(/\s+/).slice(5).join(' '));
    expect(names).toEqual(['dist/site/', 'dist/site/index.html']);
    for (const name of ['', '.', '..', 'a/../b', './a', 'a//b', 'a/', '/abs', 'C:x', 'a\\b']) {
      await expect(packDirectory(dir, { name, tempDir: dir })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('keeps the executable bit whoever has it, and drops everything else', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'group-exec'), 'g');
    await chmod(join(dir, 'group-exec'), 0o2710);
    await writeFile(join(dir, 'private'), 'p');
    await chmod(join(dir, 'private'), 0o600);
    const lines = gnuTarList((await pack(dir)).path);
    expect(lines.find((line) => line.endsWith('site/group-exec'))).toMatch(/^-rwxr-xr-x /);
    expect(lines.find((line) => line.endsWith('site/private'))).toMatch(/^-rw-r--r-- /);
  });
});
