// zstd recompression judged by real peers: containerd unpacks what ocikit
// recompressed and gets the same tree, skopeo copies it, every layer
// decompresses to the tar it came from; a lying layer stops everything.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { zstdDecompressSync } from 'node:zlib';
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  MediaType,
  OciLayoutStore,
  RemoteRepository,
  type Target,
  ZSTD_INSTANCE_ANNOTATION,
  isOcikitError,
  parseManifest,
  recompress,
  recompressReference,
} from '@ocikit/core';
import { useContainerd } from '../harness/containerd.js';
import { snapshotTree } from '../harness/fixtures.js';
import { type BuiltImage, buildAttestation, buildImage, buildIndex, pushImage, pushIndex, sampleContent } from '../harness/images.js';
import { skopeo } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const containerd = useContainerd();

/** Small frames, so that every layer is several zstd frames (what big layers get with the default). */
const FRAME = 64 * 1024;

async function readBlob(target: Target, descriptor: Descriptor): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await target.fetchBlob(descriptor)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readManifest<T extends ImageManifest | ImageIndex>(target: Target, reference: Descriptor | string): Promise<{ descriptor: Descriptor; manifest: T }> {
  const fetched = await target.fetchManifest(reference);
  return { descriptor: fetched.descriptor, manifest: parseManifest(fetched.bytes, 'test', fetched.descriptor.mediaType) as T };
}

/** Two platforms of one app, three layers each (a whiteout in the last), and a BuildKit attestation for each. */
async function appImages(work: string, options: { docker?: boolean } = {}): Promise<BuiltImage[]> {
  const images: BuiltImage[] = [];
  for (const platform of [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }]) {
    images.push(
      await buildImage(work, {
        platform,
        docker: options.docker,
        layers: [
          { files: { 'etc/os-release': 'ID=ocikit\n', 'usr/share/doc/big.txt': sampleContent(300_000, platform.architecture), 'tmp/': '' } },
          { files: { [`usr/bin/app-${platform.architecture}`]: `x:#!/bin/sh\necho ${platform.architecture}\n`, 'usr/share/doc/gone.txt': 'soon gone\n' } },
          { files: { 'etc/app.conf': `arch=${platform.architecture}\n`, 'var/data.bin': sampleContent(150_000, `data-${platform.architecture}`) }, deletes: ['usr/share/doc/gone.txt'] },
        ],
      }),
    );
  }
  return images;
}

function platformArg(image: BuiltImage): string {
  return [image.platform.os, image.platform.architecture, image.platform.variant].filter(Boolean).join('/');
}

/** containerd pulls the platform's image from `ref` and unpacks it (native snapshotter); returns the tree. */
async function ctrUnpack(ref: string, image: BuiltImage): Promise<Record<string, string>> {
  await containerd.ctr(['images', 'pull', '--plain-http', '--platform', platformArg(image), '--snapshotter', 'native', ref]);
  return snapshotTree(await containerd.rootfs(image.layers.map((layer) => layer.diffId)));
}

describe('recompress a multi-platform OCI index', () => {
  it('turns every gzip layer into zstd that containerd unpacks to the same tree, keeps configs, re-points attestations', async () => {
    const work = makeTempDir();
    const images = await appImages(work);
    const built = buildIndex(images, await Promise.all(images.map(buildAttestation)), { annotations: { 'org.opencontainers.image.source': 'https://example.com/app' } });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'zstd/app' });
    await pushIndex(repo, built, 'v1');

    const result = await recompress(repo, 'v1', repo, 'v1-zstd', { frameSize: FRAME });
    expect(result.changed).toBe(true);
    expect(result.layers).toHaveLength(6);
    expect(result.rewritten.map((r) => r.from.digest)).toEqual([...images.map((i) => i.manifest.descriptor.digest), built.index.descriptor.digest]);

    const { descriptor, manifest: index } = await readManifest<ImageIndex>(repo, 'v1-zstd');
    expect(descriptor.digest).toBe(result.descriptor.digest);
    expect(index.mediaType).toBe(MediaType.ImageIndex);
    expect(index.annotations).toEqual({ 'org.opencontainers.image.source': 'https://example.com/app' });
    expect(index.manifests).toHaveLength(4);
    for (const [i, image] of images.entries()) {
      const entry = index.manifests[i]!;
      expect(entry.platform).toEqual(image.platform);
      expect(entry.annotations).toEqual({ [ZSTD_INSTANCE_ANNOTATION]: 'true' });
      const { manifest } = await readManifest<ImageManifest>(repo, entry);
      expect(manifest.config).toEqual(image.config.descriptor); // the same config blob
      expect(manifest.layers.map((l) => l.mediaType)).toEqual([MediaType.LayerZstd, MediaType.LayerZstd, MediaType.LayerZstd]);
      for (const [j, layer] of manifest.layers.entries()) {
        // Decompressed content, not compressed digests: zstd output is not the judge, the tar is.
        const tar = zstdDecompressSync(await readBlob(repo, layer));
        expect(tar.equals(image.layers[j]!.tar)).toBe(true);
      }
      // The attestation is carried as it is and points at the zstd image now.
      const attestation = index.manifests[2 + i]!;
      expect(attestation.digest).toBe(built.attestations[i]!.manifest.descriptor.digest);
      expect(attestation.annotations).toEqual({ 'vnd.docker.reference.digest': entry.digest, 'vnd.docker.reference.type': 'attestation-manifest' });
    }
    expect(result.bytes.zstd).toBeLessThan(result.bytes.gzip);

    for (const image of images) {
      expect(await ctrUnpack(`${registry.host}/zstd/app:v1-zstd`, image)).toEqual(await snapshotTree(image.rootfs));
    }
    await repo.close();
  });
});
