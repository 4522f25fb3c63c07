// The recompress and helm actions as GitHub runs them (the committed bundles)
// against the real docker-registry with Basic auth.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaType, RemoteRepository, attachArtifact, staticCredentials } from '@ocikit/core';
import { formatBytes } from '../../packages/github/src/summary.js';
import { runAction, visibleText } from '../harness/action-runner.js';
import { type BuiltImage, buildImage, pushImage, sampleContent } from '../harness/images.js';
import { spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, PASSWORD, USER, errors, registryManifest } from './step-helpers.js';

const registry = useRegistry({ auth: 'basic' });

describe('recompress action', () => {
  let image: BuiltImage;

  beforeAll(async () => {
    image = await buildImage(makeTempDir(), {
      platform: { os: 'linux', architecture: 'amd64' },
      layers: [{ files: { 'srv/data.txt': sampleContent(200_000) } }, { files: { 'etc/hostname': 'ocikit\n' } }],
    });
    const repository = new RemoteRepository({ registry: registry.host, repository: 'gh/img' }, { credentials: staticCredentials({ username: USER, password: PASSWORD }) });
    try {
      await pushImage(repository, image, 'v1');
    } finally {
      await repository.close();
    }
  });

  it('turns every gzip layer into zstd at the destination, checked against the diff_ids, with both sizes in the summary', async () => {
    const result = await runAction('recompress', {
      inputs: { source: `${registry.host}/gh/img:v1`, destination: `${registry.host}/gh/img:v1-zstd`, level: '9', ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    const { digest } = result.outputs;
    expect(result.outputs).toMatchObject({ reference: `${registry.host}/gh/img:v1-zstd@${digest}`, changed: 'true' });
    const json = JSON.parse(result.outputs.json!);
    expect(json.layers.map((l: any) => [l.from, l.gzipSize, l.diffId])).toEqual(image.layers.map((l) => [l.descriptor.digest, l.descriptor.size, l.diffId]));
    expect(json.rewritten).toEqual([{ from: image.manifest.descriptor.digest, to: digest, mediaType: MediaType.ImageManifest, platform: 'linux/amd64', referrers: [] }]);

    // The registry: the zstd manifest under the new tag, its layers tar+zstd of the sizes reported; the source untouched.
    const manifest = await registryManifest(registry, 'gh/img', 'v1-zstd');
    expect(manifest!.digest).toBe(digest);
    expect(manifest!.body.layers.map((l: any) => [l.mediaType, l.digest, l.size])).toEqual(json.layers.map((l: any) => [MediaType.LayerZstd, l.to, l.size]));
    expect(manifest!.body.config.digest).toBe(image.config.descriptor.digest);
    expect((await registryManifest(registry, 'gh/img', 'v1'))!.digest).toBe(image.manifest.descriptor.digest);

    expect(result.summary).toContain('ocikit recompress');
    const first = json.layers[0];
    expect(result.summary).toContain(`<td><code>${first.from}</code></td><td><code>${first.to}</code></td><td>${formatBytes(first.gzipSize)}</td><td>${formatBytes(first.size)}</td>`);
    expect(result.summary).toContain('sign and attach again');
    // The log says what was uploaded: the zstd blob, by its own size and digest.
    for (const layer of json.layers) expect(result.stdout).toContain(` -> ${formatBytes(layer.size)} ${layer.to}\n`);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('with referrers: true points the old digest\'s SBOM at the new one', async () => {
    const credentials = staticCredentials({ username: USER, password: PASSWORD });
    const repository = new RemoteRepository({ registry: registry.host, repository: 'gh/carry' }, { credentials });
    let sbom: string;
    try {
      await pushImage(repository, image, 'v1');
      const work = makeTempDir();
      sbom = (await attachArtifact(repository, 'v1', { files: [{ path: await writeJson(work, 'sbom.spdx.json', spdx()) }] })).descriptor.digest;
    } finally {
      await repository.close();
    }
    const result = await runAction('recompress', { inputs: { source: `${registry.host}/gh/carry:v1`, referrers: 'true', ...LOGIN } });
    expect(errors(result)).toEqual([]);
    const [rewritten] = JSON.parse(result.outputs.json!).rewritten;
    expect(rewritten.carried).toEqual([{ from: sbom, to: expect.stringMatching(/^sha256:/), artifactType: 'application/spdx+json' }]);
    expect(result.summary).toContain('SBOMs and reports were pointed at the new digests');
  });

  it('says so when there is nothing to recompress, and refuses a level out of range', async () => {
    const again = await runAction('recompress', { inputs: { source: `${registry.host}/gh/img:v1-zstd`, ...LOGIN } });
    expect(errors(again)).toEqual([]);
    expect(again.outputs.changed).toBe('false');
    expect(again.summary).toContain('Nothing to recompress');

    const bad = await runAction('recompress', { inputs: { source: `${registry.host}/gh/img:v1`, level: '23', ...LOGIN } });
    expect(bad.code).toBe(1);
    expect(errors(bad)[0]).toContain('zstd level 23 is out of range');
  });
});

describe('helm action', () => {
  it('pushes a chart as helm does and pulls it back by name and version, with its provenance', async () => {
    const work = makeTempDir('ocikit-ws-');
    await mkdir(join(work, 'hello', 'templates'), { recursive: true });
    await writeFile(join(work, 'hello', 'Chart.yaml'), 'apiVersion: v2\nname: hello\nversion: 0.3.0+g1234\nappVersion: "1.0"\n');
    await writeFile(join(work, 'hello', 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
    execFileSync('tar', ['-czf', join(work, 'hello-0.3.0+g1234.tgz'), '-C', work, 'hello']);
    await writeFile(join(work, 'hello-0.3.0+g1234.tgz.prov'), '-----BEGIN PGP SIGNED MESSAGE-----\nnot really signed\n');

    const pushed = await runAction('helm', {
      cwd: work,
      inputs: { chart: 'hello-0.3.0+g1234.tgz', repository: `oci://${registry.host}/gh/charts`, provenance: 'hello-0.3.0+g1234.tgz.prov', ...LOGIN },
    });
    expect(errors(pushed)).toEqual([]);
    const { digest } = pushed.outputs;
    expect(pushed.outputs).toMatchObject({ reference: `${registry.host}/gh/charts/hello:0.3.0_g1234@${digest}`, version: '0.3.0+g1234', file: '' });
    const manifest = await registryManifest(registry, 'gh/charts/hello', '0.3.0_g1234');
    expect(manifest!.digest).toBe(digest);
    expect(manifest!.body.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    expect(manifest!.body.layers.map((l: any) => l.mediaType).sort()).toEqual([
      'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
      'application/vnd.cncf.helm.chart.provenance.v1.prov',
    ]);
    expect(pushed.summary).toContain('ocikit helm push');
    expect(pushed.summary).toContain(`<td>provenance</td><td><code>application/vnd.cncf.helm.chart.provenance.v1.prov</code></td><td>${formatBytes(53)}</td>`);

    const out = makeTempDir('ocikit-ws-');
    const pulled = await runAction('helm', {
      cwd: out,
      inputs: { command: 'pull', chart: 'hello', repository: `oci://${registry.host}/gh/charts/`, version: '0.3.0+g1234', path: 'charts', provenance: 'true', ...LOGIN },
    });
    expect(errors(pulled)).toEqual([]);
    expect(pulled.outputs).toMatchObject({ digest, version: '0.3.0+g1234', file: join('charts', 'hello-0.3.0+g1234.tgz') });
    expect((await readFile(join(out, 'charts', 'hello-0.3.0+g1234.tgz'))).equals(await readFile(join(work, 'hello-0.3.0+g1234.tgz')))).toBe(true);
    expect(await readFile(join(out, 'charts', 'hello-0.3.0+g1234.tgz.prov'), 'utf8')).toBe('-----BEGIN PGP SIGNED MESSAGE-----\nnot really signed\n');
    expect(pulled.summary).toContain('ocikit helm pull');
  });

  it('refuses a chart that is not one, naming the problem', async () => {
    const work = makeTempDir('ocikit-ws-');
    await mkdir(join(work, 'bad'));
    await writeFile(join(work, 'bad', 'Chart.yaml'), 'apiVersion: v2\nname: bad\nversion: one\n');
    execFileSync('tar', ['-czf', join(work, 'bad.tgz'), '-C', work, 'bad']);
    const result = await runAction('helm', { cwd: work, inputs: { chart: 'bad.tgz', repository: `oci://${registry.host}/gh/charts`, ...LOGIN } });
    expect(result.code).toBe(1);
    expect(errors(result)[0]).toContain('version "one" is not a SemVer 2 version');
  });
});
