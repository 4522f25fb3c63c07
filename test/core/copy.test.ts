// Graph copy between registries and layouts, against real registries (distribution
// 2.8.2) behind a recording proxy, with skopeo judging what arrives.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  MediaType,
  OciLayoutStore,
  RegistryClient,
  RemoteRepository,
  type Target,
  FetchedBlobSource,
  copyGraph,
  digestOf,
  isOcikitError,
  pushArtifact,
} from '@ocikit/core';
import { readAll } from '../harness/outcomes.js';
import { type FaultProxy, type RecordedRequest, startFaultProxy } from '../harness/fault-proxy.js';
import { skopeo } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const other = useRegistry();

interface Blob {
  descriptor: Descriptor;
  bytes: Buffer;
}

function blobOf(bytes: Buffer, mediaType: string): Blob {
  return { descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}

async function pushBlob(target: Target, blob: Blob): Promise<void> {
  await target.pushBlob({ descriptor: blob.descriptor, open: () => Readable.from([blob.bytes]) });
}

async function pushManifest(target: Target, manifest: ImageManifest | ImageIndex, tag?: string): Promise<Descriptor> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const descriptor: Descriptor = { mediaType: manifest.mediaType, digest: digestOf(bytes), size: bytes.length };
  await target.pushManifest(descriptor, bytes, tag);
  return descriptor;
}

/** A real gzip layer of one file (GNU tar, fixed metadata, so the same file gives the same blob) and its diff_id. */
function layerOf(name: string, content: string): { blob: Blob; diffId: string } {
  const dir = makeTempDir();
  execFileSync('sh', ['-c', `printf %s "$1" > "${join(dir, name)}"`, 'sh', content]);
  const tar = execFileSync('tar', ['-C', dir, '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', name]);
  return { blob: blobOf(gzipSync(tar), MediaType.LayerGzip), diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}` };
}

interface TestImage {
  blobs: Blob[];
  manifest: ImageManifest;
}

function imageOf(architecture: string, layers: Array<{ blob: Blob; diffId: string }>): TestImage {
  const config = blobOf(
    Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }, config: {} })),
    MediaType.ImageConfig,
  );
  return {
    blobs: [config, ...layers.map((l) => l.blob)],
    manifest: { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: config.descriptor, layers: layers.map((l) => l.blob.descriptor) },
  };
}

interface MultiPlatform {
  index: Descriptor;
  children: Descriptor[];
  /** Distinct blobs: two configs, a layer both platforms share, one layer each. */
  blobs: Blob[];
  images: ImageManifest[];
}

/** Two small linux images (amd64, arm64) pushed with core, and an index of them tagged `tag`. */
async function pushMultiPlatform(target: Target, tag: string): Promise<MultiPlatform> {
  const common = layerOf('common.txt', 'shared by both platforms\n');
  const images = (['amd64', 'arm64'] as const).map((arch) => ({ arch, image: imageOf(arch, [common, layerOf(`${arch}.txt`, randomBytes(3000).toString('hex'))]) }));
  const blobs = new Map<string, Blob>();
  for (const { image } of images) for (const blob of image.blobs) blobs.set(blob.descriptor.digest, blob);
  for (const blob of blobs.values()) await pushBlob(target, blob);
  const children: Descriptor[] = [];
  for (const { arch, image } of images) {
    children.push({ ...(await pushManifest(target, image.manifest)), platform: { architecture: arch, os: 'linux' } });
  }
  const index = await pushManifest(target, { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: children }, tag);
  return { index, children, blobs: [...blobs.values()], images: images.map(({ image }) => image.manifest) };
}

async function pushSmallArtifact(target: Target, tag: string): Promise<Descriptor> {
  const file = join(makeTempDir(), 'report.txt');
  await writeFile(file, randomBytes(4096).toString('hex'));
  return (await pushArtifact(target, { files: [{ path: file }], tags: [tag], artifactType: 'application/vnd.example.report.v1' })).descriptor;
}

function requestsTo(proxy: FaultProxy, method: string, path: RegExp): RecordedRequest[] {
  return proxy.requests.filter((r) => r.method === method && path.test(r.path));
}

const UPLOAD_PATH = /\/blobs\/uploads\//;

describe('FetchedBlobSource', () => {
  /** A layout holding one 1 MiB blob, seen through a target that counts downloads. */
  async function source(tamper = false): Promise<{ blob: Blob; open: () => FetchedBlobSource; fetches: () => number }> {
    const dir = join(makeTempDir(), 'layout');
    const layout = await OciLayoutStore.open(dir, { create: true });
    const blob = blobOf(randomBytes(1 << 20), MediaType.OctetStream);
    await pushBlob(layout, blob);
    if (tamper) await writeFile(join(dir, 'blobs', 'sha256', blob.descriptor.digest.slice(7)), Buffer.alloc(blob.bytes.length));
    let fetches = 0;
    const counting = {
      name: layout.name,
      fetchBlob: (descriptor: Descriptor) => {
        fetches++;
        return layout.fetchBlob(descriptor);
      },
    } as unknown as Target;
    return { blob, open: () => new FetchedBlobSource(counting, blob.descriptor), fetches: () => fetches };
  }

  it('feeds ranges read in order from one download', async () => {
    const { blob, open, fetches } = await source();
    const from = open();
    const parts: Buffer[] = [];
    for (let start = 0; start < blob.bytes.length; start += 300_000) {
      parts.push(await readAll(from.open(start, Math.min(blob.bytes.length, start + 300_000) - 1)));
    }
    expect(parts.map((p) => p.length)).toEqual([300_000, 300_000, 300_000, 148_576]);
    expect(Buffer.concat(parts).equals(blob.bytes)).toBe(true);
    expect(fetches()).toBe(1);
  });

  it('starts again for a range behind the download, even when the last reader walked away', async () => {
    const { blob, open, fetches } = await source();
    const from = open();
    const abandoned = from.open();
    await new Promise((resolve) => abandoned.once('data', resolve)); // read a little, then never again
    abandoned.pause();
    expect((await readAll(from.open())).equals(blob.bytes)).toBe(true);
    expect(fetches()).toBe(2);
  });

  it('errors at the end of the last range when the bytes do not match the digest', async () => {
    const { blob, open } = await source(true);
    const from = open();
    const first = await readAll(from.open(0, 999));
    expect(first).toHaveLength(1000);
    const error = await readAll(from.open(1000, blob.bytes.length - 1)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOcikitError(error, 'DIGEST_MISMATCH')).toBe(true);
  });
});

describe('copyGraph between repositories of one registry', () => {
  let proxy: FaultProxy;
  let client: RegistryClient;
  let source: RemoteRepository;
  let destination: RemoteRepository;
  let multi: MultiPlatform;
  let artifact: Descriptor;

  beforeAll(async () => {
    const seed = new RemoteRepository({ registry: registry.host, repository: 'copy/src' });
    multi = await pushMultiPlatform(seed, 'multi');
    artifact = await pushSmallArtifact(seed, 'report');
    await seed.close();
    proxy = await startFaultProxy(registry.url);
    // One client for both repositories: one token and one connection pool for the whole copy.
    client = new RegistryClient({ registry: proxy.host });
    source = new RemoteRepository({ registry: proxy.host, repository: 'copy/src' }, { client });
    destination = new RemoteRepository({ registry: proxy.host, repository: 'copy/dst' }, { client });
  });
  afterEach(() => {
    proxy.setRules([]);
    proxy.requests.splice(0);
  });
  afterAll(async () => {
    await client?.close();
    await proxy?.stop();
  });

  it('mounts every blob of a multi-platform index, writes children before the index, and skopeo reads the copy', async () => {
    const result = await copyGraph(source, 'multi', destination);
    expect(result).toEqual({
      descriptor: multi.index,
      tag: 'multi',
      blobs: { copied: 0, mounted: 5, skipped: 0 },
      manifests: { copied: 3, skipped: 0 },
      bytes: 0,
    });
    // Mounted means: one POST ?mount=&from= per blob answered 201. A 202 would have
    // been followed by a PUT into its session, and there is no upload at all.
    const mounts = requestsTo(proxy, 'POST', UPLOAD_PATH).map((r) => r.path);
    expect(mounts.sort()).toEqual(multi.blobs.map((b) => `/v2/copy/dst/blobs/uploads/?mount=${b.descriptor.digest}&from=copy/src`).sort());
    expect(requestsTo(proxy, 'PUT', UPLOAD_PATH)).toEqual([]);
    expect(requestsTo(proxy, 'PATCH', /./)).toEqual([]);
    expect(requestsTo(proxy, 'GET', /\/blobs\//)).toEqual([]); // no byte of a blob left the source
    const manifestPuts = requestsTo(proxy, 'PUT', /\/manifests\//).map((r) => r.path);
    expect(manifestPuts).toHaveLength(3);
    expect(manifestPuts.slice(0, 2).sort()).toEqual(multi.children.map((c) => `/v2/copy/dst/manifests/${c.digest}`).sort());
    expect(manifestPuts[2]).toBe('/v2/copy/dst/manifests/multi');

    const ref = `docker://${registry.host}/copy/dst:multi`;
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', ref]);
    expect(digestOf(Buffer.from(raw.stdout))).toBe(multi.index.digest);
    const arm = JSON.parse((await skopeo(['inspect', '--tls-verify=false', '--override-arch', 'arm64', '--override-os', 'linux', ref])).stdout);
    expect(arm.Architecture).toBe('arm64');
    expect(arm.Digest).toBe(multi.index.digest);
    expect(arm.Layers).toEqual(multi.images[1]!.layers.map((l) => l.digest));
    // skopeo fetches and verifies every blob of every platform.
    await skopeo(['copy', '--all', '--src-tls-verify=false', ref, `oci:${join(makeTempDir(), 'check')}:multi`]);
  });

  it('copies an artifact under a new tag by mounting its blobs', async () => {
    const result = await copyGraph(source, 'report', destination, 'report-copy');
    expect(result.descriptor).toEqual({ ...artifact, artifactType: 'application/vnd.example.report.v1' });
    expect(result.tag).toBe('report-copy');
    expect(result.blobs).toEqual({ copied: 0, mounted: 2, skipped: 0 });
    expect(requestsTo(proxy, 'PUT', UPLOAD_PATH)).toEqual([]);
    expect((await destination.resolve('report-copy')).digest).toBe(artifact.digest);
  });

  it('skips everything on a second copy: one HEAD of the tag at the destination', async () => {
    await copyGraph(source, 'multi', destination);
    proxy.requests.splice(0);
    const again = await copyGraph(source, 'multi', destination);
    expect(again.blobs).toEqual({ copied: 0, mounted: 0, skipped: 0 });
    expect(again.manifests).toEqual({ copied: 0, skipped: 1 });
    expect(proxy.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/copy/src/manifests/multi',
      'HEAD /v2/copy/dst/manifests/multi',
    ]);
  });

  it('tags without copying when the destination holds the graph under another name', async () => {
    const result = await copyGraph(source, 'multi', destination, 'multi-again');
    expect(result.manifests).toEqual({ copied: 0, skipped: 1 });
    expect(requestsTo(proxy, 'POST', /./)).toEqual([]);
    expect(requestsTo(proxy, 'PUT', /./).map((r) => r.path)).toEqual(['/v2/copy/dst/manifests/multi-again']);
  });

  it('asks for one token that covers pulling the source and pushing the destination', async () => {
    const blob = blobOf(randomBytes(1000), MediaType.OctetStream);
    const seed = new RemoteRepository({ registry: registry.host, repository: 'copy/src' });
    await pushBlob(seed, blob);
    await seed.close();
    const tokenRequests: URL[] = [];
    const tokens: Server = createServer((request, response) => {
      tokenRequests.push(new URL(request.url ?? '/', 'http://token'));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ token: 'mount-token', expires_in: 300 }));
    });
    await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', resolve));
    try {
      const realm = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/token`;
      // The registry itself runs without auth: the proxy plays a token-auth registry for the mount.
      proxy.setRules([
        { match: { method: 'POST', path: /mount=/ }, nth: [1], fault: { kind: 'status', status: 401, headers: { 'www-authenticate': `Bearer realm="${realm}",service="test-registry"` } } },
      ]);
      const outcome = await destination.pushBlob(
        { descriptor: blob.descriptor, open: () => Readable.from([blob.bytes]) },
        { mountFrom: source },
      );
      expect(outcome).toBe('mounted');
      expect(tokenRequests).toHaveLength(1);
      expect(tokenRequests[0]!.searchParams.getAll('scope')).toEqual(['repository:copy/dst:pull,push', 'repository:copy/src:pull']);
      expect(tokenRequests[0]!.searchParams.get('service')).toBe('test-registry');
      const mounts = requestsTo(proxy, 'POST', /mount=/);
      expect(mounts.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer mount-token']);
    } finally {
      await new Promise((resolve) => tokens.close(resolve));
    }
  });
});

describe('copyGraph across registries and layouts', () => {
  let proxy: FaultProxy;
  let otherProxy: FaultProxy;
  let multi: MultiPlatform;

  beforeAll(async () => {
    const seed = new RemoteRepository({ registry: registry.host, repository: 'across/app' });
    multi = await pushMultiPlatform(seed, 'v1');
    await seed.close();
    proxy = await startFaultProxy(registry.url);
    otherProxy = await startFaultProxy(other.url);
  });
  afterEach(() => {
    for (const p of [proxy, otherProxy]) {
      p.setRules([]);
      p.requests.splice(0);
    }
  });
  afterAll(async () => {
    await proxy?.stop();
    await otherProxy?.stop();
  });

  it('copies registry → layout → another registry, and skopeo reads both copies', async () => {
    const registrySource = new RemoteRepository({ registry: registry.host, repository: 'across/app' });
    const layoutDir = join(makeTempDir(), 'layout');
    const layout = await OciLayoutStore.open(layoutDir, { create: true });
    const toLayout = await copyGraph(registrySource, 'v1', layout, 'stable');
    const totalBytes = multi.blobs.reduce((sum, b) => sum + b.descriptor.size, 0);
    expect(toLayout.blobs).toEqual({ copied: 5, mounted: 0, skipped: 0 });
    expect(toLayout.manifests).toEqual({ copied: 3, skipped: 0 });
    expect(toLayout.bytes).toBe(totalBytes);
    const raw = await skopeo(['inspect', '--raw', `oci:${layoutDir}:stable`]);
    expect(digestOf(Buffer.from(raw.stdout))).toBe(multi.index.digest);

    const mirror = new RemoteRepository({ registry: other.host, repository: 'mirror/app' });
    const toOther = await copyGraph(layout, 'stable', mirror, 'v1');
    expect(toOther.blobs).toEqual({ copied: 5, mounted: 0, skipped: 0 });
    expect(toOther.descriptor.digest).toBe(multi.index.digest);
    const ref = `docker://${other.host}/mirror/app:v1`;
    expect(digestOf(Buffer.from((await skopeo(['inspect', '--raw', '--tls-verify=false', ref])).stdout))).toBe(multi.index.digest);
    await skopeo(['copy', '--all', '--src-tls-verify=false', ref, `oci:${join(makeTempDir(), 'check')}:v1`]);
    await Promise.all([registrySource.close(), mirror.close()]);
  });

  it('streams each blob once into chunked uploads, and a second copy uploads nothing', async () => {
    // Two registries: nothing can be mounted, every byte travels through ocikit.
    const from = new RemoteRepository({ registry: proxy.host, repository: 'across/app' });
    const to = new RemoteRepository({ registry: otherProxy.host, repository: 'chunked/app' }, { chunkSize: 1024 });
    const result = await copyGraph(from, 'v1', to);
    expect(result.blobs).toEqual({ copied: 5, mounted: 0, skipped: 0 });
    for (const blob of multi.blobs) {
      expect(requestsTo(proxy, 'GET', new RegExp(`/blobs/${blob.descriptor.digest}$`))).toHaveLength(1);
    }
    const chunks = (size: number) => (size > 1024 ? Math.ceil(size / 1024) : 0);
    expect(requestsTo(otherProxy, 'PATCH', UPLOAD_PATH)).toHaveLength(multi.blobs.reduce((n, b) => n + chunks(b.descriptor.size), 0));
    expect(requestsTo(otherProxy, 'PUT', UPLOAD_PATH)).toHaveLength(5);

    const again = await copyGraph(from, 'v1', to, 'v2');
    expect(again.blobs).toEqual({ copied: 0, mounted: 0, skipped: 0 });
    expect(again.manifests).toEqual({ copied: 0, skipped: 1 });
    await Promise.all([from.close(), to.close()]);
  });

  it('falls back to an upload into the session an anonymous mount opens', async () => {
    const layoutDir = join(makeTempDir(), 'layout');
    const layout = await OciLayoutStore.open(layoutDir, { create: true });
    const digest = (await pushSmallArtifact(layout, 'v1')).digest;
    const to = new RemoteRepository({ registry: otherProxy.host, repository: 'anonymous/mount' });
    const result = await copyGraph(layout, 'v1', to, undefined, { anonymousMount: true });
    expect(result.blobs).toEqual({ copied: 2, mounted: 0, skipped: 0 });
    const posts = requestsTo(otherProxy, 'POST', UPLOAD_PATH).map((r) => r.path);
    expect(posts).toHaveLength(2);
    for (const path of posts) expect(path).toMatch(/^\/v2\/anonymous\/mount\/blobs\/uploads\/\?mount=sha256:[0-9a-f]{64}$/);
    // distribution cannot mount without `from`: it answers 202, and that session takes the upload.
    expect(requestsTo(otherProxy, 'PUT', UPLOAD_PATH)).toHaveLength(2);
    expect((await to.resolve('v1')).digest).toBe(digest);
    await to.close();
  });

  it('copies a Docker schema 2 image skopeo pushed, bytes and media types as they are', async () => {
    const dir = makeTempDir();
    const layer = layerOf('hello.txt', 'hello from a docker image\n');
    const image = imageOf('amd64', [layer]);
    const store = await OciLayoutStore.open(join(dir, 'image'), { create: true });
    for (const blob of image.blobs) await pushBlob(store, blob);
    await pushManifest(store, image.manifest, 'v1');
    await skopeo(['copy', '--format', 'v2s2', '--dest-tls-verify=false', `oci:${join(dir, 'image')}:v1`, `docker://${registry.host}/docker/hello:v1`]);

    const from = new RemoteRepository({ registry: registry.host, repository: 'docker/hello' });
    const to = new RemoteRepository({ registry: other.host, repository: 'docker/hello-copy' });
    const result = await copyGraph(from, 'v1', to);
    expect(result.descriptor.mediaType).toBe(MediaType.DockerManifest);
    expect(result.blobs).toEqual({ copied: 2, mounted: 0, skipped: 0 });
    const source = await from.fetchManifest('v1');
    const copied = await to.fetchManifest('v1');
    expect(Buffer.from(copied.bytes).equals(Buffer.from(source.bytes))).toBe(true);
    const inspected = JSON.parse((await skopeo(['inspect', '--tls-verify=false', `docker://${other.host}/docker/hello-copy:v1`])).stdout);
    expect(inspected.Digest).toBe(source.descriptor.digest);
    expect(inspected.Layers).toEqual([layer.blob.descriptor.digest]);

    // A Docker manifest list of that image: copied as a list, its child first.
    const list = await pushManifest(
      from,
      { schemaVersion: 2, mediaType: MediaType.DockerManifestList, manifests: [{ ...source.descriptor, platform: { architecture: 'amd64', os: 'linux' } }] },
      'list',
    );
    const listCopy = await copyGraph(from, 'list', to);
    expect(listCopy.descriptor).toEqual(list);
    expect(listCopy.manifests).toEqual({ copied: 1, skipped: 1 }); // the image is there from the first copy
    expect(listCopy.blobs).toEqual({ copied: 0, mounted: 0, skipped: 0 });
    const listRef = `docker://${other.host}/docker/hello-copy:list`;
    expect(digestOf(Buffer.from((await skopeo(['inspect', '--raw', '--tls-verify=false', listRef])).stdout))).toBe(list.digest);
    await skopeo(['copy', '--all', '--src-tls-verify=false', listRef, `oci:${join(makeTempDir(), 'check')}:list`]);
    await Promise.all([from.close(), to.close()]);
  });

  it('refuses a blob whose bytes do not match its digest, and the destination never holds it', async () => {
    const layoutDir = join(makeTempDir(), 'layout');
    const layout = await OciLayoutStore.open(layoutDir, { create: true });
    const manifest = await pushSmallArtifact(layout, 'v1');
    const layers = (JSON.parse(Buffer.from((await layout.fetchManifest('v1')).bytes).toString()) as ImageManifest).layers;
    const layer = layers[0]!;
    const [, hex] = layer.digest.split(':');
    await mkdir(join(layoutDir, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(layoutDir, 'blobs', 'sha256', hex!), Buffer.alloc(layer.size, 0x61)); // same size, other bytes
    const to = new RemoteRepository({ registry: other.host, repository: 'tampered/app' });
    const error = await copyGraph(layout, 'v1', to).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOcikitError(error, 'DIGEST_MISMATCH')).toBe(true);
    expect(await to.exists(layer)).toBe(false);
    expect(await to.exists(manifest)).toBe(false);
    await to.close();
  });
});
