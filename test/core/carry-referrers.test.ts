// Which referrers of a recompressed manifest are carried onto the new one: a pure
// function over manifest bytes (the registry round trip is in recompress.test.ts).
import { describe, expect, it } from '@jest/globals';
import { type Descriptor, MediaType, digestOf, encodeManifest } from '@ocikit/core';
import { carryReferrer } from '../../packages/core/src/compress/carry-referrers.js';

const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(new TextEncoder().encode('{}')), size: 2 };
const OLD: Descriptor = { mediaType: MediaType.ImageManifest, digest: `sha256:${'a'.repeat(64)}`, size: 500 };
const NEW: Descriptor = { mediaType: MediaType.ImageManifest, digest: `sha256:${'b'.repeat(64)}`, size: 480 };

function referrer(artifactType: string | undefined, layerType: string): { descriptor: Descriptor; bytes: Uint8Array } {
  const layer: Descriptor = { mediaType: layerType, digest: `sha256:${'c'.repeat(64)}`, size: 10 };
  const manifest = {
    schemaVersion: 2 as const,
    mediaType: MediaType.ImageManifest,
    ...(artifactType ? { artifactType } : {}),
    config: EMPTY,
    layers: [layer],
    subject: OLD,
    annotations: { 'org.opencontainers.image.created': '2026-11-22T00:00:00Z' },
  };
  const bytes = encodeManifest(manifest);
  return { descriptor: { mediaType: MediaType.ImageManifest, digest: digestOf(bytes), size: bytes.length }, bytes };
}

describe('carryReferrer', () => {
  it('points an SBOM at the new manifest and changes nothing else', () => {
    const sbom = referrer('application/vnd.cyclonedx+json', 'application/vnd.cyclonedx+json');
    const carried = carryReferrer(sbom.descriptor, sbom.bytes, NEW)!;
    const before = JSON.parse(new TextDecoder().decode(sbom.bytes));
    expect(JSON.parse(new TextDecoder().decode(carried.bytes))).toEqual({ ...before, subject: NEW });
    expect(carried.descriptor).toEqual({ mediaType: MediaType.ImageManifest, digest: digestOf(carried.bytes), size: carried.bytes.length, artifactType: 'application/vnd.cyclonedx+json' });
    expect(carried.blobs).toEqual([EMPTY, before.layers[0]]);
  });

  it('leaves whatever signs or names the old digest, by artifact type or by what a layer is, older bundle types included', () => {
    const bound = [
      referrer('application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.sigstore.bundle.v0.3+json'),
      referrer('application/vnd.dev.sigstore.bundle+json', 'application/vnd.dev.sigstore.bundle+json'), // v0.1 and v0.2, as attach stores them
      referrer('application/vnd.cncf.notary.signature', 'application/jose+json'),
      referrer('application/vnd.dev.cosign.artifact.sig.v1+json', 'application/vnd.dev.cosign.simplesigning.v1+json'),
      referrer('application/vnd.example.provenance', 'application/vnd.dsse.envelope.v1+json'),
      referrer(undefined, 'application/vnd.in-toto+json'),
    ];
    expect(bound.map((r) => carryReferrer(r.descriptor, r.bytes, NEW))).toEqual(bound.map(() => undefined));
  });
});
