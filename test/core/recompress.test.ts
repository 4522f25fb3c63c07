// zstd recompression judged by real peers: containerd unpacks what ocikit
// recompressed and gets the same tree, skopeo copies it, every layer
// decompresses to the tar it came from; a lying layer stops everything.
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { zstdDecompressSync } from 'node:zlib';
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  MediaType,
  OciLayoutStore,
  RemoteRepository,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  SigningKey,
  type Target,
  ZSTD_INSTANCE_ANNOTATION,
  ZstdFrameEncoder,
  isOcikitError,
  Limiter,
  parseManifest,
  attachArtifact,
  keySigner,
  recompress,
  recompressReference,
  signReference,
} from '@ocikit/core';
import { useContainerd } from '../harness/containerd.js';
import { snapshotTree } from '../harness/fixtures.js';
import { type BuiltImage, DOCKER_FOREIGN_LAYER, type LayerSpec, buildAttestation, buildImage, buildIndex, pushImage, pushIndex, sampleContent } from '../harness/images.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { sarif, spdx, writeJson } from '../harness/referrer-documents.js';
import { skopeo } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const containerd = useContainerd();

/** Small frames, so that every layer is several zstd frames (as big layers are with the default). */
const FRAME = 64 * 1024;
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

async function readBlob(target: Target, descriptor: Descriptor): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await target.fetchBlob(descriptor)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readManifest<T extends ImageManifest | ImageIndex>(target: Target, reference: Descriptor | string): Promise<{ descriptor: Descriptor; manifest: T }> {
  const fetched = await target.fetchManifest(reference);
  return { descriptor: fetched.descriptor, manifest: parseManifest(fetched.bytes, 'test', fetched.descriptor.mediaType) as T };
}

/** Three layers (a whiteout in the last) of one platform's app; `salt` makes every layer unique. */
function appLayers(arch: string, salt = ''): LayerSpec[] {
  return [
    { files: { 'etc/os-release': 'ID=ocikit\n', 'usr/share/doc/big.txt': sampleContent(300_000, arch), 'tmp/': '' } },
    { files: { [`usr/bin/app-${arch}`]: `x:#!/bin/sh\necho ${arch} ${salt}\n`, 'usr/share/doc/gone.txt': 'soon gone\n' } },
    { files: { 'etc/app.conf': `arch=${arch}\n`, 'var/data.bin': sampleContent(150_000, `data-${arch}`) }, deletes: ['usr/share/doc/gone.txt'] },
  ];
}

async function appImages(work: string, options: { docker?: boolean; salt?: string } = {}): Promise<BuiltImage[]> {
  return [
    await buildImage(work, { platform: AMD64, docker: options.docker, layers: appLayers('amd64', options.salt) }),
    await buildImage(work, { platform: ARM64, docker: options.docker, layers: appLayers('arm64', options.salt) }),
  ];
}

function platformArg(image: BuiltImage): string {
  return [image.platform.os, image.platform.architecture, image.platform.variant].filter(Boolean).join('/');
}

/** containerd pulls the platform's image from `ref` and unpacks it (native snapshotter); returns the tree. */
async function ctrUnpack(ref: string, image: BuiltImage): Promise<Record<string, string>> {
  await containerd.ctr(['images', 'pull', '--plain-http', '--platform', platformArg(image), '--snapshotter', 'native', ref]);
  const tree = await snapshotTree(await containerd.rootfs(image.layers.map((layer) => layer.diffId)));
  // Not an empty match by accident: the whiteout applied, the app is there.
  expect(tree[`usr/bin/app-${image.platform.architecture}`]).toMatch(/^x /);
  expect(tree['usr/share/doc/gone.txt']).toBeUndefined();
  return tree;
}

/** Every image manifest of `index` has zstd layers that decompress to the tars of `images`, the same config. */
async function expectZstdImages(target: Target, index: ImageIndex, images: BuiltImage[]): Promise<void> {
  for (const image of images) {
    const entry = index.manifests.find((e) => e.platform?.architecture === image.platform.architecture && e.annotations?.[ZSTD_INSTANCE_ANNOTATION] === 'true');
    expect(entry).toBeDefined();
    const { manifest } = await readManifest<ImageManifest>(target, entry!);
    expect(manifest.mediaType).toBe(MediaType.ImageManifest);
    expect(manifest.config.digest).toBe(image.config.descriptor.digest); // the same config blob
    for (const [j, layer] of manifest.layers.entries()) {
      expect(layer.mediaType).toBe(MediaType.LayerZstd);
      // Decompressed content, not compressed digests: zstd's bytes are not the judge, the tar is.
      expect(zstdDecompressSync(await readBlob(target, layer)).equals(image.layers[j]!.tar)).toBe(true);
    }
  }
}

/** The blob digests a registry's storage holds, and the bytes of upload sessions still open (distribution keeps a cancelled one's empty directory). */
async function storage(): Promise<{ blobs: string[]; uploads: number }> {
  const root = join(registry.storageDir, 'docker', 'registry', 'v2');
  const blobs: string[] = [];
  for (const prefix of await readdir(join(root, 'blobs', 'sha256')).catch(() => [] as string[])) {
    blobs.push(...(await readdir(join(root, 'blobs', 'sha256', prefix))));
  }
  let uploads = 0;
  const walk = async (dir: string, inUploads: boolean): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(join(dir, entry.name), inUploads || entry.name === '_uploads');
      else if (inUploads && entry.name === 'data') uploads++;
    }
  };
  await walk(join(root, 'repositories'), false);
  return { blobs: blobs.sort(), uploads };
}

describe('recompress a multi-platform OCI index (replace)', () => {
  it('gives zstd layers containerd unpacks to the same tree and skopeo copies; keeps configs and annotations; re-points attestations', async () => {
    const work = makeTempDir();
    const images = await appImages(work);
    const built = buildIndex(images, await Promise.all(images.map(buildAttestation)), { annotations: { 'org.opencontainers.image.source': 'https://example.com/app' } });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/app' });
    await pushIndex(repo, built, 'v1');

    const result = await recompress(repo, 'v1', repo, 'v1-zstd', { frameSize: FRAME });
    expect(result.changed).toBe(true);
    expect(result.layers).toHaveLength(6);
    expect(result.layers.map((l) => l.diffId)).toEqual(images.flatMap((i) => i.layers.map((l) => l.diffId)));
    expect(result.rewritten.map((r) => r.from.digest)).toEqual([...images.map((i) => i.manifest.descriptor.digest), built.index.descriptor.digest]);
    expect(result.rewritten.map((r) => r.platform)).toEqual([AMD64, ARM64, undefined]);
    expect(result.bytes.zstd).toBeLessThan(result.bytes.gzip);

    const { descriptor, manifest: index } = await readManifest<ImageIndex>(repo, 'v1-zstd');
    expect(descriptor.digest).toBe(result.descriptor.digest);
    expect(index.mediaType).toBe(MediaType.ImageIndex);
    expect(index.annotations).toEqual({ 'org.opencontainers.image.source': 'https://example.com/app' });
    expect(index.manifests.map((e) => e.platform)).toEqual([AMD64, ARM64, { architecture: 'unknown', os: 'unknown' }, { architecture: 'unknown', os: 'unknown' }]);
    await expectZstdImages(repo, index, images);
    for (const [i, attestation] of built.attestations.entries()) {
      // Carried as it is, pointing at the zstd image now.
      const entry = index.manifests[2 + i]!;
      expect(entry.digest).toBe(attestation.manifest.descriptor.digest);
      expect(entry.annotations).toEqual({ 'vnd.docker.reference.digest': index.manifests[i]!.digest, 'vnd.docker.reference.type': 'attestation-manifest' });
    }
    // The source is untouched.
    expect((await repo.resolve('v1')).digest).toBe(built.index.descriptor.digest);

    const ref = `${registry.host}/zstd/app:v1-zstd`;
    for (const image of images) expect(await ctrUnpack(ref, image)).toEqual(await snapshotTree(image.rootfs));

    const copied = join(makeTempDir(), 'copied');
    await skopeo(['copy', '--all', '--src-tls-verify=false', `docker://${ref}`, `oci:${copied}:v1`]);
    const layout = await OciLayoutStore.open(copied);
    expect((await layout.resolve('v1')).digest).toBe(result.descriptor.digest);
    await expectZstdImages(layout, (await readManifest<ImageIndex>(layout, 'v1')).manifest, images);
    await repo.close();
  });

  it('refuses a layer whose tar does not match its diff_id, and pushes nothing', async () => {
    const work = makeTempDir();
    const good = await buildImage(work, { platform: AMD64, layers: appLayers('amd64') });
    const layers = appLayers('arm64');
    layers[1] = { ...layers[1]!, lie: true };
    const lying = await buildImage(work, { platform: ARM64, layers });
    const built = buildIndex([good, lying], []);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/lying' });
    await pushIndex(repo, built, 'v1');
    const before = await storage();

    const failure = await recompress(repo, 'v1', repo, 'v1-zstd', { frameSize: FRAME }).catch((error: unknown) => error);
    expect(isOcikitError(failure, 'DIGEST_MISMATCH')).toBe(true);
    expect((failure as Error).message).toContain(`layer 2 (${lying.layers[1]!.descriptor.digest}) of image ${lying.manifest.descriptor.digest}`);
    expect((failure as { detail?: string }).detail).toContain(`rootfs.diff_ids[1] says ${lying.layers[1]!.diffId}`);
    expect((failure as { hint?: string }).hint).toContain('nothing was pushed');
    expect(await repo.tags()).toEqual(['v1']);
    // No zstd blob of the good image either, and no upload session left behind.
    expect(await storage()).toEqual({ blobs: before.blobs, uploads: 0 });
    await repo.close();
  });

  it('refuses a layer that is not gzip at all with a sentence about it, and frees its turn for the other layers', async () => {
    // Layers decompress one after another on a 2-core runner (gunzipSlots): a failed
    // gunzip that kept its slot would leave the layers after it waiting for ever.
    const work = makeTempDir();
    const layers = [...appLayers('amd64'), ...appLayers('amd64', 'more')];
    layers[0] = { ...layers[0]!, notGzip: true };
    const image = await buildImage(work, { platform: AMD64, layers });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/not-gzip' });
    await pushImage(repo, image, 'v1');
    const before = await storage();

    const failure = await recompress(repo, 'v1', repo, 'v1-zstd', { frameSize: FRAME, concurrency: 4, limiter: new Limiter(2) }).catch((error: unknown) => error);
    expect(isOcikitError(failure, 'INVALID_INPUT')).toBe(true);
    expect((failure as Error).message).toBe(`layer ${image.layers[0]!.descriptor.digest} of ${registry.host}/zstd/not-gzip is not valid gzip data`);
    expect((failure as { hint?: string }).hint).toContain('rebuild or push the image again');
    expect(await repo.tags()).toEqual(['v1']);
    expect(await storage()).toEqual({ blobs: before.blobs, uploads: 0 });
    await repo.close();
  });
});

describe('recompress a Docker manifest list', () => {
  it('writes an OCI index of OCI manifests to another repository that containerd unpacks', async () => {
    const images = await appImages(makeTempDir(), { docker: true });
    const built = buildIndex(images, [], { docker: true });
    const source = new RemoteRepository({ registry: registry.host, repository: 'docker/app' });
    await pushIndex(source, built, 'v1');

    const result = await recompressReference(`${registry.host}/docker/app:v1`, `${registry.host}/zstd/docker-app`, { frameSize: FRAME });
    expect(result.destination).toMatchObject({ repository: 'zstd/docker-app', tag: 'v1' });
    const destination = new RemoteRepository({ registry: registry.host, repository: 'zstd/docker-app' });
    const { manifest: index } = await readManifest<ImageIndex>(destination, 'v1');
    expect(index.mediaType).toBe(MediaType.ImageIndex);
    expect(index.manifests.map((e) => [e.mediaType, e.platform])).toEqual([
      [MediaType.ImageManifest, AMD64],
      [MediaType.ImageManifest, ARM64],
    ]);
    for (const [i, image] of images.entries()) {
      const { manifest } = await readManifest<ImageManifest>(destination, index.manifests[i]!);
      // Docker's config type becomes OCI's; the blob is the same, and it came along to the other repository.
      expect(manifest.config).toEqual({ ...image.config.descriptor, mediaType: MediaType.ImageConfig });
      expect(await destination.exists(image.config.descriptor)).toBe(true);
    }
    await expectZstdImages(destination, index, images);
    expect(await ctrUnpack(`${registry.host}/zstd/docker-app:v1`, images[1]!)).toEqual(await snapshotTree(images[1]!.rootfs));
    await Promise.all([source.close(), destination.close()]);
  });

  it('leaves a foreign layer where it lives (layout to layout: distribution refuses foreign URLs by default)', async () => {
    const work = makeTempDir();
    const windows = await buildImage(work, {
      platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5830' },
      docker: true,
      foreignLayer: true,
      layers: [{ files: { 'Files/app.txt': 'windows app\n' } }],
    });
    const source = await OciLayoutStore.open(join(work, 'docker-layout'), { create: true });
    await pushIndex(source, buildIndex([windows], [], { docker: true }), 'v1');
    const result = await recompressReference(`oci-layout:${join(work, 'docker-layout')}:v1`, `oci-layout:${join(work, 'zstd-layout')}:v1`, { frameSize: FRAME });
    expect(result.keptLayers).toBe(1);
    const target = await OciLayoutStore.open(join(work, 'zstd-layout'));
    const { manifest: index } = await readManifest<ImageIndex>(target, 'v1');
    expect(index.manifests[0]!.platform).toEqual(windows.platform);
    const { manifest } = await readManifest<ImageManifest>(target, index.manifests[0]!);
    expect(manifest.layers[0]!.mediaType).toBe(MediaType.LayerZstd);
    // Same digest and URLs, as OCI's non-distributable type (as skopeo converts it); the blob is not fetched or copied.
    expect(windows.layers[1]!.descriptor.mediaType).toBe(DOCKER_FOREIGN_LAYER);
    expect(manifest.layers[1]).toEqual({ ...windows.layers[1]!.descriptor, mediaType: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip' });
    expect(await target.exists(windows.layers[1]!.descriptor)).toBe(false);
  });
});

describe('recompress --mode add', () => {
  it('keeps the gzip images first and adds marked zstd ones that only zstd-aware clients choose; a second run changes nothing', async () => {
    const work = makeTempDir();
    // Layers no other test has had containerd unpack (its content store outlives a test).
    const images = await appImages(work, { salt: 'add-mode' });
    const built = buildIndex(images, await Promise.all(images.map(buildAttestation)));
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/both' });
    await pushIndex(repo, built, 'v1');

    const result = await recompress(repo, 'v1', repo, 'v1', { mode: 'add', frameSize: FRAME });
    const { manifest: index } = await readManifest<ImageIndex>(repo, 'v1');
    const original = parseManifest(built.index.bytes, 'built', MediaType.ImageIndex) as ImageIndex;
    // The gzip entries (and their attestations) first, exactly as they were.
    expect(index.manifests.slice(0, 4)).toEqual(original.manifests);
    const variants = index.manifests.slice(4, 6);
    expect(variants.map((e) => e.platform)).toEqual([AMD64, ARM64]);
    expect(variants.map((e) => e.annotations)).toEqual([{ [ZSTD_INSTANCE_ANNOTATION]: 'true' }, { [ZSTD_INSTANCE_ANNOTATION]: 'true' }]);
    expect(index.manifests.slice(6).map((e) => [e.digest, e.annotations?.['vnd.docker.reference.digest']])).toEqual(
      built.attestations.map((a, i) => [a.manifest.descriptor.digest, variants[i]!.digest]),
    );
    await expectZstdImages(repo, index, images);
    expect(result.rewritten.map((r) => r.to.digest)).toEqual([...variants.map((v) => v.digest), result.descriptor.digest]);

    // containerd unpacks the first entry of its platform: the gzip image. (ctr fetches every match, so the
    // evidence is which layer blobs its unpacker labelled with their uncompressed digest.)
    const ref = `${registry.host}/zstd/both:v1`;
    expect(await ctrUnpack(ref, images[0]!)).toEqual(await snapshotTree(images[0]!.rootfs));
    const labels = (await containerd.ctr(['content', 'ls'])).stdout.split('\n');
    const unpacked = (digest: string): boolean => labels.some((line) => line.startsWith(digest) && line.includes('containerd.io/uncompressed='));
    const { manifest: zstdImage } = await readManifest<ImageManifest>(repo, variants[0]!);
    expect(images[0]!.layers.map((l) => unpacked(l.descriptor.digest))).toEqual([true, true, true]);
    expect(zstdImage.layers.map((l) => unpacked(l.digest))).toEqual([false, false, false]);

    // The zstd frames depend on the content alone: a second run finds its variants there already.
    const again = await recompress(repo, 'v1', repo, 'v1', { mode: 'add', frameSize: FRAME });
    expect(again.descriptor.digest).toBe(result.descriptor.digest);
    await repo.close();
  });

  it('turns a single image into an index of the gzip image and its zstd variant', async () => {
    const image = await buildImage(makeTempDir(), { platform: ARM64, layers: appLayers('arm64') });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/single' });
    await pushImage(repo, image, 'v1');
    const result = await recompress(repo, 'v1', repo, 'v1', { mode: 'add', frameSize: FRAME });
    const { manifest: index } = await readManifest<ImageIndex>(repo, 'v1');
    expect(result.descriptor.mediaType).toBe(MediaType.ImageIndex);
    expect(index.manifests[0]).toEqual({ mediaType: MediaType.ImageManifest, digest: image.manifest.descriptor.digest, size: image.manifest.descriptor.size, platform: ARM64 });
    expect(index.manifests[1]).toMatchObject({ mediaType: MediaType.ImageManifest, platform: ARM64, annotations: { [ZSTD_INSTANCE_ANNOTATION]: 'true' } });
    await expectZstdImages(repo, index, [image]);
    await repo.close();
  });
});

describe('recompress with OCI layouts and --platform', () => {
  it('reads a layout, keeps layers that are not gzip, recompresses only the platform asked for, and writes a layout', async () => {
    const work = makeTempDir();
    const amd64 = await buildImage(work, { platform: AMD64, layers: appLayers('amd64') });
    const layers = appLayers('arm64');
    layers[0] = { ...layers[0]!, compression: 'uncompressed' };
    layers[1] = { ...layers[1]!, compression: 'zstd' };
    const arm64 = await buildImage(work, { platform: ARM64, layers });
    const built = buildIndex([amd64, arm64], []);
    const sourceDir = join(work, 'source-layout');
    const source = await OciLayoutStore.open(sourceDir, { create: true });
    await pushIndex(source, built, 'v1');

    const toRegistry = await recompressReference(`oci-layout:${sourceDir}:v1`, `${registry.host}/zstd/from-layout:v1`, {
      platforms: [{ os: 'linux', architecture: 'arm64' }],
      frameSize: FRAME,
    });
    expect(toRegistry.layers.map((l) => l.from.digest)).toEqual([arm64.layers[2]!.descriptor.digest]);
    expect(toRegistry.keptLayers).toBe(2);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/from-layout' });
    const { manifest: index } = await readManifest<ImageIndex>(repo, 'v1');
    expect(index.manifests[0]).toEqual((parseManifest(built.index.bytes, 'built', MediaType.ImageIndex) as ImageIndex).manifests[0]); // amd64 as it was
    const { manifest: arm } = await readManifest<ImageManifest>(repo, index.manifests[1]!);
    expect(arm.layers.map((l) => l.mediaType)).toEqual([MediaType.Layer, MediaType.LayerZstd, MediaType.LayerZstd]);
    expect(arm.layers.slice(0, 2)).toEqual(arm64.layers.slice(0, 2).map((l) => l.descriptor));
    expect(await ctrUnpack(`${registry.host}/zstd/from-layout:v1`, arm64)).toEqual(await snapshotTree(arm64.rootfs));
    expect(await ctrUnpack(`${registry.host}/zstd/from-layout:v1`, amd64)).toEqual(await snapshotTree(amd64.rootfs)); // carried as gzip

    // And back into a fresh layout, this time every platform: what was zstd stays, amd64 follows.
    const targetDir = join(work, 'target-layout');
    const toLayout = await recompressReference(`${registry.host}/zstd/from-layout:v1`, `oci-layout:${targetDir}`, { frameSize: FRAME });
    expect(toLayout.layers.map((l) => l.from.digest)).toEqual(amd64.layers.map((l) => l.descriptor.digest));
    const layout = await OciLayoutStore.open(targetDir);
    const { manifest: final } = await readManifest<ImageIndex>(layout, 'v1');
    await expectZstdImages(layout, final, [amd64]);
    const { manifest: armAgain } = await readManifest<ImageManifest>(layout, final.manifests[1]!);
    expect(armAgain).toEqual(arm); // already zstd: carried as it was
    // Staged blobs went in by rename: no temp files are left in blobs/.
    expect((await readdir(join(targetDir, 'blobs', 'sha256'))).filter((name) => name.startsWith('.'))).toEqual([]);
    await repo.close();
  });
});

describe('ZstdFrameEncoder', () => {
  it('gives the same bytes however its input is cut, in frames that decode to the input', async () => {
    const input = Buffer.concat([sampleContent(700_000, 'frames'), Buffer.alloc(100_000)]);
    const encode = async (pieces: Buffer[]): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      await pipeline(Readable.from(pieces), new ZstdFrameEncoder({ frameSize: FRAME }), async function* (source) {
        for await (const chunk of source) chunks.push(chunk as Buffer);
      });
      return Buffer.concat(chunks);
    };
    const whole = await encode([input]);
    const cuts = [1, 999, 65_536, 65_537, 300_001];
    const pieces = cuts.map((cut, i) => input.subarray(cuts[i - 1] ?? 0, cut)).concat(input.subarray(cuts.at(-1)));
    expect((await encode(pieces)).equals(whole)).toBe(true);
    expect(zstdDecompressSync(whole).equals(input)).toBe(true);
    // 13 frames of 64 KiB: each starts with the zstd magic number.
    const magic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
    let frames = 0;
    for (let at = whole.indexOf(magic); at >= 0; at = whole.indexOf(magic, at + 1)) frames++;
    expect(frames).toBeGreaterThanOrEqual(Math.ceil(input.length / FRAME));
  });

  it('gives every default-size frame a window that holds it whole (one segment, its size declared)', async () => {
    const input = sampleContent(9 * 1024 * 1024, 'window');
    const chunks: Buffer[] = [];
    await pipeline(Readable.from([input]), new ZstdFrameEncoder(), async function* (source) {
      for await (const chunk of source) chunks.push(chunk as Buffer);
    });
    const output = Buffer.concat(chunks);
    expect(zstdDecompressSync(output).equals(input)).toBe(true);
    // RFC 8878 §3.1.1.1: magic, then the frame header descriptor. Single_Segment_flag (0x20) means
    // the window is the content size, which follows as a 4-byte field (descriptor bits 7-6 = 2).
    // With level 3's own 2 MiB window a 4 MiB frame is not one segment and declares a window instead.
    expect(output.readUInt32LE(0)).toBe(0xfd2fb528);
    const descriptor = output[4]!;
    expect({ singleSegment: (descriptor & 0x20) !== 0, sizeField: descriptor >> 6 }).toEqual({ singleSegment: true, sizeField: 2 });
    expect(output.readUInt32LE(5)).toBe(4 * 1024 * 1024);
  });
});

describe('recompress --referrers', () => {
  it('points the old digest\'s SBOM and scan report at the new one, and leaves its signature to be made again', async () => {
    const image = await buildImage(makeTempDir(), { platform: AMD64, layers: appLayers('amd64', 'referrers') });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'carry/app' });
    await pushImage(repo, image, 'v1');
    const work = makeTempDir();
    const sbom = await attachArtifact(repo, 'v1', { files: [{ path: await writeJson(work, 'sbom.spdx.json', spdx()) }] });
    const report = await attachArtifact(repo, 'v1', { files: [{ path: await writeJson(work, 'scan.sarif', sarif()) }] });
    const signer = keySigner(SigningKey.fromKeyObject(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey), { rekorURL: false });
    const signature = await signReference(repo, 'v1', { signer });

    const run = await ocikit(['recompress', '--json', '--referrers', `${registry.host}/carry/app:v1`]);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const [rewritten] = (JSON.parse(run.stdout) as { rewritten: Array<{ to: string; referrers: Descriptor[]; carried: Array<{ from: string; to: string; artifactType: string }> }> }).rewritten;
    const old = [sbom.descriptor.digest, report.descriptor.digest, signature.descriptor.digest];
    expect(rewritten!.referrers.map((r) => r.digest).sort()).toEqual([...old].sort());
    expect(rewritten!.carried.map((c) => [c.from, c.artifactType]).sort()).toEqual(
      [[sbom.descriptor.digest, 'application/spdx+json'], [report.descriptor.digest, 'application/sarif+json']].sort(),
    );

    // The new digest lists exactly the carried ones (through the registry's sha256-<hex> tag index here).
    const zstd = await repo.resolve('v1');
    expect(zstd.digest).toBe(rewritten!.to);
    const listed = (await repo.referrers(zstd)).manifests;
    expect(listed.map((d) => d.digest).sort()).toEqual(rewritten!.carried.map((c) => c.to).sort());
    // Each is the old referrer with only its subject changed: the same blobs, annotations and artifact type.
    for (const carried of rewritten!.carried) {
      const before = (await readManifest<ImageManifest>(repo, carried.from)).manifest;
      const after = (await readManifest<ImageManifest>(repo, carried.to)).manifest;
      expect(after).toEqual({ ...before, subject: { mediaType: zstd.mediaType, digest: zstd.digest, size: zstd.size } });
    }
    // The old digest keeps all three.
    expect((await repo.referrers(image.manifest.descriptor)).manifests.map((d) => d.digest).sort()).toEqual([...old].sort());

    await repo.close();

    // In words: what was carried, and what must be made again.
    const other = new RemoteRepository({ registry: registry.host, repository: 'carry/text' });
    await pushImage(other, image, 'v1');
    const otherSbom = await attachArtifact(other, 'v1', { files: [{ path: await writeJson(work, 'sbom.spdx.json', spdx()) }] });
    const otherSignature = await signReference(other, 'v1', { signer });
    const text = await ocikit(['recompress', '--referrers', `${registry.host}/carry/text:v1`]);
    expect(text.stdout).toMatch(new RegExp(`\\n  carried application/spdx\\+json ${otherSbom.descriptor.digest.slice(0, 19)}\\S* -> sha256:`));
    expect(text.stdout).toContain(`1 referrer(s) of the old digest no longer apply; re-sign or re-attach: ${SIGSTORE_BUNDLE_MEDIA_TYPE} ${otherSignature.descriptor.digest.slice(0, 19)}`);
    await other.close();
  });
});

describe('recompress --referrers into an OCI layout', () => {
  it('copies a carried referrer\'s blobs to the layout and lists it there under the new digest', async () => {
    const image = await buildImage(makeTempDir(), { platform: AMD64, layers: appLayers('amd64', 'carry-layout') });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'carry/to-layout' });
    await pushImage(repo, image, 'v1');
    const sbom = await attachArtifact(repo, 'v1', { files: [{ path: await writeJson(makeTempDir(), 'sbom.spdx.json', spdx()) }] });
    await repo.close();

    const dir = join(makeTempDir(), 'layout');
    const result = await recompressReference(`${registry.host}/carry/to-layout:v1`, `oci-layout:${dir}:v1`, { frameSize: FRAME, carryReferrers: true });
    const [rewritten] = result.rewritten;
    expect(rewritten!.carried!.map((c) => c.from.digest)).toEqual([sbom.descriptor.digest]);
    const layout = await OciLayoutStore.open(dir);
    try {
      const zstd = await layout.resolve('v1');
      const listed = (await layout.referrers(zstd)).manifests;
      expect(listed.map((d) => [d.digest, d.artifactType])).toEqual([[rewritten!.carried![0]!.to.digest, 'application/spdx+json']]);
      const carried = (await readManifest<ImageManifest>(layout, listed[0]!)).manifest;
      expect(carried.subject?.digest).toBe(zstd.digest);
      const document = await readBlob(layout, carried.layers[0]!);
      expect(JSON.parse(document.toString('utf8'))).toEqual(spdx());
    } finally {
      await layout.close();
    }
  });
});

describe('ocikit recompress (CLI)', () => {
  it('recompresses in place, prints the old and new digests as JSON, and refuses bad flags', async () => {
    const image = await buildImage(makeTempDir(), { platform: AMD64, docker: true, layers: appLayers('amd64') });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'cli/app' });
    await pushImage(repo, image, 'v1');
    const run = await ocikit(['recompress', '--json', '--level', '5', `${registry.host}/cli/app:v1`]);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const out = JSON.parse(run.stdout) as { reference: string; mediaType: string; rewritten: Array<{ from: string; to: string; platform: string }>; layers: Array<{ diffId: string }> };
    expect(out.mediaType).toBe(MediaType.ImageManifest);
    // The old digest's referrers are listed (none here) so a pipeline knows what to re-sign.
    expect(out.rewritten).toEqual([
      { from: image.manifest.descriptor.digest, to: expect.stringMatching(/^sha256:/), mediaType: MediaType.ImageManifest, platform: 'linux/amd64', referrers: [] },
    ]);
    expect(out.reference).toBe(`${registry.host}/cli/app:v1@${out.rewritten[0]!.to}`);
    expect(out.layers.map((l) => l.diffId)).toEqual(image.layers.map((l) => l.diffId));
    expect((await repo.resolve('v1')).digest).toBe(out.rewritten[0]!.to);

    const bad = await ocikit(['recompress', '--level', '30', `${registry.host}/cli/app:v1`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('zstd level 30 is out of range');
    const platform = await ocikit(['recompress', '--platform', 'linux', `${registry.host}/cli/app:v1`]);
    expect(platform.code).toBe(2);
    expect(platform.stderr).toContain('"linux" is not a platform');
    await repo.close();
  });
});
