// BuildKit >= 0.32 stores an image's attestations as OCI artifacts: a manifest
// with artifactType application/vnd.docker.attestation.manifest.v1+json, the
// empty config, in-toto layers, and `subject` the image; still listed in the
// index (`unknown/unknown`, `vnd.docker.reference.*`). The fixture is built by
// hand from moby/buildkit docs/attestations/attestation-storage.md and pushed as
// BuildKit pushes (plain PUTs: nothing lists the attestations as referrers on a
// registry without the API). copy, discover, recompress and index keep them with
// their images and recognise them as referrers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  OciLayoutStore,
  RemoteRepository,
  type Target,
  assembleIndex,
  copyGraph,
  discoverReferrers,
  parseManifest,
  recompress,
  referrerKindName,
  removeFromIndex,
  renderReferrersMermaid,
} from '@ocikit/core';
import { AMD64, ARM64, BUILDKIT_ATTESTATION_TYPE, type BuildKitImage, buildKitImage, pushBuildKitImage } from '../harness/referrers-graph.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');
const olareg = useApiRegistry('olareg');

type RegistryKind = 'distribution' | 'ggcr' | 'olareg';
const REGISTRIES: RegistryKind[] = ['distribution', 'ggcr', 'olareg'];
const host = (kind: RegistryKind): string => ({ distribution, ggcr, olareg })[kind].host;
const url = (kind: RegistryKind): string => ({ distribution, ggcr, olareg })[kind].url;

const open: Target[] = [];
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

let serial = 0;
function repository(kind: RegistryKind, name = `buildkit/app-${serial++}`): RemoteRepository {
  const target = new RemoteRepository({ registry: host(kind), repository: name }, { referrersSettleMs: 0 });
  open.push(target);
  return target;
}

async function layout(): Promise<OciLayoutStore> {
  const target = await OciLayoutStore.open(join(makeTempDir('ocikit-buildkit-layout-'), 'layout'), { create: true });
  open.push(target);
  return target;
}

async function readManifest<T extends ImageIndex | ImageManifest>(target: Target, reference: string | Descriptor): Promise<{ descriptor: Descriptor; manifest: T }> {
  const fetched = await target.fetchManifest(reference);
  return { descriptor: fetched.descriptor, manifest: parseManifest(fetched.bytes, 'test', fetched.descriptor.mediaType) as T };
}

/** The attestation referrers of `image` at `target`, as discover lists them: digest and artifact type. */
async function attestationsOf(target: Target, image: Descriptor): Promise<Array<{ digest: string; artifactType?: string }>> {
  return (await discoverReferrers(target, image.digest)).referrers.map((n) => ({ digest: n.descriptor.digest, ...(n.descriptor.artifactType ? { artifactType: n.descriptor.artifactType } : {}) }));
}

describe.each(REGISTRIES)('a BuildKit image pushed to %s', (sourceKind) => {
  let built: BuildKitImage;
  let source: RemoteRepository;

  beforeAll(async () => {
    built = await buildKitImage([AMD64, ARM64], `bk-${sourceKind}`);
    const name = `buildkit/source-${serial++}`;
    await pushBuildKitImage(url(sourceKind), name, built, 'v1');
    source = repository(sourceKind, name);
  });

  it('is what the docs show: attestations after the images, unknown/unknown, each naming its image twice', async () => {
    const { manifest: index } = await readManifest<ImageIndex>(source, 'v1');
    expect(index.manifests.slice(2).map((e) => e.platform)).toEqual([{ architecture: 'unknown', os: 'unknown' }, { architecture: 'unknown', os: 'unknown' }]);
    for (const [i, attestation] of built.attestations.entries()) {
      const { manifest } = await readManifest<ImageManifest>(source, attestation.entry);
      expect(manifest.artifactType).toBe(BUILDKIT_ATTESTATION_TYPE);
      expect(manifest.subject?.digest).toBe(built.images[i]!.manifest.descriptor.digest);
      expect(index.manifests[2 + i]!.annotations?.['vnd.docker.reference.digest']).toBe(built.images[i]!.manifest.descriptor.digest);
    }
  });

  it.each([...REGISTRIES, 'layout'] as const)('copy (with --referrers) to %s keeps the index as it is and lists each attestation as a referrer of its image', async (destinationKind) => {
    const destination = destinationKind === 'layout' ? await layout() : repository(destinationKind);
    const result = await copyGraph(source, 'v1', destination, 'v1', { referrers: true });
    // The attestations travel in the index; listed at the source or not, they are not copied twice as referrers.
    expect(result.referrers).toEqual({ copied: 0, skipped: 0 });
    expect(Buffer.from((await destination.fetchManifest('v1')).bytes)).toEqual(built.index.bytes);
    for (const [i, image] of built.images.entries()) {
      expect(await attestationsOf(destination, image.manifest.descriptor)).toEqual([
        { digest: built.attestations[i]!.manifest.descriptor.digest, artifactType: BUILDKIT_ATTESTATION_TYPE },
      ]);
    }
  });

  it('copying an attestation by digest brings the image it describes', async () => {
    const destination = repository('olareg');
    const attestation = built.attestations[1]!;
    await copyGraph(source, attestation.manifest.descriptor.digest, destination);
    expect(await destination.exists(built.images[1]!.manifest.descriptor)).toBe(true);
    expect(await attestationsOf(destination, built.images[1]!.manifest.descriptor)).toEqual([{ digest: attestation.manifest.descriptor.digest, artifactType: BUILDKIT_ATTESTATION_TYPE }]);
  });
});

describe('discover', () => {
  it('lists the attestations of an image where the registry lists them, and names them', async () => {
    const built = await buildKitImage([AMD64], 'bk-discover');
    await pushBuildKitImage(olareg.url, 'buildkit/discover', built, 'v1');
    const target = repository('olareg', 'buildkit/discover');
    const result = await discoverReferrers(target, built.images[0]!.manifest.descriptor.digest);
    expect(result.referrers.map((n) => n.descriptor.artifactType)).toEqual([BUILDKIT_ATTESTATION_TYPE]);
    expect(referrerKindName(BUILDKIT_ATTESTATION_TYPE)).toBe('attestations (BuildKit)');
    expect(renderReferrersMermaid(result, target.name)).toContain('attestations (BuildKit)');
  });
});

describe.each(['distribution', 'olareg'] as const)('recompress on %s', (kind) => {
  let built: BuildKitImage;
  let name: string;

  beforeAll(async () => {
    built = await buildKitImage([AMD64, ARM64], `bk-zstd-${kind}`);
    name = `buildkit/zstd-${serial++}`;
    await pushBuildKitImage(url(kind), name, built, 'v1');
  });

  /** Checks that `entry` is `original` stored again for `image`: same content, subject and annotation the image. */
  async function expectReattested(target: Target, entry: Descriptor, original: BuildKitImage['attestations'][number], image: Descriptor): Promise<void> {
    expect(entry.digest).not.toBe(original.manifest.descriptor.digest);
    expect(entry.annotations).toEqual({ 'vnd.docker.reference.digest': image.digest, 'vnd.docker.reference.type': 'attestation-manifest' });
    expect(entry.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
    const { manifest } = await readManifest<ImageManifest>(target, entry);
    const before = JSON.parse(original.manifest.bytes.toString('utf8')) as ImageManifest;
    expect(manifest).toEqual({ ...before, subject: { mediaType: image.mediaType, digest: image.digest, size: image.size } });
    expect(await attestationsOf(target, image)).toEqual([{ digest: entry.digest, artifactType: BUILDKIT_ATTESTATION_TYPE }]);
  }

  it('replace: each attestation follows its image, in the index and as its referrer', async () => {
    const target = repository(kind, name);
    const result = await recompress(target, 'v1', target, 'v1-zstd');
    const { manifest: index } = await readManifest<ImageIndex>(target, 'v1-zstd');
    expect(index.manifests).toHaveLength(4);
    for (const [i, attestation] of built.attestations.entries()) {
      await expectReattested(target, index.manifests[2 + i]!, attestation, index.manifests[i]!);
    }
    // Reported as moved, like the images.
    expect(result.rewritten.map((r) => r.from.digest)).toEqual([
      ...built.images.map((image) => image.manifest.descriptor.digest),
      ...built.attestations.map((a) => a.manifest.descriptor.digest),
      built.index.descriptor.digest,
    ]);
  });

  it('add: the gzip images keep their attestations; the zstd variants get their own', async () => {
    const target = repository(kind, name);
    const destination = repository(kind);
    await recompress(target, 'v1', destination, 'v1', { mode: 'add' });
    const { manifest: index } = await readManifest<ImageIndex>(destination, 'v1');
    const original = JSON.parse(built.index.bytes.toString('utf8')) as ImageIndex;
    expect(index.manifests.slice(0, 4)).toEqual(original.manifests);
    const variants = index.manifests.slice(4, 6);
    for (const [i, attestation] of built.attestations.entries()) {
      await expectReattested(destination, index.manifests[6 + i]!, attestation, variants[i]!);
      // The gzip image's own attestation is still its referrer at the destination.
      expect(await attestationsOf(destination, built.images[i]!.manifest.descriptor)).toEqual([{ digest: attestation.manifest.descriptor.digest, artifactType: BUILDKIT_ATTESTATION_TYPE }]);
    }
  });
});

describe('index create and remove', () => {
  it('bring each attestation with its image, never as a platform, and take it away with it', async () => {
    const built = await buildKitImage([AMD64, ARM64], 'bk-index');
    await pushBuildKitImage(distribution.url, 'buildkit/built', built, 'v1');
    const source = repository('distribution', 'buildkit/built');
    const destination = repository('olareg', 'buildkit/released');
    const created = await assembleIndex(destination, [{ target: source, selector: 'v1' }], ['v1']);
    expect(created.index.manifests.map((e) => e.digest)).toEqual(JSON.parse(built.index.bytes.toString('utf8')).manifests.map((e: Descriptor) => e.digest));
    for (const [i, image] of built.images.entries()) {
      expect(await attestationsOf(destination, image.manifest.descriptor)).toEqual([{ digest: built.attestations[i]!.manifest.descriptor.digest, artifactType: BUILDKIT_ATTESTATION_TYPE }]);
    }
    const removed = await removeFromIndex(destination, 'v1', [ARM64]);
    expect(removed.index.manifests.map((e) => e.digest)).toEqual([built.images[0]!.manifest.descriptor.digest, built.attestations[0]!.manifest.descriptor.digest]);
  });
});
