// Interop is judged by real peers: what ocikit pushes, skopeo and umoci read as
// they are; what they write, ocikit reads.
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { MediaType, OciLayoutStore, RemoteRepository, digestOf, parseManifest, pullArtifact, pushArtifact } from '@ocikit/core';
import { makeTree, snapshotTree } from '../harness/fixtures.js';
import { skopeo, umoci } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

async function pushSample(target: RemoteRepository | OciLayoutStore, tag: string): Promise<{ work: string; digest: string }> {
  const work = makeTempDir();
  await makeTree(work, 'site');
  await writeFile(join(work, 'notes.txt'), 'notes\n');
  const result = await pushArtifact(target, {
    files: [{ path: join(work, 'notes.txt') }, { path: join(work, 'site') }],
    tags: [tag],
    artifactType: 'application/vnd.example.site.v1',
  });
  return { work, digest: result.descriptor.digest };
}

describe('skopeo reads what ocikit pushes', () => {
  it('sees the exact manifest bytes and copies the artifact to an OCI layout', async () => {
    const repo = new RemoteRepository({ registry: registry.host, repository: 'interop/site' });
    const { work, digest } = await pushSample(repo, 'v1');
    const ref = `docker://${registry.host}/interop/site:v1`;
    const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', ref]);
    expect(digestOf(Buffer.from(raw.stdout))).toBe(digest);

    const layoutDir = join(makeTempDir(), 'copied');
    await skopeo(['copy', '--src-tls-verify=false', ref, `oci:${layoutDir}:copied`]);
    const store = await OciLayoutStore.open(layoutDir);
    expect((await store.resolve('copied')).digest).toBe(digest);
    const out = makeTempDir();
    await pullArtifact(store, 'copied', { outputDir: out });
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
    await repo.close();
  });
});

describe('ocikit reads what skopeo pushes', () => {
  it('pulls an artifact skopeo copied from an ocikit layout into the registry', async () => {
    const layoutDir = join(makeTempDir(), 'layout');
    const store = await OciLayoutStore.open(layoutDir, { create: true });
    const { work, digest } = await pushSample(store, 'v1');
    await skopeo(['copy', '--dest-tls-verify=false', `oci:${layoutDir}:v1`, `docker://${registry.host}/interop/via-skopeo:v1`]);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'interop/via-skopeo' });
    const out = makeTempDir();
    const pulled = await pullArtifact(repo, 'v1', { outputDir: out });
    expect(pulled.descriptor.digest).toBe(digest);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('notes\n');
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
    await repo.close();
  });

  it('reads a Docker schema 2 image that skopeo pushed, verifying manifest, config and layer', async () => {
    // A real one-layer image built here: a GNU tar of a file, gzipped, with a config whose diff_id matches.
    const dir = makeTempDir();
    await mkdir(join(dir, 'rootfs'));
    await writeFile(join(dir, 'rootfs', 'hello.txt'), 'hello from a layer\n');
    const tar = execFileSync('tar', ['-C', join(dir, 'rootfs'), '-cf', '-', 'hello.txt']);
    const layer = gzipSync(tar);
    const config = Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${createHash('sha256').update(tar).digest('hex')}`] }, config: {} }),
    );
    const store = await OciLayoutStore.open(join(dir, 'image'), { create: true });
    const push = async (bytes: Buffer, mediaType: string) => {
      const descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length };
      await store.pushBlob({ descriptor, open: () => Readable.from([bytes]) });
      return descriptor;
    };
    const manifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: await push(config, MediaType.ImageConfig), layers: [await push(layer, MediaType.LayerGzip)] };
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    await store.pushManifest({ mediaType: MediaType.ImageManifest, digest: digestOf(manifestBytes), size: manifestBytes.length }, manifestBytes, 'v1');

    await skopeo(['copy', '--format', 'v2s2', '--dest-tls-verify=false', `oci:${join(dir, 'image')}:v1`, `docker://${registry.host}/interop/docker-image:v1`]);
    const repo = new RemoteRepository({ registry: registry.host, repository: 'interop/docker-image' });
    const fetched = await repo.fetchManifest('v1');
    expect(fetched.descriptor.mediaType).toBe(MediaType.DockerManifest);
    const docker = parseManifest(fetched.bytes, 'docker manifest', fetched.descriptor.mediaType);
    if ('manifests' in docker) throw new Error('expected an image manifest');
    expect(docker.layers[0]!.mediaType).toBe(MediaType.DockerLayerGzip);
    const chunks: Buffer[] = [];
    for await (const chunk of await repo.fetchBlob(docker.layers[0]!)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(layer)).toBe(true);
    expect((await repo.resolve('v1')).digest).toBe(fetched.descriptor.digest);
    await repo.close();
  });
});

describe('umoci reads ocikit layouts', () => {
  it('lists the tags ocikit wrote', async () => {
    const layoutDir = join(makeTempDir(), 'layout');
    const store = await OciLayoutStore.open(layoutDir, { create: true });
    await pushSample(store, 'v1');
    await pushSample(store, 'v2');
    const listed = await umoci(['ls', '--layout', layoutDir]);
    expect(listed.stdout.trim().split('\n').sort()).toEqual(['v1', 'v2']);
  });
});
