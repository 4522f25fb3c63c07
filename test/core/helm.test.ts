// Helm charts as `helm push` lays them out, checked field by field against
// Helm's source (pkg/registry/client.go Push, util.go generateOCIAnnotations,
// constants.go; pkg/chart/metadata.go for the config): a chart made here with
// a real Chart.yaml and templates, packed with tar.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  HelmMediaType,
  MediaType,
  RemoteRepository,
  digestOf,
  isOcikitError,
  parseChartMetadata,
  prepareHelmChart,
  pullHelmChart,
  pushHelmChart,
} from '@ocikit/core';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { schemaErrors } from '../harness/oci-schema.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

const CHART_YAML = `apiVersion: v2
name: my-app
description: A chart with <angle> & ampersand, and café
type: application
version: 1.2.3+build.7
appVersion: "2.0"
home: https://example.com/my-app
sources:
  - https://github.com/example/my-app
  - https://example.com/mirror
keywords: [web, demo]
maintainers:
  - name: Ann
    email: ann@example.com
  - name: Bob
    url: https://bob.example
annotations:
  org.opencontainers.image.title: not-the-title
  example.com/release: stable
  category: Démo
dependencies:
  - name: redis
    version: 17.x.x
    repository: oci://registry-1.docker.io/bitnamicharts
    condition: redis.enabled
    import-values:
      - child: default.data
        parent: myimports
`;

/** The config helm writes for CHART_YAML: json.Marshal(chart.Metadata), written out by hand from metadata.go. */
const EXPECTED_CONFIG =
  '{"name":"my-app","home":"https://example.com/my-app","sources":["https://github.com/example/my-app","https://example.com/mirror"],' +
  '"version":"1.2.3+build.7","description":"A chart with \\u003cangle\\u003e \\u0026 ampersand, and café","keywords":["web","demo"],' +
  '"maintainers":[{"name":"Ann","email":"ann@example.com"},{"name":"Bob","url":"https://bob.example"}],"apiVersion":"v2","appVersion":"2.0",' +
  '"annotations":{"category":"Démo","example.com/release":"stable","org.opencontainers.image.title":"not-the-title"},' +
  '"dependencies":[{"name":"redis","version":"17.x.x","repository":"oci://registry-1.docker.io/bitnamicharts","condition":"redis.enabled",' +
  '"import-values":[{"child":"default.data","parent":"myimports"}]}],"type":"application"}';

const PROVENANCE = `-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

apiVersion: v2
name: my-app
version: 1.2.3+build.7
...
files:
  my-app-1.2.3+build.7.tgz: sha256:0000
-----BEGIN PGP SIGNATURE-----

wsBcBAEBCgAQBQJlAAAAAAkQAAAAAAAAAAAAAA==
=AAAA
-----END PGP SIGNATURE-----
`;

/** A chart directory with Chart.yaml, values and templates, packed by tar as helm package would. */
async function makeChart(options: { chartYaml?: string; dir?: string; rootChartYaml?: boolean } = {}): Promise<string> {
  const work = makeTempDir();
  const dir = options.dir ?? 'my-app';
  await mkdir(join(work, dir, 'templates'), { recursive: true });
  await writeFile(join(work, dir, 'Chart.yaml'), options.chartYaml ?? CHART_YAML);
  await writeFile(join(work, dir, 'values.yaml'), 'replicaCount: 1\nimage:\n  repository: nginx\n');
  await writeFile(join(work, dir, 'templates', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n');
  await writeFile(join(work, dir, '.helmignore'), '.git/\n');
  const tgz = join(work, 'chart.tgz');
  execFileSync('tar', ['-czf', tgz, '-C', work, ...(options.rootChartYaml ? ['-C', join(work, dir), 'Chart.yaml'] : [dir])]);
  return tgz;
}

async function expectCode(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isOcikitError(error)) throw new Error(`expected an OcikitError ${code}, got ${String(error)}`);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

async function blob(repo: RemoteRepository, digest: string, size: number, mediaType: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await repo.fetchBlob({ mediaType, digest: digest as `sha256:${string}`, size })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('ocikit helm push', () => {
  it("writes exactly Helm's layout: repository, tag, config, layers, annotations, no manifest mediaType", async () => {
    const tgz = await makeChart();
    const prov = join(makeTempDir(), 'chart.tgz.prov');
    await writeFile(prov, PROVENANCE);
    const result = await pushHelmChart(tgz, `oci://${registry.host}/charts`, { provenance: prov, sourceDateEpoch: 1_700_000_000 });
    expect(result.reference).toEqual({ kind: 'registry', registry: registry.host, repository: 'charts/my-app', tag: '1.2.3_build.7' });

    const repo = new RemoteRepository({ registry: registry.host, repository: 'charts/my-app' });
    try {
      const fetched = await repo.fetchManifest('1.2.3_build.7');
      expect(fetched.descriptor).toEqual({ mediaType: MediaType.ImageManifest, digest: result.descriptor.digest, size: result.descriptor.size });
      const text = Buffer.from(fetched.bytes).toString('utf8');
      const manifest = JSON.parse(text);

      // ocispec.Manifest as Go marshals it, Helm leaving MediaType empty: these keys, in this order.
      expect(Object.keys(manifest)).toEqual(['schemaVersion', 'config', 'layers', 'annotations']);
      expect(manifest.schemaVersion).toBe(2);
      const configBytes = Buffer.from(EXPECTED_CONFIG);
      expect(manifest.config).toEqual({ mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: digestOf(configBytes), size: configBytes.length });
      expect((await blob(repo, manifest.config.digest, manifest.config.size, manifest.config.mediaType)).toString('utf8')).toBe(EXPECTED_CONFIG);

      const chartBytes = await readFile(tgz);
      const provBytes = Buffer.from(PROVENANCE);
      const layers = [
        { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: digestOf(chartBytes), size: chartBytes.length },
        { mediaType: 'application/vnd.cncf.helm.chart.provenance.v1.prov', digest: digestOf(provBytes), size: provBytes.length },
      ].sort((a, b) => (a.digest < b.digest ? -1 : 1)); // Helm sorts layers by digest
      expect(manifest.layers).toEqual(layers);
      expect(Object.keys(manifest.layers[0])).toEqual(['mediaType', 'digest', 'size']);
      expect((await blob(repo, digestOf(chartBytes), chartBytes.length, HelmMediaType.ChartContent)).equals(chartBytes)).toBe(true);

      // generateOCIAnnotations: keys sorted (a Go map), values as UTF-8 (helm 4 escapes no non-ASCII), title/version not overridable.
      expect(Object.keys(manifest.annotations)).toEqual([...Object.keys(manifest.annotations)].sort());
      expect(manifest.annotations).toEqual({
        category: 'Démo',
        'example.com/release': 'stable',
        'org.opencontainers.image.authors': 'Ann (ann@example.com), Bob',
        'org.opencontainers.image.created': '2023-11-14T22:13:20Z',
        'org.opencontainers.image.description': 'A chart with <angle> & ampersand, and café',
        'org.opencontainers.image.source': 'https://github.com/example/my-app',
        'org.opencontainers.image.title': 'my-app',
        'org.opencontainers.image.url': 'https://example.com/my-app',
        'org.opencontainers.image.version': '1.2.3+build.7',
      });
      // Go's encoder escapes <, > and & in strings.
      expect(text).toContain('"A chart with \\u003cangle\\u003e \\u0026 ampersand, and café"');
      expect(schemaErrors('image-manifest-schema', manifest)).toEqual([]);
    } finally {
      await repo.close();
    }
  });

  it('gives the same digest for the same chart and SOURCE_DATE_EPOCH', async () => {
    const tgz = await makeChart();
    const a = await prepareHelmChart(tgz, `oci://${registry.host}/charts`, { sourceDateEpoch: 1 });
    const b = await prepareHelmChart(tgz, `oci://${registry.host}/charts`, { sourceDateEpoch: 1 });
    expect(a.manifest.descriptor.digest).toBe(b.manifest.descriptor.digest);
    expect(a.provenance).toBeUndefined();
    expect(JSON.parse(Buffer.from(a.manifest.bytes).toString()).layers).toHaveLength(1);
  });

  it('refuses what is not a pushable chart with a clear error, and sends nothing', async () => {
    const proxy = await startFaultProxy(registry.url);
    try {
      const remote = `oci://${proxy.host}/charts`;
      const work = makeTempDir();
      const text = join(work, 'notes.tgz');
      await writeFile(text, 'not a chart\n');
      await expectCode(pushHelmChart(text, remote), 'INVALID_INPUT', /not a Helm chart archive: it is not gzip-compressed/);
      await mkdir(join(work, 'other', 'docs'), { recursive: true });
      await writeFile(join(work, 'other', 'docs', 'README.md'), 'hello\n');
      execFileSync('tar', ['-czf', join(work, 'other.tgz'), '-C', work, 'other']);
      await expectCode(pushHelmChart(join(work, 'other.tgz'), remote), 'INVALID_INPUT', /has no Chart.yaml/);
      await expectCode(pushHelmChart(await makeChart({ rootChartYaml: true }), remote), 'INVALID_INPUT', /not inside the chart directory/);
      await expectCode(pushHelmChart(work, remote), 'INVALID_INPUT', /it is a directory/);
      await expectCode(pushHelmChart(await makeChart({ chartYaml: CHART_YAML.replace('version: 1.2.3+build.7', 'version: 1.2') }), remote), 'INVALID_INPUT', /version "1.2" is not a SemVer 2 version/);
      await expectCode(pushHelmChart(await makeChart({ chartYaml: CHART_YAML.replace('version: 1.2.3+build.7\n', '') }), remote), 'INVALID_INPUT', /has no version/);
      await expectCode(pushHelmChart(await makeChart({ chartYaml: CHART_YAML.replace('apiVersion: v2\n', '') }), remote), 'INVALID_INPUT', /has no apiVersion/);
      await expectCode(pushHelmChart(await makeChart({ chartYaml: CHART_YAML.replace('name: my-app', 'name: My_App') }), remote), 'INVALID_INPUT', /"My_App" is not a valid repository name component/);
      await expectCode(pushHelmChart(await makeChart({ chartYaml: 'name: [broken' }), remote), 'INVALID_INPUT', /not valid YAML/);
      await expectCode(pushHelmChart(await makeChart(), remote, { provenance: join(work, 'missing.prov') }), 'INVALID_INPUT', /provenance file/);
      await expectCode(pushHelmChart(await makeChart(), `oci://${proxy.host}/Charts`), 'INVALID_INPUT');
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('reads Chart.yaml as Helm does: YAML 1.1 scalars become strings, whitespace is sanitised, v1 dependencies come from requirements.yaml', () => {
    const metadata = parseChartMetadata(
      Buffer.from('apiVersion: v1\nname: legacy\nversion: 0.1.0\nappVersion: 1.10\ndescription: "two\\tspaces\\u0007"\ndeprecated: yes\nkubeVersion: 2024-01-01\n'),
      Buffer.from('dependencies:\n  - name: db\n    repository: https://charts.example.com\n    enabled: true\n'),
      'legacy.tgz',
    );
    expect(JSON.stringify(metadata)).toBe(
      '{"name":"legacy","version":"0.1.0","description":"two spaces","apiVersion":"v1","appVersion":"1.1","deprecated":true,"kubeVersion":"2024-01-01","dependencies":[{"name":"db","repository":"https://charts.example.com","enabled":true}]}',
    );
  });
});

describe('ocikit helm pull', () => {
  it('writes <name>-<version>.tgz (and .prov) as helm pull does, taking the highest release by default', async () => {
    const tgz = await makeChart();
    const prov = join(makeTempDir(), 'p.prov');
    await writeFile(prov, PROVENANCE);
    await pushHelmChart(tgz, `oci://${registry.host}/pulls`, { provenance: prov });
    await pushHelmChart(await makeChart({ chartYaml: CHART_YAML.replace('version: 1.2.3+build.7', 'version: 0.9.0') }), `oci://${registry.host}/pulls`);
    await pushHelmChart(await makeChart({ chartYaml: CHART_YAML.replace('version: 1.2.3+build.7', 'version: 2.0.0-rc.1') }), `oci://${registry.host}/pulls`);

    const out = makeTempDir();
    const pulled = await pullHelmChart(`oci://${registry.host}/pulls/my-app`, { version: '1.2.3+build.7', outputDir: out, provenance: true });
    expect(pulled.path).toBe(join(out, 'my-app-1.2.3+build.7.tgz'));
    expect((await readFile(pulled.path)).equals(await readFile(tgz))).toBe(true);
    expect(await readFile(`${pulled.path}.prov`, 'utf8')).toBe(PROVENANCE);

    const latest = await pullHelmChart(`oci://${registry.host}/pulls/my-app`, { outputDir: makeTempDir() });
    expect([latest.version, latest.reference.tag]).toEqual(['1.2.3+build.7', '1.2.3_build.7']);
    const pre = await pullHelmChart(`oci://${registry.host}/pulls/my-app:2.0.0-rc.1`, { outputDir: makeTempDir() });
    expect(pre.version).toBe('2.0.0-rc.1');
    await expectCode(pullHelmChart(`oci://${registry.host}/pulls/my-app`, { version: '0.9.0', outputDir: makeTempDir(), provenance: true }), 'NOT_FOUND', /no provenance/);
    await expectCode(pullHelmChart(`oci://${registry.host}/pulls/my-app`, { version: '9.9.9', outputDir: makeTempDir() }), 'NOT_FOUND');
  });
});
