// oras, the client ocikit's artifacts are modelled on, judges them: what ocikit
// pushes (files, a directory, standard input) `oras pull` writes back byte for byte,
// and what `oras push` writes ocikit pulls; indexes made by either are read by the
// other. On distribution (no referrers API), ggcr and olareg, and in OCI layouts.
// Where oras does something a user may not expect, a test pins it, marked as oras's.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Descriptor, ImageIndex, ImageManifest } from '@ocikit/core';
import { makeTree, snapshotTree } from '../harness/fixtures.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { run as runCommand } from '../harness/peers.js';
import { REGISTRY_KINDS, digestIn, ocikitAt, orasAt, sha256, useRegistryOf } from '../harness/oras-interop.js';
import { makeTempDir } from '../harness/temp.js';

const TITLE = 'org.opencontainers.image.title';
const EMPTY_CONFIG = 'application/vnd.oci.empty.v1+json';
const REPORT_TYPE = 'application/vnd.example.report+json';
/** The same command-line inputs for `oras push` and `ocikit push`: paths as users write them, and oras's annotation file. */
const ANNOTATED_INPUTS = ['./notes.txt', 'site/', `report.json:${REPORT_TYPE}`, '--annotation-file', 'annotations.json'];

/** A working directory of inputs: a file, an executable, a directory tree, a report, oras's annotation file. */
async function makeInputs(): Promise<string> {
  const work = makeTempDir('ocikit-oras-');
  await writeFile(join(work, 'notes.txt'), 'release notes\n');
  await writeFile(join(work, 'tool.sh'), '#!/bin/sh\necho tool\n');
  await chmod(join(work, 'tool.sh'), 0o755);
  await makeTree(work, 'site');
  await writeFile(join(work, 'report.json'), '{"findings":[]}\n');
  // A directory of several MiB: packed in several gzip blocks, deflated in parallel (compress/parallel-gzip.ts).
  await mkdir(join(work, 'bundle'));
  await writeFile(join(work, 'bundle', 'app.js'), 'export const line = "the same line, compressible";\n'.repeat(60_000));
  await writeFile(join(work, 'bundle', 'model.bin'), randomBytes(1_500_000));
  // oras keys an annotation file by each path as written on the command line
  // (`site/`, `./notes.txt`), not by the title, and a title given there renames the layer.
  await writeFile(
    join(work, 'annotations.json'),
    JSON.stringify({
      $manifest: { 'org.example.release': '1.2.3' },
      $config: { 'org.example.config': 'yes' },
      './notes.txt': { 'org.example.kind': 'notes' },
      'site/': { 'org.example.kind': 'site' },
      'report.json': { [TITLE]: 'findings.json', 'org.example.kind': 'report' },
    }),
  );
  return work;
}

function manifestOf(text: string): ImageManifest {
  return JSON.parse(text) as ImageManifest;
}

/** Annotations without the one that differs by the second a manifest was made. */
function withoutCreated(annotations: Record<string, string> | undefined): Record<string, string> {
  const { 'org.opencontainers.image.created': _created, ...rest } = annotations ?? {};
  return rest;
}

/** A descriptor's annotations with the digests of a packed directory left out (each tool packs its own tar). */
function layerAnnotations(layer: Descriptor): Record<string, string> {
  const { 'io.deis.oras.content.digest': _tar, ...rest } = layer.annotations ?? {};
  return rest;
}

describe.each(REGISTRY_KINDS)('oras and ocikit artifacts on %s', (kind) => {
  const registry = useRegistryOf(kind);
  let work: string;
  let run: ReturnType<typeof ocikitAt>;
  let orasRun: ReturnType<typeof orasAt>;

  beforeAll(async () => {
    work = await makeInputs();
    run = ocikitAt(work);
    orasRun = orasAt(work);
  });

  it('oras pulls what ocikit pushes: files, a directory, standard input; oras reads the manifest ocikit sent', async () => {
    const ref = `${registry.host}/oras/from-ocikit:v1`;
    const pushed = JSON.parse(await run(['push', ref, 'notes.txt', 'tool.sh', 'site', '-', '--json'], { input: 'from standard input\n' })) as { digest: string; size: number };

    // The exact bytes ocikit sent, as oras fetches and resolves them.
    const fetched = await orasRun(['manifest', 'fetch', '--plain-http', ref]);
    expect(sha256(fetched.stdout)).toBe(pushed.digest);
    expect(JSON.parse((await orasRun(['manifest', 'fetch', '--plain-http', '--descriptor', ref])).stdout)).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: pushed.digest,
      size: pushed.size,
    });
    expect((await orasRun(['resolve', '--plain-http', ref])).stdout.trim()).toBe(pushed.digest);

    const out = makeTempDir();
    const pull = await orasRun(['pull', '--plain-http', ref, '-o', out]);
    expect(pull.stdout).toContain(`Digest: ${pushed.digest}`);
    // oras writes standard input under the title ocikit gave it: "stdin".
    expect((await readdir(out)).sort()).toEqual(['notes.txt', 'site', 'stdin', 'tool.sh']);
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('release notes\n');
    expect(await readFile(join(out, 'stdin'), 'utf8')).toBe('from standard input\n');
    // oras's behaviour: a single file lands without its executable bit; ocikit's
    // io.ocikit.file.mode annotation (which `ocikit pull` honours) means nothing to it.
    const snapshot = await snapshotTree(out);
    expect(snapshot['tool.sh']).toBe(`- ${Buffer.from('#!/bin/sh\necho tool\n').toString('base64')}`);
  });

  it('oras (Go\'s compress/gzip) unpacks a directory ocikit gzipped in parallel blocks', async () => {
    const ref = `${registry.host}/oras/blocks:v1`;
    const pushed = JSON.parse(await run(['push', ref, 'bundle', '--json'])) as { layers: Array<{ size: number }> };
    // Several 1 MiB blocks of tar went into it (the tar is about 4.6 MB).
    expect(pushed.layers[0]!.size).toBeGreaterThan(1_500_000);
    const out = makeTempDir();
    await orasRun(['pull', '--plain-http', ref, '-o', out]);
    expect(await snapshotTree(join(out, 'bundle'))).toEqual(await snapshotTree(join(work, 'bundle')));
  });

  it('a directory pushed with --compression zstd: zstd and GNU tar read its blob, and oras 1.3 does not (it gunzips every directory)', async () => {
    const ref = `${registry.host}/oras/zstd:v1`;
    const pushed = JSON.parse(await run(['push', ref, 'bundle', '--compression', 'zstd', '--json'])) as { layers: Descriptor[] };
    const layer = pushed.layers[0]!;
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+zstd');
    const out = makeTempDir();
    const blob = `${registry.url}/v2/oras/zstd/blobs/${layer.digest}`;
    const unpacked = await runCommand('sh', ['-c', `curl -sf '${blob}' | zstd -dc | tar -xf - -C '${out}'`]);
    expect(unpacked.stderr).toBe('');
    expect(await snapshotTree(join(out, 'bundle'))).toEqual(await snapshotTree(join(work, 'bundle')));
    // oras's behaviour, what docs/interop.md tells users: it unpacks a directory layer as gzip whatever its media type.
    const oras = await orasRun(['pull', '--plain-http', ref, '-o', makeTempDir()], { allowFailure: true });
    expect(oras.code).not.toBe(0);
    expect(oras.stderr).toContain('gzip: invalid header');
  });

  it('oras pulls a --stdin-name title with a directory in it to that path', async () => {
    const ref = `${registry.host}/oras/stdin-name:v1`;
    const pushed = digestIn(await run(['push', ref, '-:text/plain', '--stdin-name', 'dist/checksums.txt'], { input: 'abc  app.tar\n' }));
    const out = makeTempDir();
    expect((await orasRun(['pull', '--plain-http', ref, '-o', out])).stdout).toContain(`Digest: ${pushed}`);
    expect(await snapshotTree(out)).toEqual({ 'dist/': 'dir', 'dist/checksums.txt': `- ${Buffer.from('abc  app.tar\n').toString('base64')}` });
  });

  it('ocikit pulls what oras pushes: files, `oras push site/`, a file with a media type, an annotation file', async () => {
    const ref = `${registry.host}/oras/from-oras:v1`;
    const pushed = JSON.parse((await orasRun(['push', '--plain-http', ref, ...ANNOTATED_INPUTS, '--format', 'json'])).stdout) as { digest: string };

    const out = makeTempDir();
    const pull = JSON.parse(await run(['pull', ref, '-o', out, '--json'])) as { digest: string };
    expect(pull.digest).toBe(pushed.digest);
    expect((await readdir(out)).sort()).toEqual(['findings.json', 'notes.txt', 'site']);
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('release notes\n');
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe('{"findings":[]}\n');

    const only = makeTempDir();
    await run(['pull', ref, '-o', only, '--media-type', REPORT_TYPE]);
    expect(await readdir(only)).toEqual(['findings.json']);

    // What oras wrote, as ocikit reads it (verified against the digest).
    const bytes = await run(['manifest', 'get', ref]);
    expect(sha256(bytes)).toBe(pushed.digest);
    const manifest = manifestOf(bytes);
    // oras's behaviour: `site/` is titled "site" (the slash dropped), but its entry in
    // the annotation file is "site/"; the layer is a tar+gzip with the unpack flag and
    // the digest of the tar inside, whose entries start with the title (the directory's
    // own entry written "site", without the slash tar writers usually add).
    const site = manifest.layers.find((l) => l.annotations?.[TITLE] === 'site')!;
    expect(site.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect(site.annotations).toMatchObject({ 'io.deis.oras.content.unpack': 'true', 'org.example.kind': 'site' });
    const tar = gunzipSync(await fetchBlob(registry.url, 'oras/from-oras', site.digest));
    expect(site.annotations!['io.deis.oras.content.digest']).toBe(sha256(tar));
    expect(tar.subarray(0, 100).toString('latin1').replace(/\0+$/, '')).toBe('site');
    // oras's behaviour: "./notes.txt" is titled "notes.txt" and keeps its "./notes.txt" entry.
    expect(manifest.layers.find((l) => l.annotations?.[TITLE] === 'notes.txt')!.annotations).toEqual({ [TITLE]: 'notes.txt', 'org.example.kind': 'notes' });
    // oras's behaviour: a title in the annotation file renames the layer.
    expect(manifest.layers.find((l) => l.mediaType === REPORT_TYPE)!.annotations).toEqual({ [TITLE]: 'findings.json', 'org.example.kind': 'report' });
    // oras's behaviour: the empty config carries its two bytes inline ("data": "e30=")
    // and the annotation file's $config annotations.
    expect(manifest.config).toEqual({ mediaType: EMPTY_CONFIG, digest: sha256('{}'), size: 2, annotations: { 'org.example.config': 'yes' }, data: 'e30=' });
    expect(withoutCreated(manifest.annotations)).toEqual({ 'org.example.release': '1.2.3' });
  });

  it('ocikit reads an annotation file as oras does: $manifest, $config, paths as written, a title that renames', async () => {
    const orasRef = `${registry.host}/oras/annotated:oras`;
    const ocikitRef = `${registry.host}/oras/annotated:ocikit`;
    await orasRun(['push', '--plain-http', orasRef, ...ANNOTATED_INPUTS]);
    await run(['push', ocikitRef, ...ANNOTATED_INPUTS]);
    const byOras = manifestOf((await orasRun(['manifest', 'fetch', '--plain-http', orasRef])).stdout);
    const byOcikit = manifestOf((await orasRun(['manifest', 'fetch', '--plain-http', ocikitRef])).stdout);
    expect(byOcikit.artifactType).toBe(byOras.artifactType);
    expect(withoutCreated(byOcikit.annotations)).toEqual(withoutCreated(byOras.annotations));
    expect(byOcikit.config.annotations).toEqual(byOras.config.annotations);
    expect(byOcikit.layers.map((l) => [l.mediaType, layerAnnotations(l)])).toEqual(byOras.layers.map((l) => [l.mediaType, layerAnnotations(l)]));
    // Files are the same blobs whoever pushes them.
    expect(byOcikit.layers.filter((l) => l.annotations?.[TITLE] !== 'site').map((l) => l.digest)).toEqual(
      byOras.layers.filter((l) => l.annotations?.[TITLE] !== 'site').map((l) => l.digest),
    );
    // And either pull gives the same tree.
    const [fromOras, fromOcikit] = [makeTempDir(), makeTempDir()];
    await orasRun(['pull', '--plain-http', ocikitRef, '-o', fromOcikit]);
    await run(['pull', orasRef, '-o', fromOras]);
    expect(await snapshotTree(fromOcikit)).toEqual(await snapshotTree(fromOras));
  });

  it('ocikit renames a directory by an annotation-file title inside its tar, as oras does', async () => {
    const dir = makeTempDir();
    await makeTree(dir, 'build');
    await writeFile(join(dir, 'rename.json'), JSON.stringify({ 'build/': { [TITLE]: 'public/www' } }));
    const ref = `${registry.host}/oras/renamed:v1`;
    await ocikitAt(dir)(['push', ref, 'build/', '--annotation-file', 'rename.json']);
    const out = makeTempDir();
    await orasRun(['pull', '--plain-http', ref, '-o', out]);
    expect(await snapshotTree(join(out, 'public', 'www'))).toEqual(await snapshotTree(join(dir, 'build')));
    expect(await readdir(out)).toEqual(['public']);
  });
});

async function fetchBlob(url: string, repository: string, digest: string): Promise<Buffer> {
  const response = await fetch(`${url}/v2/${repository}/blobs/${digest}`);
  if (response.status !== 200) throw new Error(`GET blob ${digest}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(sha256(bytes)).toBe(digest);
  return bytes;
}

describe('oras and ocikit artifacts in OCI layouts', () => {
  let work: string;
  let run: ReturnType<typeof ocikitAt>;
  let orasRun: ReturnType<typeof orasAt>;

  beforeAll(async () => {
    work = await makeInputs();
    run = ocikitAt(work);
    orasRun = orasAt(work);
  });

  it('oras pulls what ocikit pushed into a layout', async () => {
    const layout = join(makeTempDir(), 'by-ocikit');
    const pushed = digestIn(await run(['push', `oci-layout:${layout}:v1`, 'notes.txt', 'site', '-'], { input: 'piped\n' }));
    const fetched = await orasRun(['manifest', 'fetch', '--oci-layout', `${layout}:v1`]);
    expect(sha256(fetched.stdout)).toBe(pushed);
    const out = makeTempDir();
    expect((await orasRun(['pull', '--oci-layout', `${layout}:v1`, '-o', out])).stdout).toContain(`Digest: ${pushed}`);
    expect((await readdir(out)).sort()).toEqual(['notes.txt', 'site', 'stdin']);
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
    expect(await readFile(join(out, 'stdin'), 'utf8')).toBe('piped\n');
  });

  it('ocikit pulls what oras pushed into a layout', async () => {
    const layout = join(makeTempDir(), 'by-oras');
    const pushed = JSON.parse((await orasRun(['push', '--oci-layout', `${layout}:v1`, ...ANNOTATED_INPUTS, '--format', 'json'])).stdout) as { digest: string };
    const out = makeTempDir();
    expect(digestIn(await run(['pull', `oci-layout:${layout}:v1`, '-o', out]))).toBe(pushed.digest);
    expect((await readdir(out)).sort()).toEqual(['findings.json', 'notes.txt', 'site']);
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
    expect(await readFile(join(out, 'findings.json'), 'utf8')).toBe('{"findings":[]}\n');
  });
  it('a file whose name has a colon, written `name:` as oras writes it, gets the same title from both', async () => {
    await writeFile(join(work, 'hi:txt'), 'colon\n');
    const layout = join(makeTempDir(), 'colons');
    await orasRun(['push', '--oci-layout', `${layout}:oras`, 'hi:txt:']);
    await run(['push', `oci-layout:${layout}:ocikit`, 'hi:txt:']);
    const layers = async (tag: string): Promise<Descriptor[]> => manifestOf((await orasRun(['manifest', 'fetch', '--oci-layout', `${layout}:${tag}`])).stdout).layers;
    expect(await layers('ocikit')).toEqual(await layers('oras'));
    expect((await layers('oras'))[0]!.annotations).toEqual({ [TITLE]: 'hi:txt' });
    const out = makeTempDir();
    await run(['pull', `oci-layout:${layout}:oras`, '-o', out]);
    expect(await readFile(join(out, 'hi:txt'), 'utf8')).toBe('colon\n');
  });

  it('ocikit refuses an annotation-file title that would land outside the pull directory, before pushing anything', async () => {
    await writeFile(join(work, 'escape.json'), JSON.stringify({ 'notes.txt': { [TITLE]: '../escape.txt' } }));
    const layout = join(makeTempDir(), 'refused');
    const result = await ocikit(['push', `oci-layout:${layout}:v1`, 'notes.txt', '--annotation-file', 'escape.json'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the annotation file titles notes.txt "../escape.txt", which cannot be a file name in an artifact: it contains ".."');
    expect((JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as ImageIndex).manifests).toEqual([]);
  });
});

// --- Multi-platform indexes ------------------------------------------------------

const PLATFORMS = [
  { platform: 'linux/amd64', tag: 'linux-amd64', file: 'amd64.bin' },
  { platform: 'linux/arm64', tag: 'linux-arm64', file: 'arm64.bin' },
  { platform: 'linux/arm/v7', tag: 'linux-arm-v7', file: 'armv7.bin' },
] as const;

function platformsOf(index: ImageIndex): string[] {
  return index.manifests.map((d) => [d.platform!.os, d.platform!.architecture, d.platform!.variant].filter(Boolean).join('/'));
}

describe.each(REGISTRY_KINDS)('oras and ocikit multi-platform indexes on %s', (kind) => {
  const registry = useRegistryOf(kind);
  const repo = (): string => `${registry.host}/oras/multi`;
  let work: string;
  let run: ReturnType<typeof ocikitAt>;
  let orasRun: ReturnType<typeof orasAt>;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    work = makeTempDir('ocikit-oras-index-');
    run = ocikitAt(work);
    orasRun = orasAt(work);
    for (const { platform, tag, file } of PLATFORMS) {
      await writeFile(join(work, file), `built for ${platform}\n`);
      digests[tag] = digestIn(await run(['push', `${repo()}:${tag}`, file, '--platform', platform]));
    }
  }, 60_000);

  it('ocikit reads, extends and trims an index `oras manifest index create` made of its platform artifacts', async () => {
    const created = await orasRun(['manifest', 'index', 'create', '--plain-http', `${repo()}:by-oras`, 'linux-amd64', 'linux-arm64']);
    const indexDigest = digestIn(created.stdout);
    // oras read each platform from the image config ocikit wrote for --platform.
    const index = JSON.parse((await orasRun(['manifest', 'fetch', '--plain-http', `${repo()}:by-oras`])).stdout) as ImageIndex;
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);

    const out = makeTempDir();
    const pulled = await run(['pull', `${repo()}:by-oras`, '--platform', 'linux/arm64', '-o', out]);
    expect(pulled).toContain(`Platform: linux/arm64 (from index ${indexDigest})`);
    expect(digestIn(pulled)).toBe(digests['linux-arm64']);
    expect(await readdir(out)).toEqual(['arm64.bin']);
    expect(await readFile(join(out, 'arm64.bin'), 'utf8')).toBe('built for linux/arm64\n');

    await run(['index', 'add', `${repo()}:by-oras`, ':linux-arm-v7']);
    await run(['index', 'remove', `${repo()}:by-oras`, 'linux/amd64']);
    const updated = JSON.parse((await orasRun(['manifest', 'fetch', '--plain-http', `${repo()}:by-oras`])).stdout) as ImageIndex;
    expect(platformsOf(updated)).toEqual(['linux/arm64', 'linux/arm/v7']);
    expect(updated.manifests.map((d) => d.digest)).toEqual([digests['linux-arm64'], digests['linux-arm-v7']]);
    // The entries ocikit adds look like the ones oras made: artifactType included.
    expect(updated.manifests[1]).toEqual({ ...index.manifests[1], digest: digests['linux-arm-v7'], platform: { architecture: 'arm', os: 'linux', variant: 'v7' } });

    const armOut = makeTempDir();
    await orasRun(['pull', '--plain-http', `${repo()}:by-oras`, '--platform', 'linux/arm/v7', '-o', armOut]);
    expect(await readdir(armOut)).toEqual(['armv7.bin']);
  });

  it('oras reads the index `ocikit index create` made: the same bytes oras makes of the same sources', async () => {
    const sources = PLATFORMS.map((p) => p.tag);
    const byOcikit = digestIn(await run(['index', 'create', `${repo()}:by-ocikit`, ...sources.map((tag) => `:${tag}`)]));
    const fetched = await orasRun(['manifest', 'fetch', '--plain-http', `${repo()}:by-ocikit`]);
    expect(sha256(fetched.stdout)).toBe(byOcikit);
    expect(platformsOf(JSON.parse(fetched.stdout) as ImageIndex)).toEqual(PLATFORMS.map((p) => p.platform));
    // Without SOURCE_DATE_EPOCH ocikit's index carries no time: it is byte for byte oras's.
    const byOras = digestIn((await orasRun(['manifest', 'index', 'create', '--plain-http', `${repo()}:same`, ...sources])).stdout);
    expect(byOras).toBe(byOcikit);

    for (const { platform, file } of PLATFORMS) {
      const out = makeTempDir();
      await orasRun(['pull', '--plain-http', `${repo()}:by-ocikit`, '--platform', platform, '-o', out]);
      expect(await readdir(out)).toEqual([file]);
      expect(await readFile(join(out, file), 'utf8')).toBe(`built for ${platform}\n`);
    }
    // oras's behaviour: `oras pull` of an index without --platform writes the
    // files of every platform's manifest into one directory.
    const all = makeTempDir();
    await orasRun(['pull', '--plain-http', `${repo()}:by-ocikit`, '-o', all]);
    expect((await readdir(all)).sort()).toEqual(PLATFORMS.map((p) => p.file).sort());
  });
});

describe('oras and ocikit multi-platform indexes in an OCI layout', () => {
  it('each reads the index the other made of the same platform artifacts', async () => {
    const work = makeTempDir('ocikit-oras-layout-index-');
    const run = ocikitAt(work);
    const orasRun = orasAt(work);
    const layout = join(work, 'layout');
    await mkdir(layout);
    for (const { platform, tag, file } of PLATFORMS) {
      await writeFile(join(work, file), `built for ${platform}\n`);
      await run(['push', `oci-layout:${layout}:${tag}`, file, '--platform', platform]);
    }
    const byOras = digestIn((await orasRun(['manifest', 'index', 'create', '--oci-layout', `${layout}:by-oras`, 'linux-amd64', 'linux-arm-v7'])).stdout);
    const out = makeTempDir();
    const pulled = await run(['pull', `oci-layout:${layout}:by-oras`, '--platform', 'linux/arm/v7', '-o', out]);
    expect(pulled).toContain(`(from index ${byOras})`);
    expect(await readdir(out)).toEqual(['armv7.bin']);
    await run(['index', 'add', `oci-layout:${layout}:by-oras`, ':linux-arm64']);
    const updated = JSON.parse((await orasRun(['manifest', 'fetch', '--oci-layout', `${layout}:by-oras`])).stdout) as ImageIndex;
    expect(platformsOf(updated)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);

    const byOcikit = digestIn(await run(['index', 'create', `oci-layout:${layout}:by-ocikit`, ':linux-amd64', ':linux-arm64']));
    expect(sha256((await orasRun(['manifest', 'fetch', '--oci-layout', `${layout}:by-ocikit`])).stdout)).toBe(byOcikit);
    const armOut = makeTempDir();
    await orasRun(['pull', '--oci-layout', `${layout}:by-ocikit`, '--platform', 'linux/arm64', '-o', armOut]);
    expect(await readFile(join(armOut, 'arm64.bin'), 'utf8')).toBe('built for linux/arm64\n');
  });
});
