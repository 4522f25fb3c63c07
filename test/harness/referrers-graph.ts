// Graphs for the referrers tests of copy and discover (test/core/copy-referrers-graph,
// test/core/buildkit-attestations, test/interop/oras-graph):
//   - a two-platform index whose platform manifests have referrers of their own
//     (a signature each, an SBOM with its own signature on arm64) and a
//     signature of the index itself: what `oras cp -r` carries;
//   - a BuildKit >= 0.32 image: attestation manifests stored as OCI artifacts
//     with a `subject` and still listed in the index (moby/buildkit
//     docs/attestations/attestation-storage.md), pushed as BuildKit pushes, with
//     plain PUTs (no `sha256-<hex>` tag written for them).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Descriptor, type Platform, type Target, attachArtifact, digestOf, MediaType } from '@ocikit/core';
import { type BuiltBlob, type BuiltImage, buildImage } from './images.js';
import { sigstoreBundle, spdx } from './referrer-documents.js';
import { makeTempDir } from './temp.js';

export const AMD64: Platform = { architecture: 'amd64', os: 'linux' };
export const ARM64: Platform = { architecture: 'arm64', os: 'linux' };

/** The nested digests of a referrers graph, for comparison: { referrer: { its referrer: {} } }. */
export type Shape = { [digest: string]: Shape };

export function shapeOf(nodes: ReadonlyArray<{ descriptor: Descriptor; referrers: unknown[] }>): Shape {
  return Object.fromEntries(nodes.map((n) => [n.descriptor.digest, shapeOf(n.referrers as typeof nodes)]));
}

/** The same from `oras discover --format json` or `ocikit discover -o json` output. */
export function shapeOfJson(nodes: ReadonlyArray<{ digest: string; referrers?: unknown[] }> | undefined): Shape {
  return Object.fromEntries((nodes ?? []).map((n) => [n.digest, shapeOfJson(n.referrers as typeof nodes)]));
}

/** The platform index and what refers to its manifests. */
export interface PlatformGraph {
  index: Descriptor;
  amd64: Descriptor;
  arm64: Descriptor;
  /** Referrers, by role. */
  amd64Signature: Descriptor;
  arm64Signature: Descriptor;
  sbom: Descriptor;
  sbomSignature: Descriptor;
  indexSignature: Descriptor;
  /** Referrers at every level. */
  count: number;
}

/** What each manifest's referrers graph should be. */
export function expectedShapes(graph: PlatformGraph): Record<'index' | 'amd64' | 'arm64', Shape> {
  return {
    index: { [graph.indexSignature.digest]: {} },
    amd64: { [graph.amd64Signature.digest]: {} },
    arm64: { [graph.arm64Signature.digest]: {}, [graph.sbom.digest]: { [graph.sbomSignature.digest]: {} } },
  };
}

function bare(descriptor: Descriptor): Descriptor {
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}

async function pushBlob(target: Target, built: BuiltBlob): Promise<void> {
  await target.pushBlob({ descriptor: built.descriptor, open: () => Readable.from([built.bytes]) });
}

/**
 * Pushes a two-platform image index under `tag` (real images: gzip layers,
 * configs with diff_ids) and attaches: a signature to each platform manifest,
 * an SBOM to arm64 and a signature to that SBOM, a signature to the index.
 */
export async function pushPlatformGraph(target: Target, tag: string, salt = tag): Promise<PlatformGraph> {
  const work = makeTempDir('ocikit-graph-');
  const images: BuiltImage[] = [];
  for (const platform of [AMD64, ARM64]) {
    images.push(await buildImage(work, { platform, layers: [{ files: { [`app-${platform.architecture}.txt`]: `${salt} ${platform.architecture}\n` } }] }));
  }
  for (const image of images) {
    await pushBlob(target, image.config);
    for (const layer of image.layers) await pushBlob(target, layer);
    await target.pushManifest(bare(image.manifest.descriptor), image.manifest.bytes);
  }
  const indexJson = {
    schemaVersion: 2,
    mediaType: MediaType.ImageIndex,
    manifests: images.map((image) => ({ ...bare(image.manifest.descriptor), platform: image.platform })),
  };
  const indexBytes = Buffer.from(JSON.stringify(indexJson));
  const index: Descriptor = { mediaType: MediaType.ImageIndex, digest: digestOf(indexBytes), size: indexBytes.length };
  await target.pushManifest(index, indexBytes, tag);
  const [amd64, arm64] = images.map((image) => bare(image.manifest.descriptor)) as [Descriptor, Descriptor];

  let serial = 0;
  const attach = async (subject: Descriptor, name: string, document: unknown): Promise<Descriptor> => {
    const path = join(work, `${serial++}-${name}`);
    await writeFile(path, JSON.stringify(document));
    return bare((await attachArtifact(target, subject.digest, { files: [{ path }] })).descriptor);
  };
  const amd64Signature = await attach(amd64, 'amd64.sigstore.json', sigstoreBundle(amd64.digest));
  const arm64Signature = await attach(arm64, 'arm64.sigstore.json', sigstoreBundle(arm64.digest));
  const sbom = await attach(arm64, 'sbom.spdx.json', spdx(`app-${salt}`));
  const sbomSignature = await attach(sbom, 'sbom.sigstore.json', sigstoreBundle(sbom.digest));
  const indexSignature = await attach(index, 'index.sigstore.json', sigstoreBundle(index.digest));
  return { index, amd64, arm64, amd64Signature, arm64Signature, sbom, sbomSignature, indexSignature, count: 5 };
}

// --- BuildKit >= 0.32: attestations as OCI artifacts with a subject ---

export const BUILDKIT_ATTESTATION_TYPE = 'application/vnd.docker.attestation.manifest.v1+json';
const EMPTY_JSON = Buffer.from('{}');

/** One attestation manifest as BuildKit writes it with OCI artifact storage (the docs' example, field for field). */
export interface BuildKitAttestation {
  manifest: BuiltBlob;
  /** The OCI empty descriptor, with its `data`. */
  config: BuiltBlob;
  /** In-toto statements: an SPDX SBOM and SLSA provenance. */
  layers: BuiltBlob[];
  /** Its entry in the index (`unknown/unknown`, `vnd.docker.reference.*`). */
  entry: Descriptor;
}

export interface BuildKitImage {
  index: BuiltBlob;
  images: BuiltImage[];
  attestations: BuildKitAttestation[];
}

function blob(bytes: Buffer, mediaType: string, extra: Partial<Descriptor> = {}): BuiltBlob {
  return { bytes, descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length, ...extra } };
}

function inToto(image: Descriptor, predicateType: string, predicate: unknown): BuiltBlob {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    predicateType,
    subject: [{ name: '_', digest: { sha256: image.digest.slice('sha256:'.length) } }],
    predicate,
  };
  return blob(Buffer.from(JSON.stringify(statement)), 'application/vnd.in-toto+json', { annotations: { 'in-toto.io/predicate-type': predicateType } });
}

/** The attestation manifest of `image`: artifactType, the empty config, in-toto layers, `subject` the image. */
export function buildKitAttestation(image: BuiltImage): BuildKitAttestation {
  const subject = bare(image.manifest.descriptor);
  const config = blob(EMPTY_JSON, MediaType.Empty, { data: EMPTY_JSON.toString('base64') });
  const layers = [
    inToto(subject, 'https://spdx.dev/Document', { SPDXID: 'SPDXRef-DOCUMENT', spdxVersion: 'SPDX-2.3', name: 'sbom' }),
    inToto(subject, 'https://slsa.dev/provenance/v0.2', { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' }),
  ];
  const manifestJson = {
    mediaType: MediaType.ImageManifest,
    schemaVersion: 2,
    artifactType: BUILDKIT_ATTESTATION_TYPE,
    config: config.descriptor,
    layers: layers.map((layer) => layer.descriptor),
    subject,
  };
  const manifest = blob(Buffer.from(JSON.stringify(manifestJson)), MediaType.ImageManifest);
  const entry: Descriptor = {
    ...bare(manifest.descriptor),
    annotations: { 'vnd.docker.reference.digest': subject.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
    platform: { architecture: 'unknown', os: 'unknown' },
  };
  return { manifest, config, layers, entry };
}

/** A BuildKit image for `platforms`: the platform manifests first, their attestation manifests after them. */
export async function buildKitImage(platforms: Platform[], salt = 'buildkit'): Promise<BuildKitImage> {
  const work = makeTempDir('ocikit-buildkit-');
  const images: BuiltImage[] = [];
  for (const platform of platforms) {
    images.push(
      await buildImage(work, {
        platform,
        layers: [
          { files: { 'etc/os-release': `ID=${salt}\n` } },
          { files: { [`usr/bin/app-${platform.architecture}`]: `x:#!/bin/sh\necho ${salt} ${platform.architecture}\n` } },
        ],
      }),
    );
  }
  const attestations = images.map(buildKitAttestation);
  const indexJson = {
    mediaType: MediaType.ImageIndex,
    schemaVersion: 2,
    manifests: [...images.map((image) => ({ ...bare(image.manifest.descriptor), platform: image.platform })), ...attestations.map((a) => a.entry)],
  };
  return { index: blob(Buffer.from(JSON.stringify(indexJson)), MediaType.ImageIndex), images, attestations };
}

/**
 * Pushes a BuildKit image to a registry the way BuildKit (containerd's pusher)
 * does: blobs, then manifests with plain PUTs, the index last under `tag`. No
 * client-side referrers bookkeeping: on a registry without the referrers API
 * nothing lists the attestations as referrers.
 */
export async function pushBuildKitImage(registryUrl: string, repository: string, built: BuildKitImage, tag: string): Promise<void> {
  const blobs = [...built.images.flatMap((image) => [image.config, ...image.layers]), ...built.attestations.flatMap((a) => [a.config, ...a.layers])];
  const seen = new Set<string>();
  for (const item of blobs) {
    if (seen.has(item.descriptor.digest)) continue;
    seen.add(item.descriptor.digest);
    const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
    if (start.status !== 202) throw new Error(`POST blob upload: ${start.status} ${await start.text()}`);
    const location = new URL(start.headers.get('location')!, registryUrl);
    location.searchParams.set('digest', item.descriptor.digest);
    const put = await fetch(location, { method: 'PUT', body: item.bytes, headers: { 'content-type': 'application/octet-stream' } });
    if (put.status !== 201) throw new Error(`PUT blob ${item.descriptor.digest}: ${put.status} ${await put.text()}`);
  }
  const manifests = [...built.images.map((image) => image.manifest), ...built.attestations.map((a) => a.manifest)];
  for (const manifest of manifests) await putManifest(registryUrl, repository, manifest, manifest.descriptor.digest);
  await putManifest(registryUrl, repository, built.index, tag);
}

async function putManifest(registryUrl: string, repository: string, manifest: BuiltBlob, reference: string): Promise<void> {
  const response = await fetch(`${registryUrl}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    body: manifest.bytes,
    headers: { 'content-type': manifest.descriptor.mediaType },
  });
  if (response.status !== 201) throw new Error(`PUT manifest ${reference}: ${response.status} ${await response.text()}`);
}

/** Pushes a BuildKit image into a Target (a layout) as BuildKit's `oci` exporter lays it out: everything in blobs/, the index tagged. */
export async function writeBuildKitImage(target: Target, built: BuildKitImage, tag: string): Promise<void> {
  for (const image of built.images) {
    await pushBlob(target, image.config);
    for (const layer of image.layers) await pushBlob(target, layer);
    await target.pushManifest(bare(image.manifest.descriptor), image.manifest.bytes);
  }
  for (const attestation of built.attestations) {
    await pushBlob(target, attestation.config);
    for (const layer of attestation.layers) await pushBlob(target, layer);
    await target.pushManifest(bare(attestation.manifest.descriptor), attestation.manifest.bytes);
  }
  await target.pushManifest(bare(built.index.descriptor), built.index.bytes, tag);
}
