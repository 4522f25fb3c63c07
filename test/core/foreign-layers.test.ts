// One rule for layers outside the ordinary (oci/foreign-layers.ts): a
// non-distributable layer that names `urls` lives outside registries, so copy and
// recompress leave it there; one without `urls` is a blob the registry holds, so
// both carry it (recompress keeps its bytes as they are). Before, copy and
// recompress disagreed: recompress dropped such a blob, leaving an image whose
// layer the destination did not hold.
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { type ImageManifest, OciLayoutStore, RemoteRepository, copyReference, parseManifest, recompressReference } from '@ocikit/core';
import { buildImage, pushImage } from '../harness/images.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const NON_DISTRIBUTABLE = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';

/**
 * A Windows-style image with a non-distributable layer, pushed to the registry (without
 * urls) or to an OCI layout (with urls: distribution refuses foreign URLs by default).
 * Returns the source reference and the layer.
 */
async function windowsImage(repository: string, foreignLayer: true | 'without-urls') {
  const work = makeTempDir();
  const image = await buildImage(work, {
    platform: { os: 'windows', architecture: 'amd64' },
    foreignLayer,
    layers: [{ files: { 'Files/app.txt': 'windows app\n' } }],
  });
  const foreign = image.layers[1]!.descriptor;
  expect(foreign.mediaType).toBe(NON_DISTRIBUTABLE);
  if (foreignLayer === 'without-urls') {
    const repo = new RemoteRepository({ registry: registry.host, repository });
    try {
      await pushImage(repo, image, 'v1');
    } finally {
      await repo.close();
    }
    return { source: `${registry.host}/${repository}:v1`, foreign };
  }
  const layout = await OciLayoutStore.open(join(work, 'source'), { create: true });
  await pushImage(layout, image, 'v1');
  return { source: `oci-layout:${join(work, 'source')}:v1`, foreign };
}

async function manifestIn(store: OciLayoutStore, tag: string): Promise<ImageManifest> {
  const fetched = await store.fetchManifest(tag);
  return parseManifest(fetched.bytes, tag, fetched.descriptor.mediaType) as ImageManifest;
}

describe('a non-distributable layer without urls: a blob like any other', () => {
  it('copy carries it', async () => {
    const { source, foreign } = await windowsImage('foreign/no-urls-copy', 'without-urls');
    const dir = join(makeTempDir(), 'copy');
    await copyReference(source, `oci-layout:${dir}:v1`);
    const layout = await OciLayoutStore.open(dir);
    expect(await layout.exists(foreign)).toBe(true);
    expect((await manifestIn(layout, 'v1')).layers[1]).toEqual(foreign);
  });

  it('recompress keeps its bytes as they are, and carries it to the destination', async () => {
    const { source, foreign } = await windowsImage('foreign/no-urls-recompress', 'without-urls');
    const dir = join(makeTempDir(), 'zstd');
    const result = await recompressReference(source, `oci-layout:${dir}:v1`);
    expect(result.keptLayers).toBe(1);
    const layout = await OciLayoutStore.open(dir);
    expect((await manifestIn(layout, 'v1')).layers[1]).toEqual(foreign);
    expect(await layout.exists(foreign)).toBe(true);
  });
});

describe('a non-distributable layer with urls: it lives outside registries', () => {
  it('copy and recompress leave it where it lives (never fetched, never copied)', async () => {
    const { source, foreign } = await windowsImage('foreign/urls', true);
    const copied = join(makeTempDir(), 'copy');
    await copyReference(source, `oci-layout:${copied}:v1`);
    expect(await (await OciLayoutStore.open(copied)).exists(foreign)).toBe(false);
    const recompressed = join(makeTempDir(), 'zstd');
    await recompressReference(source, `oci-layout:${recompressed}:v1`);
    const layout = await OciLayoutStore.open(recompressed);
    expect((await manifestIn(layout, 'v1')).layers[1]).toEqual(foreign);
    expect(await layout.exists(foreign)).toBe(false);
  });
});
