// Crafted artifacts in the real registry, pulled with the built CLI: tar layers
// with absolute paths, "..", symlinks and hard links out of the output directory,
// device files, and a decompression bomb (refused past --max-unpack-bytes). Each
// is refused with a message naming the entry, the output directory stays as it
// was, and nothing lands outside it.
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Annotation } from '../../packages/core/src/oci/annotations.js';
import { type Descriptor, EMPTY_DESCRIPTOR, type ImageManifest, describeManifest, encodeManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { RemoteRepository } from '../../packages/core/src/registry/remote-repository.js';
import { type TarEntry, gzipBomb, gzipTar, rawTar } from '../harness/hostile-tar.js';
import { runAction } from '../harness/action-runner.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { MiB, memoryBlob } from './support.js';

const registry = useRegistry();

/** Pushes one layer with these annotations (a directory layer: oras's unpack annotation) and tags the manifest. */
async function pushLayer(tag: string, bytes: Buffer, annotations: Record<string, string>, mediaType: string = MediaType.LayerGzip): Promise<Descriptor> {
  const repo = new RemoteRepository({ registry: registry.host, repository: 'hostile/artifacts' });
  try {
    const layer = memoryBlob(bytes, mediaType);
    await repo.pushBlob(layer.source);
    const { data: _data, ...empty } = EMPTY_DESCRIPTOR;
    await repo.pushBlob(memoryBlob(Buffer.from('{}'), MediaType.Empty).source);
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ImageManifest,
      artifactType: 'application/vnd.ocikit.hostile',
      config: empty,
      layers: [{ ...layer.descriptor, annotations }],
    };
    const encoded = encodeManifest(manifest);
    const descriptor = describeManifest(manifest, encoded);
    await repo.pushManifest(descriptor, encoded, tag);
    return descriptor;
  } finally {
    await repo.close();
  }
}

const unpack = (title: string): Record<string, string> => ({ [Annotation.Title]: title, [Annotation.OrasUnpack]: 'true' });

/** A fresh work dir with an output dir holding one file of ours; returns both. */
async function workspace(): Promise<{ work: string; out: string }> {
  const work = makeTempDir('ocikit-hostile-');
  const out = join(work, 'nested', 'out');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'mine.txt'), 'mine\n');
  return { work, out };
}

/** Every path below `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('hostile tar layers, pulled with the CLI', () => {
  const cases: Array<{ name: string; entries: (work: string) => TarEntry[]; message: RegExp }> = [
    { name: 'an absolute path', entries: (work) => [{ path: join(work, 'escaped-absolute.txt'), body: 'x' }], message: /refusing entry ".*escaped-absolute\.txt": is an absolute path/ },
    { name: 'a ".." path', entries: () => [{ path: 'site/../../escaped-dotdot.txt', body: 'x' }], message: /refusing entry "site\/\.\.\/\.\.\/escaped-dotdot\.txt": has a "\.\." component/ },
    { name: 'a ".." path hidden in a pax header', entries: () => [{ path: `site/${'d/'.repeat(60)}../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../../escaped-pax.txt`, body: 'x' }], message: /has a "\.\." component/ },
    {
      name: 'a symlink out of the output directory, then a file through it',
      entries: () => [
        { path: 'site/', type: '5' },
        { path: 'site/up', type: '2', linkpath: '../../..' },
        { path: 'site/up/escaped-symlink.txt', body: 'x' },
      ],
      message: /refusing entry "site\/up": symlink to "\.\.\/\.\.\/\.\." has a target outside "site"/,
    },
    { name: 'an absolute symlink', entries: () => [{ path: 'site/etc', type: '2', linkpath: '/etc' }], message: /symlink to "\/etc" has an absolute target/ },
    { name: 'a hard link out of the output directory', entries: () => [{ path: 'site/passwd', type: '1', linkpath: '../../../etc/passwd' }], message: /hardlink target "\.\.\/\.\.\/\.\.\/etc\/passwd" has a "\.\." component/ },
    { name: 'an absolute hard link', entries: () => [{ path: 'site/shadow', type: '1', linkpath: '/etc/shadow' }], message: /hardlink target "\/etc\/shadow" is an absolute path/ },
    { name: 'a character device', entries: () => [{ path: 'site/null', type: '3' }], message: /refusing entry "site\/null": CharacterDevice entries are not extracted/ },
    { name: 'a block device', entries: () => [{ path: 'site/sda', type: '4' }], message: /refusing entry "site\/sda": BlockDevice entries are not extracted/ },
    { name: 'a fifo', entries: () => [{ path: 'site/pipe', type: '6' }], message: /refusing entry "site\/pipe": FIFO entries are not extracted/ },
  ];

  test.each(cases)('$name is refused; the output directory is as it was and nothing lands outside', async ({ name, entries, message }) => {
    const { work, out } = await workspace();
    const tag = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    // Good content first: a refusal must also undo what came before it.
    await pushLayer(tag, gzipTar([{ path: 'site/index.html', body: '<h1>ok</h1>' }, ...entries(work)]), unpack('site'));
    const before = await tree(work);
    const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:${tag}`, '-o', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await tree(work)).toEqual(before);
    expect(await readdir(out)).toEqual(['mine.txt']);
  });

  test('a layer title that is absolute or climbs out is refused before anything is downloaded', async () => {
    const { work, out } = await workspace();
    for (const [tag, title] of [
      ['title-absolute', join(work, 'escaped-title.txt')],
      ['title-dotdot', '../../escaped-title.txt'],
    ] as const) {
      await pushLayer(tag, Buffer.from('x'), { [Annotation.Title]: title }, MediaType.OctetStream);
      const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:${tag}`, '-o', out]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/refusing layer title/);
    }
    expect(await readdir(out)).toEqual(['mine.txt']);
    expect(await readdir(work)).toEqual(['nested']);
  });

  test('a decompression bomb past --max-unpack-bytes is refused (the same layer pulls under a higher limit)', async () => {
    const { out } = await workspace();
    const bomb = await gzipBomb(48 * MiB, 3);
    expect(bomb.length).toBeLessThan(MiB / 4); // about 1000:1
    await pushLayer('bomb', bomb, unpack('bomb'));
    const refused = await ocikit(['pull', `${registry.host}/hostile/artifacts:bomb`, '-o', out, '--max-unpack-bytes', String(20 * MiB)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/SIZE_LIMIT|refusing entry "bomb\/zeros-1\.bin": archive content exceeds the 20971520-byte unpack limit/);
    expect(refused.stderr).toMatch(/hint: if the artifact really is this large, raise the limit \(--max-unpack-bytes\)/);
    expect(await readdir(out)).toEqual(['mine.txt']);

    const allowed = await ocikit(['pull', `${registry.host}/hostile/artifacts:bomb`, '-o', out, '--max-unpack-bytes', String(64 * MiB), '--json']);
    expect(allowed.code).toBe(0);
    expect((await readdir(join(out, 'bomb'))).sort()).toEqual(['zeros-0.bin', 'zeros-1.bin', 'zeros-2.bin']);
  });

  test('a bomb whose one header declares more than the limit fails before a byte is written', async () => {
    const { out } = await workspace();
    // 1 GiB declared, a few bytes present: refused on the header alone.
    const tar = rawTar([{ path: 'big/huge.bin', declaredSize: 1024 * MiB, body: 'tiny' }], { endMarker: false });
    await pushLayer('declared', gzipSync(tar), unpack('big'));
    const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:declared`, '-o', out, '--max-unpack-bytes', String(MiB)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refusing entry "big\/huge\.bin": archive content exceeds the 1048576-byte unpack limit/);
    expect(await readdir(out)).toEqual(['mine.txt']);
  });

  test('--max-unpack-bytes must be a positive whole number', async () => {
    const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:bomb`, '--max-unpack-bytes', 'lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"lots" is not a positive whole number/);
  });

  test('a directory layer writes only below its title: a layer titled "docs" cannot reach .git/hooks or .github/workflows', async () => {
    const { work, out } = await workspace();
    await pushLayer(
      'beside-title',
      gzipTar([
        { path: 'docs/readme.md', body: '# docs' },
        { path: '.git/hooks/post-checkout', body: '#!/bin/sh\necho owned\n', mode: 0o755 },
      ]),
      unpack('docs'),
    );
    const before = await tree(work);
    const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:beside-title`, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing entry ".git/hooks/post-checkout": is outside "docs", the layer\'s title');
    expect(await tree(work)).toEqual(before);

    // A link below the title that points beside it is refused the same way.
    await pushLayer('link-beside-title', gzipTar([{ path: 'docs/', type: '5' }, { path: 'docs/ci', type: '2', linkpath: '../.github' }]), unpack('docs'));
    const linked = await ocikit(['pull', `${registry.host}/hostile/artifacts:link-beside-title`, '-o', out]);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain('refusing entry "docs/ci": symlink to "../.github" has a target outside "docs"');
    expect(await tree(work)).toEqual(before);
  });

  test('the pull action refuses it too, with an error annotation and the workspace as it was', async () => {
    const { work, out } = await workspace();
    await pushLayer('beside-title-action', gzipTar([{ path: 'docs/readme.md', body: '# docs' }, { path: '.github/workflows/evil.yml', body: 'on: push' }]), unpack('docs'));
    const before = await tree(work);
    const result = await runAction('pull', { inputs: { reference: `${registry.host}/hostile/artifacts:beside-title-action`, path: out } });
    expect(result.code).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.value).toContain('refusing entry ".github/workflows/evil.yml": is outside "docs"');
    expect(await tree(work)).toEqual(before);
  });

  test('a truncated gzip layer (even just its magic bytes) is refused in ocikit\'s own words', async () => {
    const { out } = await workspace();
    for (const [tag, bytes] of [
      ['gzip-magic-only', Buffer.from([0x1f, 0x8b])],
      ['gzip-cut', gzipTar([{ path: 'site/index.html', body: 'x'.repeat(5000) }]).subarray(0, 40)],
    ] as const) {
      await pushLayer(tag, bytes, unpack('site'));
      const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:${tag}`, '-o', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error: the layer is a gzip stream that ends too soon (zlib: unexpected end of file)');
      expect(result.stderr).toContain('hint: the layer was cut short when it was pushed, or is corrupt; push it again');
      expect(await readdir(out)).toEqual(['mine.txt']);
    }
  });

  test('a small blob whose bytes do not match its digest: a clean refusal, no staging left behind, an error annotation in the action', async () => {
    const { out } = await workspace();
    // The manifest names one small blob; a proxy in front of the registry answers its GET with
    // another blob of the same size (a lying registry, or a corrupted store).
    const stored = memoryBlob(Buffer.from('the real bytes\n'));
    const claimed = memoryBlob(Buffer.from('other  bytes!!\n')).descriptor;
    expect(claimed.size).toBe(stored.bytes.length);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'hostile/artifacts' });
    try {
      await repo.pushBlob(stored.source);
    } finally {
      await repo.close();
    }
    await pushLayer('small-liar', Buffer.from('other  bytes!!\n'), { [Annotation.Title]: 'small.txt' }, MediaType.OctetStream);
    const proxy = await startFaultProxy(registry.url, [
      { match: { method: 'GET', path: new RegExp(`/blobs/${claimed.digest}$`) }, fault: { kind: 'rewrite', path: (path) => path.replace(claimed.digest, stored.descriptor.digest) } },
    ]);
    try {
      const result = await ocikit(['pull', `${proxy.host}/hostile/artifacts:small-liar`, '-o', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`blob ${claimed.digest} from ${proxy.host}/hostile/artifacts: content does not match its digest`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readdir(out)).toEqual(['mine.txt']);

      const action = await runAction('pull', { inputs: { reference: `${proxy.host}/hostile/artifacts:small-liar`, path: out } });
      expect(action.code).toBe(1);
      expect(action.commands.find((c) => c.command === 'error')?.value).toContain('content does not match its digest');
      expect(await readdir(out)).toEqual(['mine.txt']);
    } finally {
      await proxy.stop();
    }
  });

  test('a title with a line break is refused at pull (it would split the action\'s files output), and push refuses such a name', async () => {
    const { work, out } = await workspace();
    await pushLayer('title-newline', Buffer.from('x'), { [Annotation.Title]: 'a.txt\nforged.txt' }, MediaType.OctetStream);
    const pulled = await ocikit(['pull', `${registry.host}/hostile/artifacts:title-newline`, '-o', out]);
    expect(pulled.code).toBe(1);
    expect(pulled.stderr).toContain('refusing layer title "a.txt\\nforged.txt": it contains a control character');
    expect(await readdir(out)).toEqual(['mine.txt']);

    await writeFile(join(work, 'a.txt\nforged.txt'), 'x');
    const pushed = await ocikit(['push', `${registry.host}/hostile/artifacts:never`, 'a.txt\nforged.txt'], { cwd: work });
    expect(pushed.code).toBe(2);
    expect(pushed.stderr).toContain('would be titled "a.txt\\nforged.txt", which cannot be a file name in an artifact: it contains a control character');
  });
});

describe('a pull that fails while moving files into place', () => {
  test('puts back everything it moved: the output directory is exactly as it was', async () => {
    const { work, out } = await workspace();
    await writeFile(join(out, 'a.txt'), 'old a\n');
    await writeFile(join(out, 'z.txt'), 'old z\n');
    const repo = new RemoteRepository({ registry: registry.host, repository: 'hostile/artifacts' });
    const layers: Descriptor[] = [];
    try {
      for (const [title, body] of [['a.txt', 'new a\n'], ['b.txt', 'new b\n'], ['z.txt', 'new z\n']] as const) {
        const blob = memoryBlob(Buffer.from(body), MediaType.OctetStream);
        await repo.pushBlob(blob.source);
        layers.push({ ...blob.descriptor, annotations: { [Annotation.Title]: title } });
      }
      await repo.pushBlob(memoryBlob(Buffer.from('{}'), MediaType.Empty).source);
      const { data: _data, ...empty } = EMPTY_DESCRIPTOR;
      const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: 'application/vnd.test', config: empty, layers };
      const encoded = encodeManifest(manifest);
      await repo.pushManifest(describeManifest(manifest, encoded), encoded, 'three');
    } finally {
      await repo.close();
    }
    const before = await snapshot(out);
    // z.txt cannot be replaced (immutable: not even root may rename over it), so the
    // move fails after a.txt and b.txt are in place; both must be taken back.
    execFileSync('chattr', ['+i', join(out, 'z.txt')]);
    try {
      expect(execFileSync('lsattr', [join(out, 'z.txt')], { encoding: 'utf8' })).toMatch(/^\S*i/);
      const result = await ocikit(['pull', `${registry.host}/hostile/artifacts:three`, '-o', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/EPERM|operation not permitted/i);
    } finally {
      execFileSync('chattr', ['-i', join(out, 'z.txt')]);
    }
    expect(await snapshot(out)).toEqual(before);
    expect((await tree(work)).filter((path) => path.includes('.ocikit-'))).toEqual([]);
  });
});

/** Every file below `dir` with its content. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of await tree(dir)) {
    const info = await lstat(join(dir, path));
    files[path] = info.isDirectory() ? '<dir>' : await readFile(join(dir, path), 'utf8');
  }
  return files;
}
