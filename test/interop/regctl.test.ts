// The regctl row of the interop matrix, judged by regctl itself (regclient v0.11.7,
// the pinned peer), both directions, on distribution (no referrers API: the
// `sha256-<hex>` tag schema) and on the two registries with the API, and through
// OCI layouts (regctl's `ocidir://`):
//   - referrers: `regctl artifact put --subject` (nested) found by `ocikit discover`
//     and pulled by `ocikit pull`; ocikit's referrers (several, nested) listed by
//     `regctl artifact tree`/`list` and fetched by `regctl artifact get`;
//   - zstd: `regctl image mod --layer-compress zstd` images (OCI and Docker) read by
//     `ocikit manifest get`, `copy`, `index create`, `recompress`; `ocikit recompress`
//     images read by `regctl manifest get`, `blob get`, `image get-file`, `image copy`.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zstdDecompressSync } from 'node:zlib';
import { type ImageIndex, type ImageManifest, MediaType, OciLayoutStore, type Platform, RemoteRepository } from '@ocikit/core';
import { type BuiltImage, buildImage, buildIndex, pushImage, pushIndex, sampleContent } from '../harness/images.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { PEERS_BIN, oras, peerEnv, regctl } from '../harness/peer-tools.js';
import { sarif, spdx, writeJson } from '../harness/referrer-documents.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const DOCKER_LAYER_ZSTD = 'application/vnd.docker.image.rootfs.diff.tar.zstd';

const work = makeTempDir('ocikit-regctl-interop-');
const DATA = { amd64: sampleContent(96 * 1024, 'amd64'), arm64: sampleContent(96 * 1024, 'arm64') };

/** Two layers, the second deleting a file of the first; Docker schema 2 types when `docker`. */
async function appImage(platform: Platform, data: Buffer, docker = false): Promise<BuiltImage> {
  return buildImage(work, {
    platform,
    docker,
    layers: [
      { files: { 'etc/os-release': `ID=ocikit-${platform.architecture}\n`, 'usr/bin/app': 'x:#!/bin/sh\necho app\n', 'tmp/scratch': 'gone later\n' } },
      { files: { 'usr/share/app/data.txt': data }, deletes: ['tmp/scratch'] },
    ],
  });
}

let images: { amd64: BuiltImage; arm64: BuiltImage; docker: BuiltImage };
beforeAll(async () => {
  images = { amd64: await appImage(AMD64, DATA.amd64), arm64: await appImage(ARM64, DATA.arm64), docker: await appImage(AMD64, DATA.amd64, true) };
});

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function cli(args: string[], options?: Parameters<typeof ocikit>[1]): Promise<string> {
  const result = await ocikit(args, options);
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited with ${result.code}\n${result.stderr}`);
  return result.stdout;
}

async function pushTo(host: string, repository: string, image: BuiltImage, tag: string): Promise<void> {
  const repo = new RemoteRepository({ registry: host, repository });
  try {
    await pushImage(repo, image, tag);
  } finally {
    await repo.close();
  }
}

/** A referrers graph as both tools can be made to print it: digest, artifact type, and theirs. */
interface Node {
  digest: string;
  artifactType: string | undefined;
  referrers: Node[];
}

function sortNodes(nodes: Node[]): Node[] {
  return nodes.map((n) => ({ ...n, referrers: sortNodes(n.referrers) })).sort((a, b) => a.digest.localeCompare(b.digest));
}

/** regctl's stdout as bytes (the peer runner decodes text): for blobs. */
function regctlBytes(args: string[]): Buffer {
  return execFileSync(join(PEERS_BIN, 'regctl'), args, { env: peerEnv(makeTempDir()), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

type Regctl = (args: string[], options?: { allowFailure?: boolean; cwd?: string }) => Promise<{ code: number; stdout: string; stderr: string }>;

/** `regctl image get-file` into a file: the bytes of one file of an image, as regctl finds it through the layers. */
async function getFile(reg: Regctl, reference: string, path: string, platform?: string): Promise<Buffer> {
  const out = join(makeTempDir(), 'file');
  await reg(['image', 'get-file', reference, path, out, ...(platform ? ['--platform', platform] : [])]);
  return readFile(out);
}

interface DiscoverJson {
  digest: string;
  artifactType?: string;
  referrers: DiscoverJson[];
}

async function discovered(reference: string): Promise<Node[]> {
  const toNode = (r: DiscoverJson): Node => ({ digest: r.digest, artifactType: r.artifactType, referrers: r.referrers.map(toNode) });
  return sortNodes((JSON.parse(await cli(['discover', reference, '-o', 'json'])) as DiscoverJson).referrers.map(toNode));
}

interface RegctlTree {
  reference: { Digest: string };
  manifest: { artifactType?: string };
  referrer?: RegctlTree[];
}

describe.each(['distribution', 'ggcr', 'olareg'] as const)('regctl and ocikit on %s', (kind) => {
  const registry = kind === 'distribution' ? useRegistry() : useApiRegistry(kind);
  /** regctl speaking plain HTTP to this registry, its output as printed. */
  const reg: Regctl = async (args, options = {}) =>
    regctl(['--host', `reg=${registry.host},tls=disabled`, ...args], options);
  const regOut = async (args: string[], cwd?: string): Promise<string> => (await reg(args, cwd ? { cwd } : {})).stdout;
  const tree = async (reference: string): Promise<Node[]> => {
    const toNode = (t: RegctlTree): Node => ({ digest: t.reference.Digest, artifactType: t.manifest.artifactType, referrers: (t.referrer ?? []).map(toNode) });
    return sortNodes((JSON.parse(await regOut(['artifact', 'tree', reference, '--format', '{{json .}}'])) as RegctlTree).referrer?.map(toNode) ?? []);
  };
  /** The referrers of `subject` with this artifact type, as `regctl artifact list --filter-artifact-type` gives them. */
  const filtered = async (subject: string, artifactType: string): Promise<string[]> => {
    const list = JSON.parse(await regOut(['artifact', 'list', subject, '--filter-artifact-type', artifactType, '--format', '{{json .}}'])) as { descriptors: Array<{ digest: string }> };
    return list.descriptors.map((d) => d.digest);
  };
  /** `regctl artifact put --subject`: the new referrer's digest. */
  const put = async (subject: string, artifactType: string, file: string, cwd: string, extra: string[] = []): Promise<string> =>
    (await regOut(['artifact', 'put', '--subject', subject, '--artifact-type', artifactType, '--file-title', '-f', file, '-m', 'text/plain', ...extra, '--format', '{{ .Manifest.GetDescriptor.Digest }}'], cwd)).trim();

  it('ocikit discovers, pulls and copies the referrers regctl artifact put attaches, nested', async () => {
    const h = registry.host;
    await pushTo(h, 'regctl-ref/app', images.amd64, 'v1');
    const dir = makeTempDir();
    await writeFile(join(dir, 'note.txt'), 'a note from regctl\n');
    await writeFile(join(dir, 'review.txt'), 'reviewed: ok\n');
    const note = await put(`${h}/regctl-ref/app:v1`, 'application/vnd.example.note', 'note.txt', dir, ['--annotation', 'org.example.kind=note']);
    const review = await put(`${h}/regctl-ref/app@${note}`, 'application/vnd.example.review', 'review.txt', dir);

    const expected: Node[] = [{ digest: note, artifactType: 'application/vnd.example.note', referrers: [{ digest: review, artifactType: 'application/vnd.example.review', referrers: [] }] }];
    expect(await discovered(`${h}/regctl-ref/app:v1`)).toEqual(expected);

    const out = makeTempDir();
    await cli(['pull', `${h}/regctl-ref/app:v1`, '--artifact-type', 'application/vnd.example.note', '-o', out]);
    expect(await readFile(join(out, 'note.txt'), 'utf8')).toBe('a note from regctl\n');
    await cli(['pull', `${h}/regctl-ref/app@${review}`, '-o', out]);
    expect(await readFile(join(out, 'review.txt'), 'utf8')).toBe('reviewed: ok\n');

    // ocikit copies the graph and lists it at the destination its way; regctl finds it there.
    await cli(['copy', '--referrers', `${h}/regctl-ref/app:v1`, `${h}/regctl-ref-copy/app:v1`]);
    expect(await tree(`${h}/regctl-ref-copy/app:v1`)).toEqual(expected);
  });

  it('regctl artifact tree and list show the referrers ocikit attaches, nested; regctl artifact get fetches them', async () => {
    const h = registry.host;
    await pushTo(h, 'ocikit-ref/app', images.amd64, 'v1');
    const dir = makeTempDir();
    const sbomFile = await writeJson(dir, 'sbom.spdx.json', spdx('app'));
    const reportFile = await writeJson(dir, 'report.sarif', sarif());
    const reviewFile = await writeJson(dir, 'review.sarif', sarif());
    const attach = async (subject: string, file: string): Promise<string> => (JSON.parse(await cli(['attach', subject, file, '--json'])) as { digest: string }).digest;
    const sbom = await attach(`${h}/ocikit-ref/app:v1`, sbomFile);
    const report = await attach(`${h}/ocikit-ref/app:v1`, reportFile);
    const nested = await attach(`${h}/ocikit-ref/app@${sbom}`, reviewFile);

    const expected = sortNodes([
      { digest: sbom, artifactType: 'application/spdx+json', referrers: [{ digest: nested, artifactType: 'application/sarif+json', referrers: [] }] },
      { digest: report, artifactType: 'application/sarif+json', referrers: [] },
    ]);
    expect(await tree(`${h}/ocikit-ref/app:v1`)).toEqual(expected);
    expect(await discovered(`${h}/ocikit-ref/app:v1`)).toEqual(expected);
    // Surprise (ggcr): go-containerregistry's registry lists each referrer with the config's media
    // type as its artifactType (pkg/registry/manifest.go), not the manifest's artifactType; regctl
    // filters on what the list says, so its artifact-type filter finds nothing there. ocikit reads
    // the types right on every registry (the tree above, and the filter below).
    expect(await filtered(`${h}/ocikit-ref/app:v1`, 'application/spdx+json')).toEqual(kind === 'ggcr' ? [] : [sbom]);
    const onlySbom = JSON.parse(await cli(['discover', `${h}/ocikit-ref/app:v1`, '--artifact-type', 'application/spdx+json', '--depth', '1', '-o', 'json'])) as DiscoverJson;
    expect(onlySbom.referrers.map((r) => r.digest)).toEqual([sbom]);
    expect(await regOut(['artifact', 'get', `${h}/ocikit-ref/app@${sbom}`])).toBe(await readFile(sbomFile, 'utf8'));
  });

  it('ocikit reads the images regctl image mod --layer-compress zstd writes', async () => {
    const h = registry.host;
    await pushTo(h, 'regctl-zstd/app', images.arm64, 'v1');
    await reg(['image', 'mod', `${h}/regctl-zstd/app:v1`, '--layer-compress', 'zstd', '--create', 'zstd']);
    const regctlManifest = await regOut(['manifest', 'get', `${h}/regctl-zstd/app:zstd`, '--format', 'raw-body']);
    const manifest = JSON.parse(regctlManifest) as ImageManifest;
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerZstd, MediaType.LayerZstd]);
    expect(await cli(['manifest', 'get', `${h}/regctl-zstd/app:zstd`])).toBe(regctlManifest);
    const digest = sha256(Buffer.from(regctlManifest));

    // copy verifies every blob on the way; the layout's zstd blobs hold the tars the config names.
    const layoutDir = join(makeTempDir(), 'layout');
    await cli(['copy', `${h}/regctl-zstd/app:zstd`, `oci-layout:${layoutDir}:zstd`]);
    const layout = await OciLayoutStore.open(layoutDir);
    expect((await layout.resolve('zstd')).digest).toBe(digest);
    const config = JSON.parse(await readFile(join(layoutDir, 'blobs', 'sha256', manifest.config.digest.slice(7)), 'utf8')) as { rootfs: { diff_ids: string[] } };
    for (const [i, layer] of manifest.layers.entries()) {
      const tar = zstdDecompressSync(await readFile(join(layoutDir, 'blobs', 'sha256', layer.digest.slice(7))));
      expect(sha256(tar)).toBe(config.rootfs.diff_ids[i]);
      expect(sha256(tar)).toBe(images.arm64.layers[i]!.diffId);
    }

    // The platform comes from regctl's config; a zstd image has nothing to recompress.
    await cli(['index', 'create', `${h}/regctl-zstd/app:index`, `${h}/regctl-zstd/app:zstd`]);
    const index = JSON.parse(await regOut(['manifest', 'get', `${h}/regctl-zstd/app:index`, '--format', 'raw-body'])) as ImageIndex;
    expect(index.manifests.map((m) => [m.digest, m.platform])).toEqual([[digest, ARM64]]);
    const again = await ocikit(['recompress', `${h}/regctl-zstd/app:zstd`]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to recompress');
  });

  it('ocikit recompress maps the Docker zstd layers regctl writes to OCI types when it makes a Docker image OCI', async () => {
    const h = registry.host;
    await pushTo(h, 'docker-zstd/app', images.docker, 'v1');
    // regctl keeps the Docker manifest and gives the zstd layers a Docker media type of its own.
    await reg(['image', 'mod', `${h}/docker-zstd/app:v1`, '--layer-compress', 'zstd', '--create', 'zstd']);
    const zstd = JSON.parse(await regOut(['manifest', 'get', `${h}/docker-zstd/app:zstd`, '--format', 'raw-body'])) as ImageManifest;
    expect(zstd.mediaType).toBe(MediaType.DockerManifest);
    expect(zstd.layers.map((l) => l.mediaType)).toEqual([DOCKER_LAYER_ZSTD, DOCKER_LAYER_ZSTD]);
    // A gzip layer on top: an image ocikit has something to recompress in.
    const extra = join(makeTempDir(), 'extra');
    await mkdir(join(extra, 'opt'), { recursive: true });
    await writeFile(join(extra, 'opt', 'added.txt'), 'added by regctl\n');
    const extraTar = join(makeTempDir(), 'extra.tar');
    execFileSync('tar', ['-C', extra, '-cf', extraTar, 'opt']);
    await reg(['image', 'mod', `${h}/docker-zstd/app:zstd`, '--layer-add', `tar=${extraTar}`, '--create', 'mixed']);
    const mixed = JSON.parse(await regOut(['manifest', 'get', `${h}/docker-zstd/app:mixed`, '--format', 'raw-body'])) as ImageManifest;
    expect(mixed.layers.map((l) => l.mediaType)).toEqual([DOCKER_LAYER_ZSTD, DOCKER_LAYER_ZSTD, MediaType.DockerLayerGzip]);

    await cli(['recompress', `${h}/docker-zstd/app:mixed`, `${h}/docker-zstd/app:oci`]);
    const oci = JSON.parse(await regOut(['manifest', 'get', `${h}/docker-zstd/app:oci`, '--format', 'raw-body'])) as ImageManifest;
    expect(oci.mediaType).toBe(MediaType.ImageManifest);
    expect(oci.config.mediaType).toBe(MediaType.ImageConfig);
    // An OCI manifest carries OCI types only: the Docker zstd layers are kept, typed as OCI zstd.
    expect(oci.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerZstd, MediaType.LayerZstd, MediaType.LayerZstd]);
    expect(oci.layers.slice(0, 2).map((l) => l.digest)).toEqual(mixed.layers.slice(0, 2).map((l) => l.digest));
    expect((await getFile(reg, `${h}/docker-zstd/app:oci`, 'opt/added.txt')).toString()).toBe('added by regctl\n');
    expect(await getFile(reg, `${h}/docker-zstd/app:oci`, 'usr/share/app/data.txt')).toEqual(DATA.amd64);
  });

  it('regctl reads what ocikit recompress writes: manifests, blobs (digests and tars), files, a copy into ocidir', async () => {
    const h = registry.host;
    const repo = new RemoteRepository({ registry: h, repository: 'gzip/app' });
    try {
      await pushIndex(repo, buildIndex([images.amd64, images.arm64], []), 'v1');
    } finally {
      await repo.close();
    }
    await cli(['recompress', `${h}/gzip/app:v1`, `${h}/ocikit-zstd/app:v1`]);
    const ref = `${h}/ocikit-zstd/app:v1`;
    expect(await regOut(['manifest', 'get', ref, '--format', 'raw-body'])).toBe(await cli(['manifest', 'get', ref]));
    const arm = JSON.parse(await regOut(['manifest', 'get', ref, '--platform', 'linux/arm64/v8', '--format', 'raw-body'])) as ImageManifest;
    expect(arm.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerZstd, MediaType.LayerZstd]);

    // Each blob as regctl fetches it: the digest the manifest names, a zstd stream of the very tar.
    for (const [i, layer] of arm.layers.entries()) {
      const blob = regctlBytes(['--host', `reg=${h},tls=disabled`, 'blob', 'get', `${h}/ocikit-zstd/app`, layer.digest]);
      expect(sha256(blob)).toBe(layer.digest);
      expect(sha256(zstdDecompressSync(blob))).toBe(images.arm64.layers[i]!.diffId);
    }
    expect(await getFile(reg, ref, 'usr/share/app/data.txt', 'linux/arm64/v8')).toEqual(DATA.arm64);
    expect(await getFile(reg, ref, 'usr/share/app/data.txt', 'linux/amd64')).toEqual(DATA.amd64);
    // Surprise: regctl's get-file does not see a whiteout whose tar entry starts with `./`
    // (`./tmp/.wh.scratch`, as `tar -C dir .` writes it; a crane-built layer without the
    // prefix does hide the file), so it finds the first layer's deleted file. crane export
    // and containerd apply it. The zstd image shows regctl exactly what the gzip one does.
    expect((await getFile(reg, ref, 'tmp/scratch', 'linux/amd64')).toString()).toBe('gone later\n');
    expect((await getFile(reg, `${h}/gzip/app:v1`, 'tmp/scratch', 'linux/amd64')).toString()).toBe('gone later\n');

    // regctl copies ocikit's zstd index into a layout (checking digests) and reads files there.
    const copied = join(makeTempDir(), 'ocidir');
    await reg(['image', 'copy', ref, `ocidir://${copied}:v1`]);
    expect(await getFile(reg, `ocidir://${copied}:v1`, 'usr/share/app/data.txt', 'linux/arm64/v8')).toEqual(DATA.arm64);
  });
});

describe('regctl and ocikit in OCI layouts (ocidir://)', () => {
  it('ocikit discovers the referrers regctl puts into a layout (its sha256-<hex> tag index), and regctl reads ocikit zstd layouts', async () => {
    const layoutDir = join(makeTempDir(), 'layout');
    const store = await OciLayoutStore.open(layoutDir, { create: true });
    await pushIndex(store, buildIndex([images.amd64, images.arm64], []), 'v1');
    const dir = makeTempDir();
    await writeFile(join(dir, 'note.txt'), 'a note in a layout\n');
    await regctl(['artifact', 'put', '--subject', `ocidir://${layoutDir}:v1`, '--artifact-type', 'application/vnd.example.note', '--file-title', '-f', 'note.txt', '-m', 'text/plain'], { cwd: dir });
    const referrers = await discovered(`oci-layout:${layoutDir}:v1`);
    expect(referrers.map((r) => r.artifactType)).toEqual(['application/vnd.example.note']);
    const out = makeTempDir();
    await cli(['pull', `oci-layout:${layoutDir}@${referrers[0]!.digest}`, '-o', out]);
    expect(await readFile(join(out, 'note.txt'), 'utf8')).toBe('a note in a layout\n');

    // ocikit recompress into a layout; regctl reads the zstd files from it.
    const zstdDir = join(makeTempDir(), 'zstd');
    await cli(['recompress', `oci-layout:${layoutDir}:v1`, `oci-layout:${zstdDir}:v1`]);
    expect(await getFile((args, options) => regctl(args, options), `ocidir://${zstdDir}:v1`, 'usr/share/app/data.txt', 'linux/arm64/v8')).toEqual(DATA.arm64);
  });

  it('regctl image mod --layer-compress zstd rewrites the file layers of an artifact too: oras unpacks nothing, ocikit the directory', async () => {
    // Surprise: regctl takes every layer typed as an image layer for a tar, and artifacts
    // type files so (`application/vnd.oci.image.layer.v1.tar`, oras's default, ocikit's
    // too): it zstd-compresses the file's own bytes and the directory's tar alike, keeping
    // oras's unpack annotations. oras then fails to unpack the directory (it gunzips it).
    // ocikit unpacks the tar+zstd directory (as it does its own `--compression zstd`), and
    // writes the file layer as what it is, a blob: regctl's zstd frame, not the notes.
    const dir = makeTempDir();
    await mkdir(join(dir, 'site', 'css'), { recursive: true });
    await writeFile(join(dir, 'site', 'index.html'), '<h1>site</h1>\n');
    await writeFile(join(dir, 'site', 'css', 'a.css'), 'h1 {}\n');
    await writeFile(join(dir, 'notes.txt'), 'release notes\n');
    const layoutDir = join(makeTempDir(), 'layout');
    await cli(['push', `oci-layout:${layoutDir}:v1`, 'site', 'notes.txt'], { cwd: dir });
    await regctl(['image', 'mod', `ocidir://${layoutDir}:v1`, '--layer-compress', 'zstd', '--create', 'zstd']);
    const before = JSON.parse(await cli(['manifest', 'get', `oci-layout:${layoutDir}:v1`])) as ImageManifest;
    const after = JSON.parse(await cli(['manifest', 'get', `oci-layout:${layoutDir}:zstd`])) as ImageManifest;
    expect(before.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerGzip, MediaType.Layer]);
    expect(after.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerZstd, MediaType.LayerZstd]);
    expect(after.layers.map((l) => l.annotations)).toEqual(before.layers.map((l) => l.annotations));
    const notes = after.layers[1]!;
    expect(zstdDecompressSync(await readFile(join(layoutDir, 'blobs', 'sha256', notes.digest.slice(7)))).toString()).toBe('release notes\n');

    const byOras = await oras(['pull', '--oci-layout', `${layoutDir}:zstd`, '-o', makeTempDir()], { allowFailure: true });
    expect(byOras.code).not.toBe(0);
    expect(byOras.stderr).toContain('gzip: invalid header');
    const out = makeTempDir();
    const byOcikit = await ocikit(['pull', `oci-layout:${layoutDir}:zstd`, '-o', out]);
    expect(byOcikit.code).toBe(0);
    expect(await readFile(join(out, 'site', 'css', 'a.css'), 'utf8')).toBe('h1 {}\n');
    expect(await readFile(join(out, 'notes.txt'))).toEqual(await readFile(join(layoutDir, 'blobs', 'sha256', notes.digest.slice(7))));
  });

  it('regctl lists layout referrers only through the sha256-<hex> tag: those oras lists in index.json it does not see', async () => {
    // Surprise: two conventions for referrers in a layout. regctl's ocidir writes and reads
    // the tag schema (a `sha256-<hex>` index tagged in index.json); oras (and ocikit, which
    // follows it) list the referrer manifest itself in index.json. regctl does not look there.
    const dir = makeTempDir();
    const layoutDir = join(dir, 'layout');
    await writeFile(join(dir, 'app.txt'), 'app\n');
    await writeFile(join(dir, 'note.txt'), 'note\n');
    await oras(['push', '--oci-layout', `${layoutDir}:v1`, 'app.txt'], { cwd: dir });
    await oras(['attach', '--oci-layout', `${layoutDir}:v1`, '--artifact-type', 'application/vnd.example.oras-note', 'note.txt'], { cwd: dir });
    const index = JSON.parse(await readFile(join(layoutDir, 'index.json'), 'utf8')) as ImageIndex;
    expect(index.manifests.map((m) => m.artifactType)).toContain('application/vnd.example.oras-note');
    expect((await discovered(`oci-layout:${layoutDir}:v1`)).map((r) => r.artifactType)).toEqual(['application/vnd.example.oras-note']);
    const tree = JSON.parse((await regctl(['artifact', 'tree', `ocidir://${layoutDir}:v1`, '--format', '{{json .}}'])).stdout) as RegctlTree;
    expect(tree.referrer ?? []).toEqual([]);
  });
});
