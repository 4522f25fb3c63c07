// Real container images for tests, built here from files: reproducible GNU tar
// layers (with whiteouts), gzip blobs, configs whose rootfs.diff_ids are right,
// OCI or Docker manifests, indexes with BuildKit-style attestation manifests.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { type Descriptor, MediaType, type Platform, RemoteRepository, type Target, digestOf } from '@ocikit/core';

export const DOCKER_FOREIGN_LAYER = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';

export interface LayerSpec {
  /** path → content; a path ending in `/` is a directory. `x:` before content makes the file executable. */
  files: Record<string, string | Buffer>;
  /** Paths of earlier layers this layer deletes (written as `.wh.` whiteouts). */
  deletes?: string[];
  /** How the layer is stored: gzip (default), zstd, uncompressed. */
  compression?: 'gzip' | 'zstd' | 'uncompressed';
  /** Make the gzip blob lie: its tar does not match the config's diff_id. */
  lie?: boolean;
  /** Store the tar itself under the gzip media type: a blob that is not gzip at all. */
  notGzip?: boolean;
}

export interface BuiltBlob {
  descriptor: Descriptor;
  bytes: Buffer;
}

export interface BuiltLayer extends BuiltBlob {
  tar: Buffer;
  diffId: string;
}

export interface BuiltImage {
  platform: Platform;
  config: BuiltBlob;
  layers: BuiltLayer[];
  manifest: BuiltBlob;
  /** The unpacked root file system, as `ctr` should produce it. */
  rootfs: string;
}

export interface BuiltIndex {
  index: BuiltBlob;
  images: BuiltImage[];
  attestations: BuiltImage[];
}

const TAR_FLAGS = ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '--format=gnu'];

function blob(bytes: Buffer, mediaType: string, extra: Partial<Descriptor> = {}): BuiltBlob {
  return { bytes, descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length, ...extra } };
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    if (path.endsWith('/')) {
      await mkdir(full, { recursive: true });
      continue;
    }
    await mkdir(dirname(full), { recursive: true });
    const executable = typeof content === 'string' && content.startsWith('x:');
    await writeFile(full, executable ? content.slice(2) : content);
    if (executable) await chmod(full, 0o755);
  }
}

/** Applies a layer tar to a root file system the way a runtime unpacks it (whiteouts remove). */
async function applyLayer(rootfs: string, tar: Buffer): Promise<void> {
  execFileSync('tar', ['-C', rootfs, '-xf', '-'], { input: tar });
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.wh.')) {
        await rm(path, { force: true });
        await rm(join(dir, entry.name.slice(4)), { recursive: true, force: true });
      } else if (entry.isDirectory()) {
        await walk(path);
      }
    }
  };
  await walk(rootfs);
}

/** Text that compresses like real files do, with some random bytes that do not. */
export function sampleContent(size: number, seed = 'ocikit'): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size * 0.8; i++) {
    const line = `${seed} line ${i}: ${createHash('md5').update(`${seed}${i}`).digest('hex')} the quick brown fox\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.concat([Buffer.from(lines.join('')), randomBytes(Math.floor(size * 0.2))]).subarray(0, size);
}

export async function buildImage(
  work: string,
  spec: {
    platform: Platform;
    layers: LayerSpec[];
    docker?: boolean;
    /** Add a Windows-style foreign layer: with `urls` (registries do not hold it), or `'without-urls'` (a non-distributable blob held like any other). */
    foreignLayer?: boolean | 'without-urls';
    annotations?: Record<string, string>;
  },
): Promise<BuiltImage> {
  const name = `${spec.platform.os}-${spec.platform.architecture}${spec.platform.variant ?? ''}-${randomBytes(3).toString('hex')}`;
  const rootfs = join(work, name, 'rootfs');
  await mkdir(rootfs, { recursive: true });
  const layers: BuiltLayer[] = [];
  for (const [i, layer] of spec.layers.entries()) {
    const dir = join(work, name, `layer${i}`);
    await mkdir(dir, { recursive: true });
    await writeFiles(dir, layer.files);
    for (const path of layer.deletes ?? []) {
      await mkdir(join(dir, dirname(path)), { recursive: true });
      await writeFile(join(dir, dirname(path), `.wh.${path.split('/').pop()}`), '');
    }
    const tar = execFileSync('tar', [...TAR_FLAGS, '-C', dir, '-cf', '-', '.'], { maxBuffer: 1 << 30 });
    await applyLayer(rootfs, tar);
    const compression = layer.compression ?? 'gzip';
    let stored: BuiltBlob;
    if (compression === 'uncompressed') {
      stored = blob(tar, MediaType.Layer);
    } else if (compression === 'zstd') {
      const { zstdCompressSync } = await import('node:zlib');
      stored = blob(zstdCompressSync(tar), MediaType.LayerZstd);
    } else {
      // A lying layer: its gzip holds other bytes than the tar the config's diff_id names.
      const content = layer.lie ? Buffer.from(tar) : tar;
      if (layer.lie) content[600] = content[600]! ^ 0xff;
      stored = blob(layer.notGzip ? content : gzipSync(content), spec.docker ? MediaType.DockerLayerGzip : MediaType.LayerGzip);
    }
    layers.push({ ...stored, tar, diffId: sha256(tar) });
  }
  if (spec.foreignLayer) {
    // A Windows-style foreign layer: registries do not hold it, and nothing may fetch or rewrite it.
    const tar = execFileSync('tar', [...TAR_FLAGS, '-C', rootfs, '-cf', '-', '--files-from', '/dev/null']);
    const gz = gzipSync(tar);
    layers.push({
      bytes: gz,
      tar,
      diffId: sha256(tar),
      descriptor: {
        mediaType: spec.docker ? DOCKER_FOREIGN_LAYER : 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
        digest: digestOf(gz),
        size: gz.length,
        ...(spec.foreignLayer === 'without-urls' ? {} : { urls: ['https://example.invalid/foreign-layer.tar.gz'] }),
      },
    });
  }
  const configJson = {
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    ...(spec.platform.variant ? { variant: spec.platform.variant } : {}),
    config: { Env: ['PATH=/usr/bin'], Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
    history: layers.map((_, i) => ({ created_by: `layer ${i}` })),
  };
  const config = blob(Buffer.from(JSON.stringify(configJson)), spec.docker ? MediaType.DockerConfig : MediaType.ImageConfig);
  const manifestJson = {
    schemaVersion: 2,
    mediaType: spec.docker ? MediaType.DockerManifest : MediaType.ImageManifest,
    config: config.descriptor,
    layers: layers.map((layer) => layer.descriptor),
    ...(spec.annotations ? { annotations: spec.annotations } : {}),
  };
  const manifest = blob(Buffer.from(JSON.stringify(manifestJson)), manifestJson.mediaType, { platform: spec.platform });
  return { platform: spec.platform, config, layers, manifest, rootfs };
}

/** A BuildKit-style attestation manifest for `image`: unknown/unknown, an in-toto layer. */
export async function buildAttestation(image: BuiltImage): Promise<BuiltImage> {
  const statement = Buffer.from(
    JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://spdx.dev/Document', subject: [{ name: 'image', digest: { sha256: image.manifest.descriptor.digest.slice(7) } }], predicate: {} }),
  );
  const layer = blob(statement, 'application/vnd.in-toto+json', { annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' } });
  const config = blob(
    Buffer.from(JSON.stringify({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [layer.descriptor.digest] } })),
    MediaType.ImageConfig,
  );
  const manifest = blob(
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: config.descriptor, layers: [layer.descriptor] })),
    MediaType.ImageManifest,
  );
  manifest.descriptor = {
    ...manifest.descriptor,
    platform: { architecture: 'unknown', os: 'unknown' },
    annotations: { 'vnd.docker.reference.digest': image.manifest.descriptor.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
  };
  return { platform: { architecture: 'unknown', os: 'unknown' }, config, layers: [{ ...layer, tar: statement, diffId: layer.descriptor.digest }], manifest, rootfs: '' };
}

export function buildIndex(images: BuiltImage[], attestations: BuiltImage[], options: { docker?: boolean; annotations?: Record<string, string> } = {}): BuiltIndex {
  const entry = (image: BuiltImage): Descriptor => {
    const { mediaType, digest, size, platform, annotations } = image.manifest.descriptor;
    return { mediaType, digest, size, ...(platform ? { platform } : {}), ...(annotations && !options.docker ? { annotations } : {}) };
  };
  const json = {
    schemaVersion: 2,
    mediaType: options.docker ? MediaType.DockerManifestList : MediaType.ImageIndex,
    manifests: [...images.map(entry), ...(options.docker ? [] : attestations.map(entry))],
    ...(options.annotations ? { annotations: options.annotations } : {}),
  };
  return { index: blob(Buffer.from(JSON.stringify(json)), json.mediaType), images, attestations };
}

async function pushBlob(target: Target, built: BuiltBlob): Promise<void> {
  const bytes = built.bytes;
  await target.pushBlob({ descriptor: built.descriptor, open: (start = 0, end = bytes.length - 1) => Readable.from([bytes.subarray(start, end + 1)]) });
}

function bare(descriptor: Descriptor): Descriptor {
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}

/** Pushes an image's blobs and manifest (tagged when `tag` is given). Foreign layers stay out, as registries have them. */
export async function pushImage(target: Target, image: BuiltImage, tag?: string): Promise<void> {
  await pushBlob(target, image.config);
  for (const layer of image.layers) if (!layer.descriptor.urls) await pushBlob(target, layer);
  await target.pushManifest(bare(image.manifest.descriptor), image.manifest.bytes, tag);
}

export async function pushIndex(target: Target, built: BuiltIndex, tag: string): Promise<void> {
  for (const image of [...built.images, ...built.attestations]) await pushImage(target, image);
  await target.pushManifest(bare(built.index.descriptor), built.index.bytes, tag);
}

/** A multi-platform release as `sign --recursive` meets it: the index's digest, its platform images', and its attestation's. */
export interface ShippedIndex {
  index: string;
  platforms: string[];
  attestation: string;
}

/**
 * An index over linux/amd64 and linux/arm64 images (each with its own content) and an
 * attestation manifest, built in `dir` and pushed under `v1` to `repository` on each
 * of `hosts`: the same image pushed to several registries.
 */
export async function pushShippedIndex(dir: string, hosts: readonly string[], repository: string): Promise<ShippedIndex> {
  const images = [];
  for (const architecture of ['amd64', 'arm64']) {
    images.push(await buildImage(dir, { platform: { os: 'linux', architecture }, layers: [{ files: { 'etc/hostname': `${architecture} ${Math.random()}\n` } }] }));
  }
  const built = buildIndex(images, [await buildAttestation(images[0]!)]);
  for (const host of hosts) {
    const repo = new RemoteRepository({ registry: host, repository });
    try {
      await pushIndex(repo, built, 'v1');
    } finally {
      await repo.close();
    }
  }
  return {
    index: built.index.descriptor.digest,
    platforms: images.map((image) => image.manifest.descriptor.digest),
    attestation: built.attestations[0]!.manifest.descriptor.digest,
  };
}
