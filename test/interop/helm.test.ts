// The helm row of the interop matrix, judged by helm itself (v4.3.2, the pinned
// peer): a chart ocikit pushes, `helm pull` brings back byte for byte (with its
// provenance, which `helm verify` accepts) and `helm show chart` reads; a chart
// helm pushes, `ocikit helm pull` brings back byte for byte; and for the same
// chart file ocikit writes the very manifest helm writes. On distribution (no
// referrers API) and on the two registries with it.
//
// The charts are real: `helm package` makes them and `helm package --sign` signs
// them with a GnuPG key made for the test (helm reads a binary secret keyring,
// which `gpg --export-secret-keys` of a key without passphrase is).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository } from '@ocikit/core';
import { ocikit } from '../harness/ocikit-cli.js';
import { helm } from '../harness/peer-tools.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const VERSION = '1.2.3+build.7';
const TAG = '1.2.3_build.7';
const CHART_FILE = `hello-${VERSION}.tgz`;

// Non-ASCII in the description, a maintainer and an annotation; `<>&`, which Go's
// encoder escapes; a chart annotation that may not override the title.
const CHART_YAML = `apiVersion: v2
name: hello
description: A chart <for> tests & café
type: application
version: ${VERSION}
appVersion: "2.0"
home: https://example.com/hello
sources:
  - https://github.com/example/hello
  - https://example.com/mirror
maintainers:
  - name: Zoë
    email: zoe@example.com
  - name: Bob
keywords: [web, demo]
annotations:
  example.com/zeta: "z"
  example.com/alpha: "ünïcode"
  org.opencontainers.image.title: "not-the-title"
`;

/** A fixed chart-file time: helm's `created` annotation is the archive's mtime. */
const CHART_MTIME = new Date('2026-03-04T05:06:07Z');

interface Charts {
  /** `hello-<version>.tgz`, unsigned. */
  plain: string;
  /** `hello-<version>.tgz` and `.tgz.prov` beside it, from `helm package --sign`. */
  signed: string;
  pubring: string;
}

const work = makeTempDir('ocikit-helm-interop-');
const gnupgHome = join(work, 'gnupg');
const helmHome = join(work, 'helm-home');
let charts: Charts;

function gpg(args: string[]): Buffer {
  return execFileSync('gpg', ['--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
    env: { ...process.env, GNUPGHOME: gnupgHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(async () => {
  await mkdir(gnupgHome, { recursive: true, mode: 0o700 });
  await mkdir(helmHome, { recursive: true });
  gpg(['--quick-gen-key', 'ocikit test <test@ocikit.invalid>', 'rsa2048', 'sign', 'never']);
  const secring = join(work, 'secring.gpg');
  const pubring = join(work, 'pubring.gpg');
  await writeFile(secring, gpg(['--export-secret-keys']));
  await writeFile(pubring, gpg(['--export']));

  const source = join(work, 'source');
  await mkdir(join(source, 'hello', 'templates'), { recursive: true });
  await writeFile(join(source, 'hello', 'Chart.yaml'), CHART_YAML);
  await writeFile(join(source, 'hello', 'values.yaml'), 'replicaCount: 1\n');
  await writeFile(join(source, 'hello', 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
  const plain = join(work, 'plain');
  const signed = join(work, 'signed');
  await helm(['package', join(source, 'hello'), '-d', plain], { home: helmHome });
  await helm(['package', '--sign', '--key', 'ocikit test', '--keyring', secring, join(source, 'hello'), '-d', signed], { home: helmHome });
  for (const dir of [plain, signed]) await utimes(join(dir, CHART_FILE), CHART_MTIME, CHART_MTIME);
  expect((await readdir(signed)).sort()).toEqual([CHART_FILE, `${CHART_FILE}.prov`]);
  charts = { plain, signed, pubring };
}, 60_000);

afterAll(() => {
  // gpg started an agent for the key: end it (by its home, not by name).
  execFileSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: gnupgHome } });
});

async function manifestText(host: string, repository: string, tag: string): Promise<string> {
  const repo = new RemoteRepository({ registry: host, repository });
  try {
    return Buffer.from((await repo.fetchManifest(tag)).bytes).toString('utf8');
  } finally {
    await repo.close();
  }
}

const REGISTRY_KINDS = ['distribution', 'ggcr', 'olareg'] as const;

describe.each(REGISTRY_KINDS)('helm and ocikit on %s', (kind) => {
  const registry = kind === 'distribution' ? useRegistry() : useApiRegistry(kind);

  it('helm pulls the chart and provenance ocikit pushed, byte for byte; helm verifies it and shows the chart', async () => {
    const chart = join(charts.signed, CHART_FILE);
    const pushed = await ocikit(['helm', 'push', chart, '--prov', `${chart}.prov`, `oci://${registry.host}/by-ocikit/charts`]);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain(`Pushed: ${registry.host}/by-ocikit/charts/hello:${TAG}`);

    const out = makeTempDir();
    // --version with `+`: helm looks for the `_` tag ocikit wrote; --verify checks the .prov against the key.
    await helm(['pull', `oci://${registry.host}/by-ocikit/charts/hello`, '--version', VERSION, '--plain-http', '--prov', '--verify', '--keyring', charts.pubring, '-d', out], { home: helmHome });
    expect((await readdir(out)).sort()).toEqual([CHART_FILE, `${CHART_FILE}.prov`]);
    expect((await readFile(join(out, CHART_FILE))).equals(await readFile(chart))).toBe(true);
    expect((await readFile(join(out, `${CHART_FILE}.prov`))).equals(await readFile(`${chart}.prov`))).toBe(true);
    const verified = await helm(['verify', '--keyring', charts.pubring, join(out, CHART_FILE)], { home: helmHome });
    expect(verified.stdout).toContain('Signed by: ocikit test <test@ocikit.invalid>');

    const shown = await helm(['show', 'chart', `oci://${registry.host}/by-ocikit/charts/hello`, '--version', VERSION, '--plain-http'], { home: helmHome });
    expect(shown.stdout).toContain('name: hello\n');
    expect(shown.stdout).toContain(`version: ${VERSION}\n`);
    expect(shown.stdout).toContain('description: A chart <for> tests & café\n');

    // A version constraint makes helm list the tags and turn `_` back into `+`.
    const ranged = makeTempDir();
    await helm(['pull', `oci://${registry.host}/by-ocikit/charts/hello`, '--version', '^1.2.0', '--plain-http', '-d', ranged], { home: helmHome });
    expect((await readFile(join(ranged, CHART_FILE))).equals(await readFile(chart))).toBe(true);
  });

  it('ocikit pulls the chart and provenance helm pushed, byte for byte', async () => {
    const chart = join(charts.signed, CHART_FILE);
    // helm push takes <chart>.tgz.prov from beside the chart by itself.
    await helm(['push', chart, `oci://${registry.host}/by-helm/charts`, '--plain-http'], { home: helmHome });
    const out = makeTempDir();
    const pulled = await ocikit(['helm', 'pull', `oci://${registry.host}/by-helm/charts/hello`, '--version', VERSION, '--prov', '-o', out]);
    expect(pulled.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([CHART_FILE, `${CHART_FILE}.prov`]);
    expect((await readFile(join(out, CHART_FILE))).equals(await readFile(chart))).toBe(true);
    expect((await readFile(join(out, `${CHART_FILE}.prov`))).equals(await readFile(`${chart}.prov`))).toBe(true);

    // Without a version: the highest release tag, `_` read back as `+`.
    const latest = makeTempDir();
    expect((await ocikit(['helm', 'pull', `oci://${registry.host}/by-helm/charts/hello`, '-o', latest])).code).toBe(0);
    expect(await readdir(latest)).toEqual([CHART_FILE]);
  });

  it('for the same chart file ocikit writes the manifest helm writes: config, layers, annotations, created from the file time', async () => {
    for (const [name, dir, prov] of [
      ['plain', charts.plain, false],
      ['signed', charts.signed, true],
    ] as const) {
      const chart = join(dir, CHART_FILE);
      await helm(['push', chart, `oci://${registry.host}/same-${name}/helm`, '--plain-http'], { home: helmHome });
      const pushed = await ocikit(['helm', 'push', chart, ...(prov ? ['--prov', `${chart}.prov`] : []), `oci://${registry.host}/same-${name}/ocikit`]);
      expect(pushed.code).toBe(0);
      const byHelm = await manifestText(registry.host, `same-${name}/helm/hello`, TAG);
      const byOcikit = await manifestText(registry.host, `same-${name}/ocikit/hello`, TAG);
      const manifest = JSON.parse(byHelm);
      expect(manifest.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
      expect(manifest.layers.map((l: { mediaType: string }) => l.mediaType).sort()).toEqual(
        prov ? ['application/vnd.cncf.helm.chart.content.v1.tar+gzip', 'application/vnd.cncf.helm.chart.provenance.v1.prov'] : ['application/vnd.cncf.helm.chart.content.v1.tar+gzip'],
      );
      // helm writes annotation values as UTF-8, as Go's encoder does: no \u escapes of its own.
      expect(manifest.annotations['org.opencontainers.image.authors']).toBe('Zoë (zoe@example.com), Bob');
      expect(manifest.annotations['org.opencontainers.image.created']).toBe('2026-03-04T05:06:07Z');
      expect(byOcikit).toBe(byHelm);
    }
  });

  it.each([
    ['Asia/Kolkata', '2026-03-04T10:36:07+05:30'],
    ['America/St_Johns', '2026-03-04T01:36:07-03:30'],
  ])('uses the chart file time in the local zone for created, as helm does (TZ=%s)', async (zone, created) => {
    const chart = join(charts.plain, CHART_FILE);
    const env = { TZ: zone };
    const at = zone.toLowerCase().replace(/[^a-z]/g, '-');
    await helm(['push', chart, `oci://${registry.host}/${at}/helm`, '--plain-http'], { home: helmHome, env });
    expect((await ocikit(['helm', 'push', chart, `oci://${registry.host}/${at}/ocikit`], { env })).code).toBe(0);
    const byHelm = await manifestText(registry.host, `${at}/helm/hello`, TAG);
    expect(JSON.parse(byHelm).annotations['org.opencontainers.image.created']).toBe(created);
    expect(await manifestText(registry.host, `${at}/ocikit/hello`, TAG)).toBe(byHelm);
  });
});
