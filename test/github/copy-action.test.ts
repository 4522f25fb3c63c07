// The copy action as GitHub runs it (the committed bundle): an image with its
// referrers between two repositories of one registry (mounted), from an open
// registry to another with Basic auth (streamed), and into an OCI layout.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, attachArtifact, staticCredentials } from '@ocikit/core';
import { formatBytes } from '../../packages/github/src/summary.js';
import { runAction, visibleText } from '../harness/action-runner.js';
import { type BuiltImage, buildImage, pushImage, sampleContent } from '../harness/images.js';
import { spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, PASSWORD, USER, errors, referrersTagOf, registryManifest } from './step-helpers.js';

const registry = useRegistry({ auth: 'basic' });
const open = useRegistry({ auth: 'none' });

describe('copy action (bundled)', () => {
  let image: BuiltImage;
  let sbom: string;

  beforeAll(async () => {
    const work = makeTempDir();
    image = await buildImage(work, {
      platform: { os: 'linux', architecture: 'amd64' },
      layers: [{ files: { 'app/data.bin': sampleContent(300_000) } }, { files: { 'etc/motd': 'hello\n' } }],
    });
    const credentials = staticCredentials({ username: USER, password: PASSWORD });
    const source = new RemoteRepository({ registry: registry.host, repository: 'gh/src' }, { credentials });
    const openSource = new RemoteRepository({ registry: open.host, repository: 'pub/app' });
    try {
      await pushImage(source, image, 'v1');
      await pushImage(openSource, image, 'v1');
      const result = await attachArtifact(source, 'v1', { files: [{ path: await writeJson(work, 'sbom.spdx.json', spdx()) }] });
      sbom = result.descriptor.digest;
    } finally {
      await source.close();
      await openSource.close();
    }
  });

  const blobs = (): Array<{ digest: string; size: number }> => [image.config.descriptor, ...image.layers.map((l) => l.descriptor)];

  it('copies an image with its referrers between repositories of one registry by mounting, and lists every blob in the summary', async () => {
    const result = await runAction('copy', {
      inputs: { source: `${registry.host}/gh/src:v1`, destination: `${registry.host}/gh/dst`, referrers: 'true', ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    const digest = image.manifest.descriptor.digest;
    expect(result.outputs).toMatchObject({ digest, reference: `${registry.host}/gh/dst:v1@${digest}` });
    const json = JSON.parse(result.outputs.json!);
    expect(json).toMatchObject({
      source: `${registry.host}/gh/src:v1`,
      destination: `${registry.host}/gh/dst:v1@${digest}`,
      digest,
      blobs: { copied: 0, mounted: 3, skipped: 0 },
      manifests: { copied: 1, skipped: 0 },
      bytes: 0,
      referrers: { copied: 1, skipped: 0 },
    });

    // The destination holds the image under the tag, and lists the SBOM in its own tag index.
    expect((await registryManifest(registry, 'gh/dst', 'v1'))!.digest).toBe(digest);
    const index = await registryManifest(registry, 'gh/dst', referrersTagOf(digest));
    expect(index!.body.manifests.map((m: { digest: string }) => m.digest)).toEqual([sbom]);

    // The summary: the counts, and each blob with its size and how it moved.
    expect(result.summary).toContain('ocikit copy');
    expect(result.summary).toContain(`<code>${registry.host}/gh/dst:v1@${digest}</code>`);
    for (const blob of blobs()) expect(result.summary).toMatch(new RegExp(`<code>${blob.digest}</code></td><td>mounted</td>`));
    expect(result.summary).toContain(`<td>${formatBytes(image.layers[0]!.descriptor.size)}</td><td><code>${image.layers[0]!.descriptor.digest}</code>`);
    expect(result.stdout).toMatch(/^mounted\s+/m);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('copies from an open registry into one with Basic auth, streaming every blob; a second copy skips it', async () => {
    const step = { inputs: { source: `${open.host}/pub/app:v1`, destination: `${registry.host}/gh/mirror:stable`, ...LOGIN } };
    const first = await runAction('copy', step);
    expect(errors(first)).toEqual([]);
    // The login is the destination's: the open source is read anonymously, never sent the password.
    expect(first.stdout).toContain(`Registry ${open.host}: the Docker config`);
    expect(first.stdout).toContain(`Registry ${registry.host}: username ${USER}`);
    const json = JSON.parse(first.outputs.json!);
    expect(json).toMatchObject({ blobs: { copied: 3, mounted: 0, skipped: 0 }, bytes: blobs().reduce((sum, b) => sum + b.size, 0) });
    expect((await registryManifest(registry, 'gh/mirror', 'stable'))!.digest).toBe(image.manifest.descriptor.digest);
    expect(first.summary).toMatch(new RegExp(`<code>${image.layers[1]!.descriptor.digest}</code></td><td>uploaded</td>`));

    const again = await runAction('copy', step);
    expect(errors(again)).toEqual([]);
    expect(JSON.parse(again.outputs.json!)).toMatchObject({ blobs: { copied: 0, mounted: 0, skipped: 0 }, manifests: { copied: 0, skipped: 1 }, bytes: 0 });
    expect(again.summary).toContain('Nothing was transferred.');
  });

  it('copies into an OCI layout directory', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('copy', { cwd, inputs: { source: `${registry.host}/gh/src:v1`, destination: 'oci-layout:./layout:v1', ...LOGIN } });
    expect(errors(result)).toEqual([]);
    expect(result.outputs.reference).toBe(`oci-layout:./layout:v1@${image.manifest.descriptor.digest}`);
    const index = JSON.parse(await readFile(join(cwd, 'layout', 'index.json'), 'utf8'));
    expect(index.manifests).toEqual([expect.objectContaining({ digest: image.manifest.descriptor.digest, annotations: { 'org.opencontainers.image.ref.name': 'v1' } })]);
    for (const blob of blobs()) expect((await readFile(join(cwd, 'layout', 'blobs', 'sha256', blob.digest.slice(7)))).length).toBe(blob.size);
  });
});
