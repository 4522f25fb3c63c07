// The attach and discover actions (and pull's artifact-type) as GitHub runs them:
// the committed bundles against the real docker-registry, which has no referrers
// API, so referrers are listed by the sha256-<hex> tag index.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction, visibleText } from '../harness/action-runner.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, PASSWORD, errors, referrersTagOf, registryManifest } from './step-helpers.js';

const registry = useRegistry({ auth: 'basic' });
const SHA = '0123456789abcdef0123456789abcdef01234567';
const short = (digest: string): string => digest.slice(0, 'sha256:'.length + 12);

describe('attach and discover actions (bundled)', () => {
  let cwd: string;
  let subject: { digest: string; reference: string };
  const attached: Record<string, string> = {};

  beforeAll(async () => {
    cwd = makeTempDir('ocikit-ws-');
    await writeFile(join(cwd, 'app.bin'), 'the build output\n');
    const push = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/app:v1`, files: 'app.bin', ...LOGIN } });
    expect(errors(push)).toEqual([]);
    subject = { digest: push.outputs.digest!, reference: push.outputs.reference! };
    await writeJson(cwd, 'sbom.spdx.json', spdx('app'));
    await writeJson(cwd, 'trivy.sarif', sarif());
  });

  it('attach: an SBOM becomes a referrer listed in the tag index, with outputs and the graph in the summary', async () => {
    const result = await runAction('attach', {
      cwd,
      inputs: { subject: `${registry.host}/gh/app:v1`, files: 'sbom.spdx.json', annotations: 'org.example.tool=syft', ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    const { digest, reference } = result.outputs;
    attached.sbom = digest!;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reference).toBe(`${registry.host}/gh/app@${digest}`);
    expect(result.outputs.subject).toBe(subject.reference);
    const json = JSON.parse(result.outputs.json!);
    expect(json).toMatchObject({
      reference,
      digest,
      artifactType: 'application/spdx+json',
      subject: { reference: subject.reference, digest: subject.digest },
      files: [{ path: 'sbom.spdx.json', mediaType: 'application/spdx+json', kind: 'SPDX SBOM' }],
      referrers: { via: 'tag', tag: referrersTagOf(subject.digest) },
    });

    // The registry: the manifest names its subject, and the sha256-<hex> index lists it with its annotations.
    const manifest = await registryManifest(registry, 'gh/app', digest!);
    expect(manifest!.body.subject.digest).toBe(subject.digest);
    const index = await registryManifest(registry, 'gh/app', referrersTagOf(subject.digest));
    expect(index!.body.manifests).toEqual([
      expect.objectContaining({
        digest,
        artifactType: 'application/spdx+json',
        annotations: expect.objectContaining({ 'org.example.tool': 'syft', 'org.opencontainers.image.revision': SHA }),
      }),
    ]);

    // The summary: what was attached, and the subject's graph as Mermaid with the new node.
    expect(result.summary).toContain('ocikit attach');
    expect(result.summary).toContain(`<code>${subject.reference}</code>`);
    expect(result.summary).toContain('\n```mermaid\ngraph LR\n');
    expect(result.summary).toContain(`SBOM (SPDX)<br/>application/spdx+json<br/>${short(digest!)}`);
    expect(result.summary).toContain(`<code>${digest}</code>`);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('attach: a SARIF report, and a signature of the SBOM (a referrer of a referrer, by digest)', async () => {
    const report = await runAction('attach', { cwd, inputs: { subject: subject.reference, files: 'trivy.sarif', ...LOGIN } });
    expect(errors(report)).toEqual([]);
    attached.sarif = report.outputs.digest!;
    expect(JSON.parse(report.outputs.json!).artifactType).toBe('application/sarif+json');

    await writeJson(cwd, 'sbom.sigstore.json', sigstoreBundle(attached.sbom!));
    const signature = await runAction('attach', { cwd, inputs: { subject: `${registry.host}/gh/app@${attached.sbom}`, files: 'sbom.sigstore.json', ...LOGIN } });
    expect(errors(signature)).toEqual([]);
    attached.signature = signature.outputs.digest!;
    expect(signature.outputs.subject).toBe(`${registry.host}/gh/app@${attached.sbom}`);
    const index = await registryManifest(registry, 'gh/app', referrersTagOf(attached.sbom!));
    expect(index!.body.manifests.map((m: { digest: string }) => m.digest)).toEqual([attached.signature]);
  });

  it('attach: a file that claims a kind and is not one fails the step, and nothing is attached', async () => {
    await writeFile(join(cwd, 'broken.sarif'), '{"version": "2.1.0"}');
    const result = await runAction('attach', { cwd, inputs: { subject: subject.reference, files: 'broken.sarif', ...LOGIN } });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([expect.stringContaining('broken.sarif')]);
    expect(result.outputs).toEqual({});
    const index = await registryManifest(registry, 'gh/app', referrersTagOf(subject.digest));
    expect(index!.body.manifests).toHaveLength(2);
  });

  it('discover: the whole graph as outputs, in the log, and as Mermaid in the summary', async () => {
    const result = await runAction('discover', { inputs: { reference: `${registry.host}/gh/app:v1`, ...LOGIN } });
    expect(errors(result)).toEqual([]);
    expect(result.outputs).toMatchObject({ digest: subject.digest, reference: subject.reference, count: '3' });
    const json = JSON.parse(result.outputs.json!);
    expect(json).toMatchObject({ reference: `${registry.host}/gh/app@${subject.digest}`, digest: subject.digest, via: 'tag' });
    // Siblings by artifact type: sarif before spdx.
    expect(json.referrers.map((r: any) => [r.digest, r.artifactType, r.referrers.map((s: any) => s.digest)])).toEqual([
      [attached.sarif, 'application/sarif+json', []],
      [attached.sbom, 'application/spdx+json', [attached.signature]],
    ]);
    // format tree (the default): oras's tree, in the log and the graph output.
    expect(result.outputs.graph).toBe(
      [
        `${registry.host}/gh/app@${subject.digest}`,
        '├── application/sarif+json',
        `│   └── ${attached.sarif}`,
        '└── application/spdx+json',
        `    └── ${attached.sbom}`,
        '        └── application/vnd.dev.sigstore.bundle.v0.3+json',
        `            └── ${attached.signature}`,
        '',
      ].join('\n'),
    );
    expect(result.stdout).toContain(`            └── ${attached.signature}`);
    expect(result.summary).toContain('ocikit discover');
    expect(result.summary).toContain('\n```mermaid\ngraph LR\n');
    for (const digest of Object.values(attached)) expect(result.summary).toContain(short(digest));
    expect(result.summary).toContain('scan report (SARIF)');
    expect(result.summary).toContain('signature (Sigstore bundle)');
  });

  it('discover: artifact-type, depth and format narrow and shape it', async () => {
    const sarifOnly = await runAction('discover', {
      inputs: { reference: subject.reference, 'artifact-type': 'application/sarif+json', format: 'json', ...LOGIN },
    });
    expect(errors(sarifOnly)).toEqual([]);
    expect(sarifOnly.outputs.count).toBe('1');
    expect(JSON.parse(sarifOnly.outputs.graph!)).toEqual(JSON.parse(sarifOnly.outputs.json!));

    const shallow = await runAction('discover', { inputs: { reference: subject.reference, depth: '1', format: 'mermaid', ...LOGIN } });
    expect(shallow.outputs.count).toBe('2');
    expect(shallow.outputs.graph).toMatch(/^```mermaid\ngraph LR\n/);
    expect(shallow.outputs.graph).not.toContain(short(attached.signature!));

    const bad = await runAction('discover', { inputs: { reference: subject.reference, format: 'dot', ...LOGIN } });
    expect(bad.code).toBe(1);
    expect(errors(bad)).toEqual(['input "format" is "dot", not one of tree, table, json, mermaid']);
  });

  it('pull with artifact-type: the SBOM of app:v1', async () => {
    const out = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', {
      cwd: out,
      inputs: { reference: `${registry.host}/gh/app:v1`, 'artifact-type': 'application/spdx+json', path: 'sbom', ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    expect(result.outputs).toMatchObject({ digest: attached.sbom, reference: `${registry.host}/gh/app@${attached.sbom}`, files: join('sbom', 'sbom.spdx.json') });
    expect(JSON.parse(result.outputs.json!)).toMatchObject({ subject: subject.digest, candidates: 1, artifactType: 'application/spdx+json' });
    expect(JSON.parse(await readFile(join(out, 'sbom', 'sbom.spdx.json'), 'utf8'))).toEqual(spdx('app'));
  });
});
