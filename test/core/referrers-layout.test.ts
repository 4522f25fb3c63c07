// The referrers chain in an OCI image layout, offline: the layout answers
// referrers from the manifests it holds (referrers are recorded in index.json,
// untagged), and stays readable by skopeo and umoci.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
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
  type Target,
  attachArtifact,
  digestOf,
  discoverReferrers,
  referrersTag,
} from '@ocikit/core';
import { schemaErrors } from '../harness/oci-schema.js';
import { skopeo, umoci } from '../harness/peers.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

async function pushImage(target: Target, tag: string): Promise<Descriptor> {
  const dir = makeTempDir();
  await writeFile(join(dir, 'hello.txt'), `hello ${randomBytes(4).toString('hex')}\n`);
  const tar = execFileSync('tar', ['-C', dir, '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', 'hello.txt']);
  const layer = gzipSync(tar);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digestOf(tar)] }, config: {} }));
  const blob = (bytes: Buffer, mediaType: string): Descriptor => ({ mediaType, digest: digestOf(bytes), size: bytes.length });
  await target.pushBlob({ descriptor: blob(layer, MediaType.LayerGzip), open: () => Readable.from([layer]) });
  await target.pushBlob({ descriptor: blob(config, MediaType.ImageConfig), open: () => Readable.from([config]) });
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: blob(config, MediaType.ImageConfig), layers: [blob(layer, MediaType.LayerGzip)] };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const descriptor = blob(bytes, MediaType.ImageManifest);
  await target.pushManifest(descriptor, bytes, tag);
  return descriptor;
}

let serial = 0;
const file = (name: string, document: unknown): Promise<string> => writeJson(makeTempDir(), `${serial++}-${name}`, document);

describe('the supply chain in an OCI layout', () => {
  const dir = join(makeTempDir('ocikit-layout-chain-'), 'layout');
  let layout: OciLayoutStore;
  let subject: Descriptor;
  const attached: Record<string, AttachResult> = {};

  beforeAll(async () => {
    layout = await OciLayoutStore.open(dir, { create: true });
    subject = await pushImage(layout, 'v1');
    attached.signature = await attachArtifact(layout, 'v1', { files: [{ path: await file('app.sigstore.json', sigstoreBundle(subject.digest)) }] });
    attached.sbom = await attachArtifact(layout, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    attached.sbomSignature = await attachArtifact(layout, attached.sbom.descriptor.digest, { files: [{ path: await file('sbom.sigstore.json', sigstoreBundle(attached.sbom.descriptor.digest)) }] });
    attached.report = await attachArtifact(layout, 'v1', { files: [{ path: await file('scan.sarif', sarif()) }] });
    attached.reportSignature = await attachArtifact(layout, attached.report.descriptor.digest, { files: [{ path: await file('scan.sigstore.json', sigstoreBundle(attached.report.descriptor.digest)) }] });
  });

  it('discovers the chain with no server at all', async () => {
    const graph = await discoverReferrers(layout, 'v1');
    expect(graph.via).toBe('layout');
    const shape = (nodes: typeof graph.referrers): unknown => Object.fromEntries(nodes.map((n) => [n.descriptor.digest, shape(n.referrers)]));
    expect(shape(graph.referrers)).toEqual({
      [attached.signature!.descriptor.digest]: {},
      [attached.sbom!.descriptor.digest]: { [attached.sbomSignature!.descriptor.digest]: {} },
      [attached.report!.descriptor.digest]: { [attached.reportSignature!.descriptor.digest]: {} },
    });
    // The same descriptors a registry's list would give: artifactType and the manifest's annotations.
    const sbom = graph.referrers.find((n) => n.descriptor.digest === attached.sbom!.descriptor.digest)!;
    expect(sbom.descriptor).toEqual({ ...attached.sbom!.descriptor, annotations: attached.sbom!.manifest.annotations });
  });

  it('records referrers in index.json untagged, and skopeo and umoci still read the layout', async () => {
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ImageIndex;
    expect(schemaErrors('image-index-schema', index)).toEqual([]);
    const untagged = index.manifests.filter((d) => !d.annotations?.['org.opencontainers.image.ref.name']);
    expect(new Set(untagged.map((d) => d.digest))).toEqual(new Set(Object.values(attached).map((a) => a.descriptor.digest)));
    for (const entry of untagged) expect(entry.artifactType).toMatch(/^application\//);
    const inspected = JSON.parse((await skopeo(['inspect', `oci:${dir}:v1`])).stdout) as { Digest: string };
    expect(inspected.Digest).toBe(subject.digest);
    const copied = join(makeTempDir(), 'copy');
    await skopeo(['copy', `oci:${dir}:v1`, `oci:${copied}:v1`]);
    const ls = await umoci(['ls', '--layout', dir]);
    expect(ls.stdout.trim().split('\n')).toEqual(['v1']);
    const bundle = join(makeTempDir(), 'bundle');
    await umoci(['unpack', '--rootless', '--image', `${dir}:v1`, bundle]);
    expect(await readFile(join(bundle, 'rootfs', 'hello.txt'), 'utf8')).toMatch(/^hello /);
  });

  it('a deleted referrer is gone from the answers; its blob stays for what else may point to it', async () => {
    const extra = await attachArtifact(layout, 'v1', { files: [{ path: await file('extra.sarif', sarif()) }] });
    expect((await layout.referrers(subject)).manifests.map((d) => d.digest)).toContain(extra.descriptor.digest);
    await layout.deleteManifest(extra.descriptor);
    expect((await layout.referrers(subject)).manifests.map((d) => d.digest)).not.toContain(extra.descriptor.digest);
    expect(await layout.exists(extra.descriptor)).toBe(true);
  });

  it('filters by artifact type', async () => {
    const listing = await layout.referrers(subject, { artifactType: 'application/spdx+json' });
    expect(listing.manifests.map((d) => d.digest)).toEqual([attached.sbom!.descriptor.digest]);
  });
});

describe('a layout holding a registry tag-schema index', () => {
  it('lists the entries of a sha256-<hex> index copied in from a registry', async () => {
    const remote = new RemoteRepository({ registry: registry.host, repository: 'layout/src' });
    try {
      const subject = await pushImage(remote, 'v1');
      const sbom = await attachArtifact(remote, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
      const dir = join(makeTempDir(), 'layout');
      const tag = referrersTag(subject.digest);
      // skopeo copies the tag and what it lists; it records only the tag in index.json, so the
      // layout finds the referrer through the index under the tag.
      await skopeo(['copy', '--all', '--src-tls-verify=false', `docker://${registry.host}/layout/src:${tag}`, `oci:${dir}:${tag}`]);
      await skopeo(['copy', '--src-tls-verify=false', `docker://${registry.host}/layout/src:v1`, `oci:${dir}:v1`]);
      const layout = await OciLayoutStore.open(dir);
      const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ImageIndex;
      expect(index.manifests.map((d) => d.digest)).not.toContain(sbom.descriptor.digest);
      const listing = await layout.referrers(subject);
      expect(listing.manifests).toEqual([{ ...sbom.descriptor, annotations: sbom.manifest.annotations }]);
    } finally {
      await remote.close();
    }
  });
});
