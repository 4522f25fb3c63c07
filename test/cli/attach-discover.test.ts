// attach, discover, pull --artifact-type, copy --referrers and manifest delete of a
// referrer, through the built binary, against the real registry (no referrers
// API: the sha256-<hex> tag schema) and an OCI layout.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageIndex, type ImageManifest, MediaType, referrersTag } from '@ocikit/core';
import { ocikit } from '../harness/ocikit-cli.js';
import { cosignPayload, sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const work = makeTempDir('ocikit-cli-referrers-');

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return ocikit(args, { cwd: work, env });
}

/** Runs and expects success; returns stdout. */
async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await cli(args, env);
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
  return result.stdout;
}

const digestIn = (text: string): string => /Digest: (sha256:[0-9a-f]{64})/.exec(text)![1]!;

async function tagIndex(repository: string, subject: string): Promise<ImageIndex | undefined> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(subject)}`, { headers: { accept: MediaType.ImageIndex } });
  return response.status === 404 ? undefined : ((await response.json()) as ImageIndex);
}

describe('ocikit attach and discover', () => {
  const ref = (tag = 'v1'): string => `${registry.host}/cli/app:${tag}`;
  let subject: string;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    await writeFile(join(work, 'app.bin'), 'the app\n');
    subject = digestIn(await ok(['push', ref(), 'app.bin']));
    await writeJson(work, 'app.sigstore.json', sigstoreBundle(subject));
    await writeJson(work, 'sbom.spdx.json', spdx());
    await writeJson(work, 'scan.sarif', sarif());
    digests.signature = digestIn(await ok(['attach', ref(), 'app.sigstore.json']));
    digests.sbom = digestIn(await ok(['attach', ref(), 'sbom.spdx.json', '-a', 'org.example.team=core']));
    await writeJson(work, 'sbom.sigstore.json', sigstoreBundle(digests.sbom));
    digests.sbomSignature = digestIn(await ok(['attach', `${registry.host}/cli/app@${digests.sbom}`, 'sbom.sigstore.json']));
    digests.report = digestIn(await ok(['attach', ref(), 'scan.sarif']));
    await writeJson(work, 'scan.sigstore.json', sigstoreBundle(digests.report));
    digests.reportSignature = digestIn(await ok(['attach', `${registry.host}/cli/app@${digests.report}`, 'scan.sigstore.json']));
  }, 60_000);

  it('lists the verbs and says what --referrers-mode is in oras terms', async () => {
    const help = await ok(['--help']);
    expect(help).toContain('attach [options] <subject> <files...>');
    expect(help).toContain('discover [options] <reference>');
    const attachHelp = await ok(['attach', '--help']);
    expect(attachHelp).toMatch(/--referrers-mode <mode>[\s\S]*auto[\s\S]*api[\s\S]*tag[\s\S]*--distribution-spec/);
    expect(attachHelp).toContain('--inline-max <bytes>');
    expect(await ok(['discover', '--help'])).toMatch(/--format <format> +tree, table, json, mermaid/);
    expect(await ok(['pull', '--help'])).toContain('--artifact-type <type>');
    expect(await ok(['copy', '--help'])).toContain('--referrers');
    const bad = await cli(['discover', ref(), '--referrers-mode', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"sometimes" is not a referrers mode/);
  });

  it('attach says what it recognised and where the referrer is listed', async () => {
    await writeJson(work, 'again.spdx.json', spdx('again'));
    const out = await ok(['attach', ref(), 'again.spdx.json', '--json']);
    const result = JSON.parse(out) as { artifactType: string; subject: { digest: string }; files: Array<{ kind: string }>; referrers: { via: string; tag: string }; annotations: Record<string, string> };
    expect(result.artifactType).toBe('application/spdx+json');
    expect(result.subject.digest).toBe(subject);
    expect(result.files).toEqual([{ path: 'again.spdx.json', mediaType: 'application/spdx+json', kind: 'SPDX SBOM' }]);
    expect(result.referrers).toMatchObject({ via: 'tag', tag: referrersTag(subject) });
    expect(result.annotations['org.opencontainers.image.created']).toBeDefined();
    // Deleting a referrer takes it out of the tag-schema index.
    const digest = (JSON.parse(out) as { digest: string }).digest;
    expect((await tagIndex('cli/app', subject))!.manifests.map((d) => d.digest)).toContain(digest);
    await ok(['manifest', 'delete', `${registry.host}/cli/app@${digest}`]);
    expect((await tagIndex('cli/app', subject))!.manifests.map((d) => d.digest)).not.toContain(digest);
  });

  it('refuses a file that claims a kind and is not one, and pushes nothing', async () => {
    await writeJson(work, 'broken.sarif', { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
    await writeFile(join(work, 'broken.spdx.json'), '{"spdxVersion": "SPDX-2.3", ');
    const before = await tagIndex('cli/app', subject);
    for (const [file, pattern] of [
      ['broken.sarif', /broken\.sarif is not a valid SARIF report .*no "runs" array/],
      ['broken.spdx.json', /not a valid SPDX SBOM .*not valid JSON/],
      ['sbom.spdx.json:application/sarif+json', /not a valid SARIF report \(as its media type application\/sarif\+json says it is\)/],
    ] as const) {
      const result = await cli(['attach', ref(), file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).toContain('nothing was pushed');
    }
    expect(await tagIndex('cli/app', subject)).toEqual(before);
  });

  it('discover draws the chain as a tree, a table, JSON and Mermaid (--format, or -o)', async () => {
    const tree = await ok(['discover', ref()]);
    const lines = tree.trimEnd().split('\n');
    expect(lines[0]).toBe(`${registry.host}/cli/app@${subject}`);
    expect(tree).toContain(`├── application/sarif+json\n│   └── ${digests.report}\n│       └── application/vnd.dev.sigstore.bundle.v0.3+json\n│           └── ${digests.reportSignature}`);
    expect(tree).toContain(`├── application/spdx+json\n│   └── ${digests.sbom}\n│       └── application/vnd.dev.sigstore.bundle.v0.3+json\n│           └── ${digests.sbomSignature}`);
    expect(tree).toContain(`└── application/vnd.dev.sigstore.bundle.v0.3+json\n    └── ${digests.signature}`);

    const json = JSON.parse(await ok(['discover', ref(), '-o', 'json'])) as { digest: string; via: string; referrers: Array<{ digest: string; annotations?: Record<string, string>; referrers: Array<{ digest: string }> }> };
    expect(json.digest).toBe(subject);
    expect(json.via).toBe('tag');
    const sbom = json.referrers.find((r) => r.digest === digests.sbom)!;
    expect(sbom.annotations?.['org.example.team']).toBe('core');
    expect(sbom.referrers.map((r) => r.digest)).toEqual([digests.sbomSignature]);
    expect(JSON.parse(await ok(['discover', ref(), '--json', '--depth', '1'])).referrers.every((r: { referrers: unknown[] }) => r.referrers.length === 0)).toBe(true);

    const mermaid = await ok(['discover', ref(), '-o', 'mermaid']);
    expect(mermaid).toMatch(/^```mermaid\ngraph LR\n/);
    expect(mermaid).toContain('["SBOM (SPDX)<br/>application/spdx+json<br/>');
    expect(mermaid.match(/-->/g)).toHaveLength(5);

    // --format is the name (oras's); -o stays as its older alias; the two must agree.
    expect(await ok(['discover', ref(), '--format', 'json'])).toBe(await ok(['discover', ref(), '-o', 'json']));
    const table = (await ok(['discover', ref(), '--format', 'table'])).split('\n');
    expect(table[0]).toBe(`${registry.host}/cli/app@${subject}: 5 referrer(s)`);
    expect(table[1]).toMatch(/^DIGEST +KIND +ARTIFACT TYPE +SIZE +CREATED$/);
    expect(table).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${digests.sbom} +SBOM \\(SPDX\\) +application/spdx\\+json +\\d+ B +\\d{4}-`)),
      expect.stringMatching(new RegExp(`^  ${digests.sbomSignature} +signature \\(Sigstore bundle\\) +application/vnd\\.dev\\.sigstore\\.bundle\\.v0\\.3\\+json `)),
    ]));
    const conflicting = await cli(['discover', ref(), '--format', 'tree', '-o', 'json']);
    expect({ code: conflicting.code, stderr: conflicting.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('--format tree and -o json ask for different formats') });
    const unknown = await cli(['discover', ref(), '--format', 'yaml']);
    expect(unknown.stderr).toContain('--format yaml is not a discover format\n  hint: use one of tree, table, json, mermaid');

    const sboms = await ok(['discover', ref(), '--artifact-type', 'application/spdx+json']);
    expect(sboms).toContain(digests.sbom);
    expect(sboms).not.toContain(digests.report);
  });

  it('pull --artifact-type takes the newest referrer of that type, and says there were several', async () => {
    await writeJson(work, 'sbom-new.spdx.json', spdx('newer'));
    const newer = digestIn(await ok(['attach', ref(), 'sbom-new.spdx.json'], { SOURCE_DATE_EPOCH: '4102444800' }));
    const out = join(work, 'pulled-sbom');
    const result = await cli(['pull', ref(), '--artifact-type', 'application/spdx+json', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`referrers of type application/spdx\\+json on ${subject}; pulling the newest, ${newer} \\(created 2100-01-01T00:00:00Z\\)`));
    expect(result.stdout).toContain(`Pulled ${registry.host}/cli/app@${newer}`);
    expect(JSON.parse(await readFile(join(out, 'sbom-new.spdx.json'), 'utf8'))).toMatchObject({ name: 'newer' });
    const none = await cli(['pull', ref(), '--artifact-type', 'application/vnd.cyclonedx+json', '-o', out]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no referrer of type application\/vnd\.cyclonedx\+json/);
    await ok(['manifest', 'delete', `${registry.host}/cli/app@${newer}`]);
  });

  it('copy --referrers takes the graph to a layout, where discover finds it offline', async () => {
    const layout = join(work, 'copied-layout');
    const result = JSON.parse(await ok(['copy', ref(), `oci-layout:${layout}:v1`, '--referrers', '--json'])) as { referrers: { copied: number } };
    expect(result.referrers.copied).toBe(5);
    const tree = await ok(['discover', `oci-layout:${layout}:v1`]);
    for (const digest of Object.values(digests)) expect(tree).toContain(digest);
  });

  it("shows cosign's pre-1.1 .sig tags as legacy referrers", async () => {
    await writeJson(work, 'payload.json', cosignPayload(subject));
    const legacyTag = `sha256-${subject.slice(7)}.sig`;
    await ok(['push', `${registry.host}/cli/app:${legacyTag}`, 'payload.json:application/vnd.dev.cosign.simplesigning.v1+json', '--config', 'payload.json:application/vnd.oci.image.config.v1+json']);
    const tree = await ok(['discover', ref(), '--depth', '1']);
    expect(tree).toMatch(new RegExp(`application/vnd\\.dev\\.cosign\\.simplesigning\\.v1\\+json\\n[│ ] {3}└── sha256:[0-9a-f]{64}  \\[cosign tag ${legacyTag}\\]`));
    expect(await ok(['discover', ref(), '--depth', '1', '--no-legacy'])).not.toContain(legacyTag);
  });

  it('push --inline-max puts small layers in the manifest (OCI 1.1 data), and pull uses them', async () => {
    await writeFile(join(work, 'tiny.txt'), 'tiny\n');
    await ok(['push', ref('inline'), 'tiny.txt', '--inline-max', '1024']);
    const manifest = JSON.parse(await ok(['manifest', 'get', ref('inline')])) as ImageManifest;
    expect(Buffer.from(manifest.layers[0]!.data!, 'base64').toString()).toBe('tiny\n');
    await ok(['pull', ref('inline'), '-o', join(work, 'inline-out')]);
    expect(await readFile(join(work, 'inline-out', 'tiny.txt'), 'utf8')).toBe('tiny\n');
  });
});

describe('20 CI jobs attaching to one subject at once', () => {
  it('all land in the tag-schema index', async () => {
    await writeFile(join(work, 'busy.bin'), 'busy\n');
    const subject = digestIn(await ok(['push', `${registry.host}/cli/busy:v1`, 'busy.bin']));
    const jobs = Array.from({ length: 20 }, (_, i) => i);
    await Promise.all(jobs.map((i) => writeJson(work, `job-${i}.sarif`, { ...sarif(), runs: [{ tool: { driver: { name: `job-${i}` } }, results: [] }] })));
    const results = await Promise.all(jobs.map((i) => cli(['attach', `${registry.host}/cli/busy:v1`, `job-${i}.sarif`, '-a', `org.example.job=${i}`, '--json'])));
    for (const result of results) expect(result.stderr).not.toMatch(/error|warning/);
    expect(results.map((r) => r.code)).toEqual(jobs.map(() => 0));
    const attached = results.map((r) => (JSON.parse(r.stdout) as { digest: string }).digest);
    const index = (await tagIndex('cli/busy', subject))!;
    expect(new Set(index.manifests.map((d) => d.digest))).toEqual(new Set(attached));
    expect(index.manifests).toHaveLength(20);
  }, 120_000);
});
