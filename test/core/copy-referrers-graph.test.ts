// copy --referrers carries the referrers of every manifest of the graph it copies
// (each platform manifest's signatures and SBOMs, and theirs), and a referrer
// copied by digest brings its subject chain along: what `oras cp -r` / `oras cp`
// do (oras 1.3.6: cmd/oras/root/cp.go recursiveCopy + oras-go's ExtendedCopyGraph,
// whose successors of a manifest include its subject). Every source and
// destination kind: distribution (tag schema), ggcr and olareg (referrers API),
// OCI layouts (index.json), the layouts oras and zot write included.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Descriptor, FetchedBlobSource, type ImageIndex, MediaType, OciLayoutStore, RemoteRepository, type Target, attachArtifact, copyGraph, digestOf, discoverReferrers } from '@ocikit/core';
import { type FaultRule, startFaultProxy } from '../harness/fault-proxy.js';
import { type PlatformGraph, type Shape, expectedShapes, pushPlatformGraph, shapeOf } from '../harness/referrers-graph.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');
const olareg = useApiRegistry('olareg');

type Kind = 'distribution' | 'ggcr' | 'olareg' | 'layout';
const REGISTRIES: Array<Exclude<Kind, 'layout'>> = ['distribution', 'ggcr', 'olareg'];
const KINDS: Kind[] = [...REGISTRIES, 'layout'];

const open: Target[] = [];
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

let serial = 0;
/** A fresh repository (or layout) of that kind. */
async function store(kind: Kind, warnings: string[] = []): Promise<Target> {
  const name = `graph/app-${serial++}`;
  const target =
    kind === 'layout'
      ? await OciLayoutStore.open(join(makeTempDir('ocikit-graph-layout-'), 'layout'), { create: true })
      : new RemoteRepository(
          { registry: { distribution, ggcr, olareg }[kind].host, repository: name },
          { referrersSettleMs: 0, onWarning: (m) => warnings.push(m) },
        );
  open.push(target);
  return target;
}

async function shapeAt(target: Target, subject: Descriptor): Promise<Shape> {
  return shapeOf((await discoverReferrers(target, subject.digest)).referrers);
}

const holds = (target: Target, descriptor: Descriptor): Promise<boolean> => target.exists(descriptor);

describe.each(REGISTRIES)('from %s', (sourceKind) => {
  let source: Target;
  let graph: PlatformGraph;

  beforeAll(async () => {
    source = await store(sourceKind);
    graph = await pushPlatformGraph(source, 'v1', `from-${sourceKind}`);
    // The source itself lists what the test expects.
    const shapes = expectedShapes(graph);
    expect(await shapeAt(source, graph.arm64)).toEqual(shapes.arm64);
  });

  it.each(KINDS)("copy --referrers of the index to %s carries every platform manifest's referrers, and theirs", async (destinationKind) => {
    const destination = await store(destinationKind);
    const result = await copyGraph(source, 'v1', destination, 'v1', { referrers: true });
    expect(result.referrers).toEqual({ copied: graph.count, skipped: 0 });
    const shapes = expectedShapes(graph);
    expect(await shapeAt(destination, graph.index)).toEqual(shapes.index);
    expect(await shapeAt(destination, graph.amd64)).toEqual(shapes.amd64);
    expect(await shapeAt(destination, graph.arm64)).toEqual(shapes.arm64);
    // Again: all there and listed.
    const again = await copyGraph(source, 'v1', destination, 'v1', { referrers: true });
    expect(again.referrers).toEqual({ copied: 0, skipped: graph.count });
  });

  it.each(KINDS)("a referrer copied by digest to %s brings its subject and its subject's subject, and nothing else", async (destinationKind) => {
    const destination = await store(destinationKind);
    const result = await copyGraph(source, graph.sbomSignature.digest, destination);
    expect(result.descriptor.digest).toBe(graph.sbomSignature.digest);
    // The signature, the SBOM it signs, the arm64 image the SBOM describes (with its config and layer).
    expect(result.manifests).toEqual({ copied: 3, skipped: 0 });
    for (const manifest of [graph.sbomSignature, graph.sbom, graph.arm64]) expect(await holds(destination, manifest)).toBe(true);
    // Not the index, not the other platform, not the subject's other referrers (oras cp copies none of them).
    for (const manifest of [graph.index, graph.amd64, graph.arm64Signature]) expect(await holds(destination, manifest)).toBe(false);
    // A complete graph: each link is listed at the destination.
    expect(await shapeAt(destination, graph.arm64)).toEqual({ [graph.sbom.digest]: { [graph.sbomSignature.digest]: {} } });
  });

  it.each(KINDS)('with --referrers, a referrer copied to %s brings its own referrers and its subject, not its siblings', async (destinationKind) => {
    const destination = await store(destinationKind);
    const result = await copyGraph(source, graph.sbom.digest, destination, undefined, { referrers: true });
    expect(result.referrers).toEqual({ copied: 1, skipped: 0 });
    expect(await shapeAt(destination, graph.arm64)).toEqual({ [graph.sbom.digest]: { [graph.sbomSignature.digest]: {} } });
    expect(await holds(destination, graph.arm64Signature)).toBe(false);
  });
});

describe('an index of indexes', () => {
  it('copy --referrers carries the referrers of the manifests of the inner index too', async () => {
    const source = await store('olareg');
    const graph = await pushPlatformGraph(source, 'v1', 'nested');
    const outer = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [graph.index] }));
    await source.pushManifest({ mediaType: MediaType.ImageIndex, digest: digestOf(outer), size: outer.length }, outer, 'nested');
    const destination = await store('distribution');
    const result = await copyGraph(source, 'nested', destination, 'nested', { referrers: true });
    expect(result.referrers).toEqual({ copied: graph.count, skipped: 0 });
    const shapes = expectedShapes(graph);
    expect(await shapeAt(destination, graph.index)).toEqual(shapes.index);
    expect(await shapeAt(destination, graph.arm64)).toEqual(shapes.arm64);
    expect(await shapeAt(destination, graph.amd64)).toEqual(shapes.amd64);
  });
});

describe('subjects a copy cannot or need not bring', () => {
  it('a referrer whose subject the source no longer holds is copied with a warning', async () => {
    const source = await store('distribution');
    const missing: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(Buffer.from('gone')), size: 4 };
    const empty = Buffer.from('{}');
    const emptyDescriptor: Descriptor = { mediaType: MediaType.Empty, digest: digestOf(empty), size: 2 };
    await source.pushBlob({ descriptor: emptyDescriptor, open: () => Readable.from([empty]) });
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: 'application/vnd.example.note', config: emptyDescriptor, layers: [emptyDescriptor], subject: missing }));
    const orphan: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(bytes), size: bytes.length };
    await source.pushManifest(orphan, bytes);

    const warnings: string[] = [];
    const destination = await store('olareg');
    const result = await copyGraph(source, orphan.digest, destination, undefined, { progress: { warning: (m) => warnings.push(m) } });
    expect(result.manifests.copied).toBe(1);
    expect(await holds(destination, orphan)).toBe(true);
    expect(warnings).toEqual([expect.stringContaining(`does not hold ${missing.digest}, the subject of ${orphan.digest}`)]);
  });

  it('a destination that holds a referrer but not its subject (an older copy) gets the subject', async () => {
    const source = await store('ggcr');
    const graph = await pushPlatformGraph(source, 'v1', 'older-copy');
    const destination = await store('distribution');
    // What a copy that did not follow subjects left: the referrer alone.
    const fetched = await source.fetchManifest(graph.sbom);
    await copyWithoutSubject(source, destination, graph.sbom, fetched.bytes);
    expect(await holds(destination, graph.arm64)).toBe(false);

    await copyGraph(source, graph.sbom.digest, destination);
    expect(await holds(destination, graph.arm64)).toBe(true);
    expect(await shapeAt(destination, graph.arm64)).toEqual({ [graph.sbom.digest]: {} });
  });
});

/** A referrer's manifest PUT answered as a referrers-API registry answers it, by the proxy alone. */
function acknowledged(referrer: Descriptor, subject: Descriptor): FaultRule['fault'] {
  return { kind: 'status', status: 201, headers: { 'docker-content-digest': referrer.digest, 'oci-subject': subject.digest } };
}

describe('a destination whose listing loses an entry', () => {
  it('a referrer the registry acknowledged but does not list is stored again, and the copy lists it', async () => {
    const source = await store('ggcr');
    const graph = await pushPlatformGraph(source, 'v1', 'lost-entry');
    // The registry answers the SBOM's first PUT as stored and keeps nothing: a lost write.
    const proxy = await startFaultProxy(ggcr.url, [{ match: { method: 'PUT', path: new RegExp(`/manifests/${graph.sbom.digest}$`) }, nth: [1], fault: acknowledged(graph.sbom, graph.arm64) }]);
    try {
      const destination = new RemoteRepository({ registry: proxy.host, repository: `graph/lost-${serial++}` });
      open.push(destination);
      const warnings: string[] = [];
      const result = await copyGraph(source, 'v1', destination, 'v1', { referrers: true, progress: { warning: (m) => warnings.push(m) } });
      expect(result.referrers).toEqual({ copied: graph.count, skipped: 0 });
      expect(await shapeAt(destination, graph.arm64)).toEqual(expectedShapes(graph).arm64);
      expect(proxy.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${graph.sbom.digest}`))).toHaveLength(2);
      expect(warnings).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('a registry that never lists a stored referrer gets it stored a bounded number of times, and a warning that names it', async () => {
    const source = await store('ggcr');
    const graph = await pushPlatformGraph(source, 'v1', 'never-listed');
    const proxy = await startFaultProxy(ggcr.url, [{ match: { method: 'PUT', path: new RegExp(`/manifests/${graph.sbom.digest}$`) }, fault: acknowledged(graph.sbom, graph.arm64) }]);
    try {
      const destination = new RemoteRepository({ registry: proxy.host, repository: `graph/never-${serial++}` });
      open.push(destination);
      const warnings: string[] = [];
      await copyGraph(source, graph.arm64.digest, destination, undefined, { referrers: true, progress: { warning: (m) => warnings.push(m) } });
      expect(proxy.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${graph.sbom.digest}`))).toHaveLength(4);
      expect(warnings).toContainEqual(expect.stringContaining(`does not list ${graph.sbom.digest} among the referrers of ${graph.arm64.digest}`));
    } finally {
      await proxy.stop();
    }
  });

  it('a referrer the destination holds but does not list (an interrupted copy) is stored again, and gets listed', async () => {
    const source = await store('ggcr');
    const graph = await pushPlatformGraph(source, 'v1', 'held-unlisted');
    const destination = await store('distribution');
    await copyGraph(source, graph.arm64.digest, destination);
    // The SBOM stored with a plain PUT, as a copy cut off before its sha256-<hex> tag index was written leaves it.
    const fetched = await source.fetchManifest(graph.sbom);
    await copyBlobsOf(source, destination, fetched.bytes);
    const put = await fetch(`${distribution.url}/v2/${destination.name.split('/').slice(1).join('/')}/manifests/${graph.sbom.digest}`, {
      method: 'PUT',
      headers: { 'content-type': graph.sbom.mediaType },
      body: Buffer.from(fetched.bytes),
    });
    expect(put.status).toBe(201);
    expect(await shapeAt(destination, graph.arm64)).toEqual({});

    await copyGraph(source, graph.arm64.digest, destination, undefined, { referrers: true });
    expect(await shapeAt(destination, graph.arm64)).toEqual(expectedShapes(graph).arm64);
  });

  it('olareg, which updates a listing by an unlocked read-modify-write, lists every one of many referrers copied at once', async () => {
    const source = await store('ggcr');
    const graph = await pushPlatformGraph(source, 'v1', 'many-at-once');
    const work = makeTempDir('ocikit-many-referrers-');
    const referrers: Descriptor[] = [graph.amd64Signature];
    for (let i = 0; i < 11; i++) {
      const path = join(work, `note-${i}.json`);
      await writeFile(path, JSON.stringify({ note: i }));
      referrers.push((await attachArtifact(source, graph.amd64.digest, { files: [{ path }], artifactType: 'application/vnd.example.note' })).descriptor);
    }
    // Stored all at once, olareg 0.2.2 loses about one entry in every such copy
    // (21 in 20 copies, measured without the re-store): eight copies make a pass
    // without the re-store a chance of about one in a thousand.
    for (let round = 0; round < 8; round++) {
      const destination = await store('olareg');
      await copyGraph(source, graph.amd64.digest, destination, undefined, { referrers: true, concurrency: referrers.length });
      const listed = (await discoverReferrers(destination, graph.amd64.digest)).referrers.map((n) => n.descriptor.digest).sort();
      expect(listed).toEqual(referrers.map((d) => d.digest).sort());
    }
  });
});

/** Copies the config and layers of one image manifest (`bytes`), not the manifest. */
async function copyBlobsOf(source: Target, destination: Target, bytes: Uint8Array): Promise<void> {
  const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { config: Descriptor; layers: Descriptor[] };
  for (const blob of [parsed.config, ...parsed.layers]) {
    const from = new FetchedBlobSource(source, blob);
    try {
      await destination.pushBlob(from);
    } finally {
      from.close();
    }
  }
}

/** Copies one manifest and its blobs but not its subject: what a copy without subjects did. */
async function copyWithoutSubject(source: Target, destination: Target, manifest: Descriptor, bytes: Uint8Array): Promise<void> {
  await copyBlobsOf(source, destination, bytes);
  await destination.pushManifest(manifest, bytes);
}

describe('a layout whose index.json lists referrers without artifactType or annotations (zot, older oras)', () => {
  it('is read from the manifests themselves: discover and copy --referrers see the whole graph', async () => {
    // Built on a layout by ocikit, then index.json rewritten in zot's shape: every manifest listed
    // (the platform manifests and referrers too) with mediaType, digest and size only.
    const built = await store('layout');
    const graph = await pushPlatformGraph(built, 'v1', 'zot-shape');
    const dir = (built as OciLayoutStore).name.slice('oci-layout:'.length);
    const listed = (d: Descriptor): Descriptor => ({ mediaType: d.mediaType, digest: d.digest, size: d.size });
    const zot: ImageIndex = {
      schemaVersion: 2,
      mediaType: MediaType.ImageIndex,
      manifests: [
        { ...listed(graph.index), annotations: { 'org.opencontainers.image.ref.name': 'v1' } },
        ...[graph.amd64, graph.arm64, graph.amd64Signature, graph.arm64Signature, graph.sbom, graph.sbomSignature, graph.indexSignature].map(listed),
      ],
    };
    await writeFile(join(dir, 'index.json'), JSON.stringify(zot));

    const layout = await OciLayoutStore.open(dir);
    open.push(layout);
    const shapes = expectedShapes(graph);
    expect(await shapeAt(layout, graph.arm64)).toEqual(shapes.arm64);
    const sbom = (await discoverReferrers(layout, graph.arm64.digest)).referrers.find((n) => n.descriptor.digest === graph.sbom.digest)!;
    expect(sbom.descriptor.artifactType).toBe('application/spdx+json');

    for (const kind of ['distribution', 'olareg'] as const) {
      const destination = await store(kind);
      const result = await copyGraph(layout, 'v1', destination, 'v1', { referrers: true });
      expect(result.referrers).toEqual({ copied: graph.count, skipped: 0 });
      expect(await shapeAt(destination, graph.arm64)).toEqual(shapes.arm64);
      expect(await shapeAt(destination, graph.amd64)).toEqual(shapes.amd64);
    }
  });

  it("lists a referrer's unlisted subject in index.json, so tools that resolve only listed digests (oras) can name it", async () => {
    const source = await store('distribution');
    const graph = await pushPlatformGraph(source, 'v1', 'listed-subjects');
    const dir = join(makeTempDir(), 'layout');
    const layout = await OciLayoutStore.open(dir, { create: true });
    open.push(layout);
    await copyGraph(source, 'v1', layout, 'v1', { referrers: true });
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ImageIndex;
    const entries = index.manifests.map((d) => `${d.digest} ${d.annotations?.['org.opencontainers.image.ref.name'] ?? ''}`.trim());
    expect(entries.sort()).toEqual(
      [
        `${graph.index.digest} v1`,
        graph.amd64.digest,
        graph.arm64.digest,
        graph.amd64Signature.digest,
        graph.arm64Signature.digest,
        graph.sbom.digest,
        graph.sbomSignature.digest,
        graph.indexSignature.digest,
      ].sort(),
    );
  });
});
