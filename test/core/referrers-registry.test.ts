// The referrers chain on the real registry, Debian's docker-registry (distribution
// 2.8.2), which has no referrers API: everything here goes through the
// `sha256-<hex>` tag schema (distribution-spec 1.1, "Unavailable Referrers API").
// Registries that bend the spec are played by a fault proxy in front of it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import {
  type AttachResult,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  MediaType,
  OciLayoutStore,
  RemoteRepository,
  type RemoteRepositoryOptions,
  type Target,
  attachArtifact,
  copyGraph,
  digestOf,
  discoverReferrers,
  isOcikitError,
  pullArtifact,
  pushArtifact,
  referrersTag,
  selectReferrer,
  inFrontEndWords,
} from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { schemaErrors } from '../harness/oci-schema.js';
import { skopeo } from '../harness/peers.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const other = useRegistry();
const work = makeTempDir('ocikit-referrers-');

const open: RemoteRepository[] = [];
function repo(host: string, repository: string, options: RemoteRepositoryOptions = {}): RemoteRepository {
  const r = new RemoteRepository({ registry: host, repository }, options);
  open.push(r);
  return r;
}
afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
});

/** A small real image (a gzip layer of one file, its config) pushed and tagged. */
async function pushImage(target: Target, tag: string): Promise<Descriptor> {
  const dir = makeTempDir();
  await writeFile(join(dir, 'hello.txt'), `hello ${randomBytes(4).toString('hex')}\n`);
  const tar = execFileSync('tar', ['-C', dir, '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', 'hello.txt']);
  const layer = gzipSync(tar);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digestOf(tar)] }, config: {} }));
  const blob = (bytes: Buffer, mediaType: string): Descriptor => ({ mediaType, digest: digestOf(bytes), size: bytes.length });
  const layerDescriptor = blob(layer, MediaType.LayerGzip);
  const configDescriptor = blob(config, MediaType.ImageConfig);
  await target.pushBlob({ descriptor: layerDescriptor, open: () => Readable.from([layer]) });
  await target.pushBlob({ descriptor: configDescriptor, open: () => Readable.from([config]) });
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: configDescriptor, layers: [layerDescriptor] };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const descriptor = blob(bytes, MediaType.ImageManifest);
  await target.pushManifest(descriptor, bytes, tag);
  return descriptor;
}

let serial = 0;
async function file(name: string, document: unknown): Promise<string> {
  return writeJson(makeTempDir(), `${serial++}-${name}`, document);
}

/** The raw bytes of a manifest as the registry serves them (no ocikit in between). */
async function raw(host: string, repository: string, reference: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${reference}`, {
    headers: { accept: `${MediaType.ImageIndex}, ${MediaType.ImageManifest}` },
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

async function tagIndex(host: string, repository: string, subject: string): Promise<ImageIndex> {
  const { status, bytes } = await raw(host, repository, referrersTag(subject));
  expect(status).toBe(200);
  return JSON.parse(bytes.toString('utf8')) as ImageIndex;
}

interface Chain {
  subject: Descriptor;
  signature: AttachResult;
  sbom: AttachResult;
  sbomSignature: AttachResult;
  report: AttachResult;
  reportSignature: AttachResult;
}

/** app:v1 ├── signature ├── SBOM └── signature ├── SARIF └── signature — the chain. */
async function buildChain(target: Target, subject: Descriptor, subjectRef: string): Promise<Chain> {
  const signature = await attachArtifact(target, subjectRef, { files: [{ path: await file('app.sigstore.json', sigstoreBundle(subject.digest)) }] });
  const sbom = await attachArtifact(target, subjectRef, { files: [{ path: await file('sbom.spdx.json', spdx()) }], annotations: { 'org.example.sbom.tool': 'syft' } });
  const sbomSignature = await attachArtifact(target, sbom.descriptor.digest, { files: [{ path: await file('sbom.sigstore.json', sigstoreBundle(sbom.descriptor.digest)) }] });
  const report = await attachArtifact(target, subjectRef, { files: [{ path: await file('scan.sarif', sarif()) }] });
  const reportSignature = await attachArtifact(target, report.descriptor.digest, { files: [{ path: await file('scan.sigstore.json', sigstoreBundle(report.descriptor.digest)) }] });
  return { subject, signature, sbom, sbomSignature, report, reportSignature };
}

/** The discovered graph as nested digests, for comparison. */
type Shape = Record<string, unknown>;
function shapeOf(nodes: Array<{ descriptor: Descriptor; referrers: unknown[] }>): Shape {
  return Object.fromEntries(nodes.map((n) => [n.descriptor.digest, shapeOf(n.referrers as typeof nodes)]));
}
function chainShape(c: Chain): Shape {
  return {
    [c.signature.descriptor.digest]: {},
    [c.sbom.descriptor.digest]: { [c.sbomSignature.descriptor.digest]: {} },
    [c.report.descriptor.digest]: { [c.reportSignature.descriptor.digest]: {} },
  };
}

describe('the supply chain on a registry without the referrers API (tag schema)', () => {
  let target: RemoteRepository;
  let chain: Chain;

  beforeAll(async () => {
    target = repo(registry.host, 'chain/app');
    const subject = await pushImage(target, 'v1');
    chain = await buildChain(target, subject, 'v1');
  });

  it('attaches each kind with its types, its subject, the created annotation and user annotations', () => {
    expect(chain.sbom.manifest).toMatchObject({
      artifactType: 'application/spdx+json',
      subject: { mediaType: MediaType.ImageManifest, digest: chain.subject.digest, size: chain.subject.size },
      annotations: { 'org.example.sbom.tool': 'syft' },
    });
    expect(chain.sbom.manifest.annotations?.['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(chain.sbom.manifest.layers[0]?.mediaType).toBe('application/spdx+json');
    expect(chain.signature.manifest).toMatchObject({
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' },
    });
    expect(chain.report.manifest.artifactType).toBe('application/sarif+json');
    expect(chain.sbomSignature.manifest.subject?.digest).toBe(chain.sbom.descriptor.digest);
    for (const attached of [chain.signature, chain.sbom, chain.report]) {
      expect(attached.referrers).toMatchObject({ via: 'tag', tag: referrersTag(chain.subject.digest) });
      expect(schemaErrors('image-manifest-schema', attached.manifest)).toEqual([]);
    }
  });

  it('discovers the whole chain, three levels, from the tag schema', async () => {
    const graph = await discoverReferrers(target, 'v1');
    expect(graph.via).toBe('tag');
    expect(graph.count).toBe(5);
    expect(shapeOf(graph.referrers)).toEqual(chainShape(chain));
    expect(shapeOf((await discoverReferrers(target, 'v1', { depth: 1 })).referrers)).toEqual({
      [chain.signature.descriptor.digest]: {},
      [chain.sbom.descriptor.digest]: {},
      [chain.report.descriptor.digest]: {},
    });
    const sboms = await discoverReferrers(target, 'v1', { artifactType: 'application/spdx+json' });
    expect(shapeOf(sboms.referrers)).toEqual({ [chain.sbom.descriptor.digest]: {} });
  });

  it('writes the index exactly as the spec says, and it is what skopeo sees under sha256-<hex>', async () => {
    const tag = `sha256-${chain.subject.digest.slice('sha256:'.length)}`;
    expect(referrersTag(chain.subject.digest)).toBe(tag);
    const served = await raw(registry.host, 'chain/app', tag);
    expect(served.headers.get('content-type')).toBe(MediaType.ImageIndex);
    const index = JSON.parse(served.bytes.toString('utf8')) as ImageIndex;
    expect(schemaErrors('image-index-schema', index)).toEqual([]);
    expect(index.mediaType).toBe(MediaType.ImageIndex);
    expect(index.subject).toBeUndefined();
    // One descriptor per referrer of this subject: artifactType and every annotation copied from its manifest.
    const expected = [chain.signature, chain.sbom, chain.report].map((a) => ({
      mediaType: MediaType.ImageManifest,
      digest: a.descriptor.digest,
      size: a.descriptor.size,
      artifactType: a.manifest.artifactType,
      annotations: a.manifest.annotations,
    }));
    expect(index.manifests).toEqual(expected);
    // skopeo reads the same document from the same tag.
    const seen = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/chain/app:${tag}`]);
    expect(Buffer.from(seen.stdout)).toEqual(served.bytes);
    // The SBOM's own referrers have their own tag.
    expect((await tagIndex(registry.host, 'chain/app', chain.sbom.descriptor.digest)).manifests.map((d) => d.digest)).toEqual([chain.sbomSignature.descriptor.digest]);
  });

  it('works the same when the subject is an artifact, not an image', async () => {
    const dir = makeTempDir();
    await writeFile(join(dir, 'notes.txt'), 'release notes\n');
    const subject = await pushArtifact(target, { files: [{ path: join(dir, 'notes.txt') }], tags: ['notes'], artifactType: 'application/vnd.example.notes.v1' });
    const signature = await attachArtifact(target, 'notes', { files: [{ path: await file('notes.sigstore.json', sigstoreBundle(subject.descriptor.digest)) }] });
    const graph = await discoverReferrers(target, 'notes');
    expect(shapeOf(graph.referrers)).toEqual({ [signature.descriptor.digest]: {} });
  });

  it('picks the newest referrer of a type, and says there were several', async () => {
    const newer = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx('app-2')) }], sourceDateEpoch: 4_102_444_800 });
    const selected = await selectReferrer(target, 'v1', 'application/spdx+json');
    expect(selected.candidates.map((d) => d.digest)).toEqual([newer.descriptor.digest, chain.sbom.descriptor.digest]);
    expect(selected.chosen.digest).toBe(newer.descriptor.digest);
    const out = makeTempDir();
    const pulled = await pullArtifact(target, selected.chosen.digest, { outputDir: out });
    expect(JSON.parse(await readFile(pulled.files[0]!.path, 'utf8'))).toMatchObject({ name: 'app-2' });
    const missing = await selectReferrer(target, 'v1', 'application/vnd.cyclonedx+json').catch((e: unknown) => e);
    expect(isOcikitError(missing, 'NOT_FOUND')).toBe(true);
    expect((missing as Error & { hint: string }).hint).toContain('application/spdx+json');
    // Leave the chain as it was for the other tests.
    await target.deleteManifest(newer.descriptor);
  });

  it('takes a deleted referrer out of the index, and deletes the index it replaced', async () => {
    const extra = await attachArtifact(target, 'v1', { files: [{ path: await file('extra.sarif', sarif()) }] });
    const before = await raw(registry.host, 'chain/app', referrersTag(chain.subject.digest));
    const beforeDigest = digestOf(before.bytes);
    expect((JSON.parse(before.bytes.toString()) as ImageIndex).manifests.map((d) => d.digest)).toContain(extra.descriptor.digest);
    await target.deleteManifest(extra.descriptor);
    const after = await tagIndex(registry.host, 'chain/app', chain.subject.digest);
    expect(after.manifests.map((d) => d.digest)).not.toContain(extra.descriptor.digest);
    expect(after.manifests).toHaveLength(3);
    expect((await raw(registry.host, 'chain/app', beforeDigest)).status).toBe(404);
  });

  it('loses no referrer when 20 writers attach to one subject at once', async () => {
    const subject = await pushImage(target, 'busy');
    const writers = Array.from({ length: 20 }, (_, i) => i);
    const attached = await Promise.all(
      writers.map(async (i) => {
        // A repository (and connection pool) of its own each, as separate CI jobs have.
        const writer = repo(registry.host, 'chain/app');
        const path = await file(`report-${i}.sarif`, { ...sarif(), runs: [{ tool: { driver: { name: `scanner-${i}` } }, results: [] }] });
        return attachArtifact(writer, 'busy', { files: [{ path }], annotations: { 'org.example.job': String(i) } });
      }),
    );
    const index = await tagIndex(registry.host, 'chain/app', subject.digest);
    expect(new Set(index.manifests.map((d) => d.digest))).toEqual(new Set(attached.map((a) => a.descriptor.digest)));
    expect(index.manifests).toHaveLength(20);
    expect(index.manifests.map((d) => d.annotations?.['org.example.job']).sort((a, b) => Number(a) - Number(b))).toEqual(writers.map(String));
    expect(Math.max(...attached.map((a) => (a.referrers && 'attempts' in a.referrers ? (a.referrers.attempts ?? 0) : 0)))).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe('another client that writes the spec format', () => {
  it("is discovered, and its entries survive ocikit's updates of the index", async () => {
    const target = repo(registry.host, 'interop/app');
    const subject = await pushImage(target, 'v1');
    // As oras or regctl write it: an artifact manifest with a subject, then the index under the tag.
    const empty = Buffer.from('{}');
    await target.pushBlob({ descriptor: { mediaType: MediaType.Empty, digest: digestOf(empty), size: 2 }, open: () => Readable.from([empty]) });
    const foreign = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ImageManifest,
        artifactType: 'application/vnd.example.vex+json',
        config: { mediaType: MediaType.Empty, digest: digestOf(empty), size: 2 },
        layers: [{ mediaType: MediaType.Empty, digest: digestOf(empty), size: 2 }],
        subject,
        annotations: { 'org.opencontainers.image.created': '2025-06-01T00:00:00Z', 'org.example.by': 'another-client' },
      }),
    );
    const foreignDescriptor: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(foreign), size: foreign.length };
    let response = await fetch(`http://${registry.host}/v2/interop/app/manifests/${foreignDescriptor.digest}`, { method: 'PUT', headers: { 'content-type': MediaType.ImageManifest }, body: foreign });
    expect(response.status).toBe(201);
    const entry = { ...foreignDescriptor, artifactType: 'application/vnd.example.vex+json', annotations: { 'org.opencontainers.image.created': '2025-06-01T00:00:00Z', 'org.example.by': 'another-client' } };
    response = await fetch(`http://${registry.host}/v2/interop/app/manifests/${referrersTag(subject.digest)}`, {
      method: 'PUT',
      headers: { 'content-type': MediaType.ImageIndex },
      body: JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [entry] }),
    });
    expect(response.status).toBe(201);

    const reader = repo(registry.host, 'interop/app');
    const graph = await discoverReferrers(reader, 'v1');
    expect(graph.referrers.map((n) => n.descriptor)).toEqual([entry]);
    const sbom = await attachArtifact(reader, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const index = await tagIndex(registry.host, 'interop/app', subject.digest);
    expect(index.manifests[0]).toEqual(entry);
    expect(index.manifests.map((d) => d.digest)).toEqual([entry.digest, sbom.descriptor.digest]);

    // Its entries are kept as they are, even those only a tidy would touch: one twice, and one that is no manifest
    // (a layer media type, the digest a manifest's), which is no referrer to list either.
    const notAManifest = { ...foreignDescriptor, mediaType: MediaType.LayerGzip };
    const written = [entry, entry, notAManifest, index.manifests[1]!];
    response = await fetch(`http://${registry.host}/v2/interop/app/manifests/${referrersTag(subject.digest)}`, {
      method: 'PUT',
      headers: { 'content-type': MediaType.ImageIndex },
      body: JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: written }),
    });
    expect(response.status).toBe(201);
    expect((await reader.referrers(subject)).manifests).toEqual([entry, entry, index.manifests[1]]);
    const sarifReport = await attachArtifact(reader, 'v1', { files: [{ path: await file('scan.sarif', sarif()) }] });
    expect((await tagIndex(registry.host, 'interop/app', subject.digest)).manifests.map((d) => d.digest)).toEqual([...written.map((d) => d.digest), sarifReport.descriptor.digest]);
  });
});

describe('copy with the referrers graph', () => {
  let source: RemoteRepository;
  let chain: Chain;

  beforeAll(async () => {
    source = repo(registry.host, 'copy/app');
    chain = await buildChain(source, await pushImage(source, 'v1'), 'v1');
  });

  it('to another registry: the graph arrives and the tag schema is recreated there', async () => {
    const destination = repo(other.host, 'mirror/app');
    const result = await copyGraph(source, 'v1', destination, 'v1', { referrers: true });
    expect(result.referrers).toEqual({ copied: 5, skipped: 0 });
    expect(shapeOf((await discoverReferrers(destination, 'v1')).referrers)).toEqual(chainShape(chain));
    const byDigest = (index: ImageIndex): Descriptor[] => [...index.manifests].sort((a, b) => (a.digest < b.digest ? -1 : 1));
    expect(byDigest(await tagIndex(other.host, 'mirror/app', chain.subject.digest))).toEqual(byDigest(await tagIndex(registry.host, 'copy/app', chain.subject.digest)));
    // Again: everything is there and listed already.
    const again = await copyGraph(source, 'v1', destination, 'v1', { referrers: true });
    expect(again.referrers).toEqual({ copied: 0, skipped: 5 });
  });

  it('to an OCI layout and back to a registry: offline and online hold the same graph', async () => {
    const layout = await OciLayoutStore.open(join(work, 'copy-layout'), { create: true });
    await copyGraph(source, 'v1', layout, 'v1', { referrers: true });
    expect(shapeOf((await discoverReferrers(layout, 'v1')).referrers)).toEqual(chainShape(chain));
    const back = repo(other.host, 'from-layout/app');
    const result = await copyGraph(layout, 'v1', back, 'v1', { referrers: true });
    expect(result.referrers?.copied).toBe(5);
    expect(shapeOf((await discoverReferrers(back, 'v1')).referrers)).toEqual(chainShape(chain));
  });
});

describe('OCI 1.1 data: inlined small layers', () => {
  it('push and attach inline what fits, still upload it, and readers use and verify the inlined bytes', async () => {
    const target = repo(registry.host, 'inline/app');
    const subject = await pushImage(target, 'v1');
    const path = await file('small.spdx.json', spdx('tiny'));
    const attached = await attachArtifact(target, 'v1', { files: [{ path }], inlineMax: 4096 });
    const layer = attached.manifest.layers[0]!;
    expect(Buffer.from(layer.data!, 'base64')).toEqual(await readFile(path));
    expect(await target.exists({ ...layer, data: undefined } as Descriptor)).toBe(true); // uploaded all the same
    const big = await attachArtifact(target, 'v1', { files: [{ path }], inlineMax: 10 });
    expect(big.manifest.layers[0]!.data).toBeUndefined();
    void subject;

    // A layout reader takes the bytes from the descriptor, with no blob file at all, and checks them.
    const layout = await OciLayoutStore.open(join(work, 'inline-layout'), { create: true });
    await copyGraph(target, attached.descriptor.digest, layout);
    const blobFile = join(work, 'inline-layout', 'blobs', 'sha256', layer.digest.slice(7));
    await rm(blobFile);
    const out = makeTempDir();
    const pulled = await pullArtifact(layout, attached.descriptor.digest, { outputDir: out });
    expect(await readFile(pulled.files[0]!.path)).toEqual(await readFile(path));
    const tampered: Descriptor = { ...layer, data: Buffer.from('{"spdxVersion":"SPDX-2.3"}').toString('base64') };
    const error = await new Promise<unknown>((resolve) => {
      layout.fetchBlob(tampered).then((stream) => stream.on('error', resolve).resume().on('end', () => resolve(undefined)), resolve);
    });
    expect(isOcikitError(error, 'DIGEST_MISMATCH')).toBe(true);
    const manifestBytes = Buffer.from(JSON.stringify(attached.manifest));
    const inlineManifest = { ...attached.descriptor, data: manifestBytes.toString('base64') };
    expect(Buffer.from((await layout.fetchManifest(inlineManifest)).bytes)).toEqual(manifestBytes);
    await expect(layout.fetchManifest({ ...inlineManifest, data: Buffer.from('{}').toString('base64') })).rejects.toThrow(/does not match|size/);
  });
});

// No real registry in the suite bends the spec these ways (distribution 2.8, and the
// referrers-API registries go-containerregistry and olareg, in referrers-api.test.ts),
// so each quirk here is played by the proxy.
describe('registries that bend the spec (played by a proxy in front of the real one)', () => {
  let proxy: FaultProxy;
  const warnings: string[] = [];
  const through = (repository: string, options: RemoteRepositoryOptions = {}): RemoteRepository =>
    repo(proxy.host, repository, { onWarning: (m) => warnings.push(m), ...options });

  beforeAll(async () => {
    proxy = await startFaultProxy(registry.url);
  });
  afterAll(async () => {
    await proxy?.stop();
  });
  const reset = (): void => {
    proxy.setRules([]);
    proxy.requests.splice(0);
    warnings.splice(0);
  };

  it('GitLab: a sha256-<hex> tag answered with the subject itself is no referrers index', async () => {
    // GitLab's own answer; no registry in the suite answers a tag this way.
    reset();
    const target = through('quirk/gitlab');
    const subject = await pushImage(target, 'v1');
    const tag = referrersTag(subject.digest);
    proxy.setRules([{ match: { method: 'GET', path: /\/manifests\/sha256-[0-9a-f]{64}$/ }, fault: { kind: 'rewrite', path: (p) => p.replace(/sha256-([0-9a-f]{64})$/, 'sha256:$1') } }]);
    // The subject's own layers are not listed as referrers.
    expect((await discoverReferrers(target, 'v1', { legacy: false })).referrers).toEqual([]);
    // Attaching writes a real index (it cannot be read back through this registry: a warning says so, for each index).
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const other = await pushImage(target, 'v2');
    await attachArtifact(target, 'v2', { files: [{ path: await file('other.spdx.json', spdx()) }] });
    expect(warnings).toEqual([tag, referrersTag(other.digest)].map((t) => expect.stringContaining(`answers the tag ${t} with the subject itself`)));
    expect((await tagIndex(registry.host, 'quirk/gitlab', subject.digest)).manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
    // A delete cannot see the index either: it says it found nothing to take out, and names no index (the subject is none).
    await target.deleteManifest(sbom.descriptor);
    expect(target.referrerListing(sbom.descriptor.digest)).toStrictEqual({ via: 'tag', tag, attempts: 1 });
  });

  it('GHCR: a registry that refuses to delete the replaced index gets a warning, not a failure', async () => {
    // GHCR's refusal; every registry in the suite allows the delete.
    reset();
    const target = through('quirk/ghcr');
    const subject = await pushImage(target, 'v1');
    proxy.setRules([
      {
        match: { method: 'DELETE', path: /\/manifests\// },
        fault: { kind: 'status', status: 405, body: JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] }) },
      },
    ]);
    await attachArtifact(target, 'v1', { files: [{ path: await file('a.sarif', sarif()) }] });
    const first = digestOf((await raw(registry.host, 'quirk/ghcr', referrersTag(subject.digest))).bytes);
    const second = await attachArtifact(target, 'v1', { files: [{ path: await file('b.spdx.json', spdx()) }] });
    expect(second.referrers?.via).toBe('tag');
    expect(warnings.join('\n')).toMatch(/did not delete the replaced referrers index sha256:[0-9a-f]{64} \(HTTP 405: UNSUPPORTED/);
    expect((await raw(registry.host, 'quirk/ghcr', first)).status).toBe(200); // still there, untagged
    expect((await tagIndex(registry.host, 'quirk/ghcr', subject.digest)).manifests).toHaveLength(2);
    // Another subject's index left behind is another warning, naming that index.
    const other = await pushImage(target, 'v2');
    await attachArtifact(target, 'v2', { files: [{ path: await file('c.sarif', sarif()) }] });
    const otherFirst = digestOf((await raw(registry.host, 'quirk/ghcr', referrersTag(other.digest))).bytes);
    await attachArtifact(target, 'v2', { files: [{ path: await file('d.spdx.json', spdx()) }] });
    expect(warnings.filter((w) => w.includes('did not delete the replaced referrers index')).map((w) => /index (sha256:[0-9a-f]{64})/.exec(w)?.[1])).toEqual([first, otherFirst]);
  });

  it('each index whose tag holds something else is named in a warning of its own', async () => {
    reset();
    const target = through('quirk/per-index');
    const subjects = [await pushImage(target, 'a'), await pushImage(target, 'b')];
    const attached = [];
    for (const tag of ['a', 'b']) attached.push(await attachArtifact(target, tag, { files: [{ path: await file(`${tag}.sarif`, sarif()) }] }));
    // Someone tags an image where each subject's index was: removing a referrer leaves it, with a warning each.
    for (const subject of subjects) await pushImage(repo(registry.host, 'quirk/per-index'), referrersTag(subject.digest));
    for (const a of attached) await target.deleteManifest(a.descriptor);
    expect(warnings).toEqual(subjects.map((s) => expect.stringContaining(`:${referrersTag(s.digest)} holds a ${MediaType.ImageManifest}`)));
  });

  it('OCI-Subject without the endpoint: the API is probed, found missing, and the tag schema kept', async () => {
    reset();
    const target = through('quirk/subject-header');
    const subject = await pushImage(target, 'v1');
    proxy.setRules([{ match: { method: 'PUT', path: /\/manifests\/sha256:/ }, fault: { kind: 'add-headers', headers: { 'OCI-Subject': subject.digest } } }]);
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    expect(sbom.referrers?.via).toBe('tag');
    expect(proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('/referrers/'))).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/answered OCI-Subject but has no referrers API/);
    expect((await tagIndex(registry.host, 'quirk/subject-header', subject.digest)).manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
    // Said once: the next attach through the same repository keeps the tag index without saying it again.
    await attachArtifact(target, 'v1', { files: [{ path: await file('b.sarif', sarif()) }] });
    expect(warnings.filter((w) => w.includes('answered OCI-Subject'))).toHaveLength(1);
  });

  it("GitLab's artifactType allow-list: MANIFEST_INVALID says so, and what to do", async () => {
    reset();
    const target = through('quirk/allow-list');
    await pushImage(target, 'v1');
    proxy.setRules([
      {
        match: { method: 'PUT', path: /\/manifests\/sha256:/ },
        fault: { kind: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: 'unknown media type: application/sarif+json' }] }) },
      },
    ]);
    const error = await attachArtifact(target, 'v1', { files: [{ path: await file('scan.sarif', sarif()) }] }).catch((e: unknown) => e);
    expect(isOcikitError(error, 'UNSUPPORTED')).toBe(true);
    const described = (error as { describe(): string }).describe();
    expect(described).toMatch(/does not accept the artifact type "application\/sarif\+json"/);
    expect(described).toMatch(/MANIFEST_INVALID: manifest invalid/);
    expect(described).toMatch(/allow-list.*--artifact-type/);
    // Only that refusal is about the artifact type: another 400, or MANIFEST_INVALID with another status, is the registry's own.
    for (const [status, code] of [[400, 'NAME_INVALID'], [409, 'MANIFEST_INVALID']] as const) {
      proxy.setRules([{ match: { method: 'PUT', path: /\/manifests\/sha256:/ }, fault: { kind: 'status', status, body: JSON.stringify({ errors: [{ code, message: 'refused' }] }) } }]);
      const refused = await attachArtifact(target, 'v1', { files: [{ path: await file('scan.sarif', sarif()) }] }).catch((e: unknown) => e);
      expect([isOcikitError(refused, 'UNSUPPORTED'), (refused as { status?: number }).status]).toEqual([false, status]);
    }
  });

  it.each([
    ['405', { kind: 'status', status: 405 }, 'UNSUPPORTED'],
    ['400', { kind: 'status', status: 400, body: JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'bad route' }] }) }, 'UNSUPPORTED'],
    ['501', { kind: 'status', status: 501 }, 'UNSUPPORTED'],
    ['a web page (200, text/html)', { kind: 'status', status: 200, headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' }, 'INVALID_MANIFEST'],
  ] as const)('a registry that answers the referrers path with %s has no API: auto reads the tag schema, api mode refuses', async (_, fault, refusal) => {
    reset();
    const target = through('quirk/no-api');
    await pushImage(target, 'v1');
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    proxy.setRules([{ match: { method: 'GET', path: /\/referrers\// }, fault: { ...fault } }]);
    const graph = await discoverReferrers(through('quirk/no-api'), 'v1', { legacy: false });
    expect(graph.via).toBe('tag');
    expect(graph.referrers.map((n) => n.descriptor.digest)).toEqual([sbom.descriptor.digest]);
    const error = await discoverReferrers(through('quirk/no-api', { referrersMode: 'api' }), 'v1', { legacy: false }).catch((e: unknown) => e);
    expect(isOcikitError(error, refusal)).toBe(true);
  });

  it('GitLab once the index exists: the subject it answered before the first write is never cleaned up as a replaced index', async () => {
    // A registry that answers a missing sha256-<hex> tag with the subject, and the index once one is there.
    reset();
    const target = through('quirk/gitlab-first');
    const subject = await pushImage(target, 'v1');
    const tag = referrersTag(subject.digest);
    proxy.setRules([{ match: { method: 'GET', path: new RegExp(`/manifests/${tag}$`) }, nth: [1], fault: { kind: 'rewrite', path: (p) => p.replace(tag, subject.digest) } }]);
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    expect(sbom.referrers).toMatchObject({ via: 'tag', tag, attempts: 2 });
    expect(sbom.referrers && 'cleanedUp' in sbom.referrers ? sbom.referrers.cleanedUp : undefined).toBeUndefined();
    expect((await raw(registry.host, 'quirk/gitlab-first', subject.digest)).status).toBe(200);
    expect(warnings).toEqual([]);
  });

  it('ETag: the index is written with If-Match, and a stale write refused with 412 is redone on the new index', async () => {
    reset();
    const target = through('quirk/etag', { referrersSettleMs: 0 });
    const subject = await pushImage(target, 'v1');
    const tag = referrersTag(subject.digest);
    await attachArtifact(target, 'v1', { files: [{ path: await file('first.sarif', sarif()) }] });
    // From now on the proxy honours If-Match; writers race without any settle time to hide the race.
    proxy.setRules([{ match: { method: 'PUT', path: new RegExp(`/manifests/${tag}$`) }, fault: { kind: 'enforce-if-match' } }]);
    proxy.requests.splice(0);
    const racers = await Promise.all(
      Array.from({ length: 8 }, async (_, i) =>
        attachArtifact(through('quirk/etag', { referrersSettleMs: 0 }), 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }] }),
      ),
    );
    const puts = proxy.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${tag}`));
    expect(puts.length).toBeGreaterThanOrEqual(8);
    for (const put of puts) expect(put.headers['if-match']).toMatch(/^"sha256:[0-9a-f]{64}"$/);
    const index = await tagIndex(registry.host, 'quirk/etag', subject.digest);
    for (const r of racers) expect(index.manifests.map((d) => d.digest)).toContain(r.descriptor.digest);
    expect(index.manifests).toHaveLength(9);
  });

  it('an index listing a manifest deleted behind its back is repaired, with a warning', async () => {
    reset();
    const target = through('quirk/dangling');
    const subject = await pushImage(target, 'v1');
    const gone = await attachArtifact(target, 'v1', { files: [{ path: await file('gone.sarif', sarif()) }] });
    const kept = await attachArtifact(target, 'v1', { files: [{ path: await file('kept.spdx.json', spdx()) }] });
    // Another tool deletes a referrer and leaves the index as it was: distribution now refuses that index.
    expect((await fetch(`http://${registry.host}/v2/quirk/dangling/manifests/${gone.descriptor.digest}`, { method: 'DELETE' })).status).toBe(202);
    const next = await attachArtifact(target, 'v1', { files: [{ path: await file('next.sarif', sarif()) }] });
    expect(warnings.join('\n')).toContain(`listed manifests that are gone (${gone.descriptor.digest}); dropped them`);
    expect((await tagIndex(registry.host, 'quirk/dangling', subject.digest)).manifests.map((d) => d.digest)).toEqual([kept.descriptor.digest, next.descriptor.digest]);
    // Another subject's index with an entry gone: a warning of its own.
    const other = await pushImage(target, 'v2');
    const otherGone = await attachArtifact(target, 'v2', { files: [{ path: await file('gone2.sarif', sarif()) }] });
    expect((await fetch(`http://${registry.host}/v2/quirk/dangling/manifests/${otherGone.descriptor.digest}`, { method: 'DELETE' })).status).toBe(202);
    await attachArtifact(target, 'v2', { files: [{ path: await file('next2.sarif', sarif()) }] });
    expect(warnings.filter((w) => w.includes('listed manifests that are gone'))).toEqual(
      [subject, other].map((s) => expect.stringContaining(`:${referrersTag(s.digest)} listed manifests`)),
    );
  });

  it('a replaced index whose delete loses its connection each time: a warning for each index, not a failure', async () => {
    reset();
    const target = through('quirk/cut-delete', { retry: { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 2 } });
    const subjects = [await pushImage(target, 'a'), await pushImage(target, 'b')];
    proxy.setRules([{ match: { method: 'DELETE', path: /\/manifests\/sha256:/ }, fault: { kind: 'reset' } }]);
    for (const tag of ['a', 'b']) {
      await attachArtifact(target, tag, { files: [{ path: await file(`${tag}1.sarif`, sarif()) }] });
      await attachArtifact(target, tag, { files: [{ path: await file(`${tag}2.sarif`, sarif()) }] });
    }
    expect(warnings).toEqual(subjects.map(() => expect.stringMatching(/^could not delete the replaced referrers index /)));
    for (const subject of subjects) expect((await tagIndex(registry.host, 'quirk/cut-delete', subject.digest)).manifests).toHaveLength(2);
  });

  it('a tag-schema index that is not an index is reported, not overwritten', async () => {
    reset();
    const target = through('quirk/foreign');
    const subject = await pushImage(target, 'v1');
    await pushImage(target, referrersTag(subject.digest)); // someone tagged an image there
    const error = await attachArtifact(target, 'v1', { files: [{ path: await file('s.sarif', sarif()) }] }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/holds a application\/vnd\.oci\.image\.manifest\.v1\+json .*not a referrers index/);
    expect((await discoverReferrers(target, 'v1', { legacy: false })).referrers).toEqual([]);
  });
});

describe('referrers modes', () => {
  it('api on a registry without the API: listing says so and how to fall back', async () => {
    const target = repo(registry.host, 'modes/app', { referrersMode: 'api' });
    await pushImage(target, 'v1');
    const error = await discoverReferrers(target, 'v1').catch((e: unknown) => e);
    expect(isOcikitError(error, 'UNSUPPORTED')).toBe(true);
    expect(inFrontEndWords((error as { hint: string }).hint)).toMatch(/--referrers-mode auto or tag/);
  });

  it('auto asks once for the API; once it is missing, every listing reads the tag schema', async () => {
    const recorder = await startFaultProxy(registry.url);
    try {
      const target = repo(recorder.host, 'modes/auto');
      await pushImage(target, 'v1');
      const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
      await attachArtifact(target, sbom.descriptor.digest, { files: [{ path: await file('sbom.sigstore.json', sigstoreBundle(sbom.descriptor.digest)) }] });
      const graph = await discoverReferrers(target, 'v1', { legacy: false });
      expect(graph.via).toBe('tag');
      expect(graph.count).toBe(2);
      // Three subjects listed (the image, the SBOM, its signature): one question to the API.
      expect(recorder.requests.filter((r) => r.path.includes('/referrers/'))).toHaveLength(1);
    } finally {
      await recorder.stop();
    }
  });

  it('tag goes straight to the tag schema, without asking for the API', async () => {
    // Every request recorded by a pass-through proxy: none may go to the referrers path.
    const recorder = await startFaultProxy(registry.url);
    try {
      const target = repo(recorder.host, 'modes/tag', { referrersMode: 'tag' });
      const subject = await pushImage(target, 'v1');
      const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
      expect(sbom.referrers?.via).toBe('tag');
      const graph = await discoverReferrers(target, 'v1');
      expect(graph.via).toBe('tag');
      expect(graph.referrers.map((n) => n.descriptor.digest)).toEqual([sbom.descriptor.digest]);
      expect((await tagIndex(registry.host, 'modes/tag', subject.digest)).manifests.map((d) => [d.digest, d.artifactType])).toEqual([[sbom.descriptor.digest, 'application/spdx+json']]);
      expect(recorder.requests.some((r) => r.path.includes(`/manifests/${referrersTag(subject.digest)}`))).toBe(true);
      expect(recorder.requests.filter((r) => r.path.includes('/referrers/')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    } finally {
      await recorder.stop();
    }
  });
});
