// attach, discover, pull --artifact-type, --referrers-mode and manifest delete of a
// referrer, through the built binary, against the two real registries with the
// referrers API (go-containerregistry's and olareg; see referrers-api.test.ts
// for how they differ). attach-discover.test.ts does the same on distribution
// 2.8, which has no API.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageIndex, MediaType, referrersTag } from '@ocikit/core';
import { ocikit } from '../harness/ocikit-cli.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { API_REGISTRIES, useApiRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

interface DiscoverJson {
  digest: string;
  via: string;
  referrers: Array<{ digest: string; artifactType?: string; referrers: Array<{ digest: string; artifactType?: string }> }>;
}

describe.each(API_REGISTRIES)('ocikit attach and discover on %s (referrers API)', (kind) => {
  const registry = useApiRegistry(kind);
  const work = makeTempDir(`ocikit-cli-referrers-${kind}-`);
  const ref = (tag = 'v1'): string => `${registry.host}/cli/app:${tag}`;
  let subject: string;
  const digests: Record<string, string> = {};

  async function ok(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
    const result = await ocikit(args, { cwd: work, env });
    if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
    return result;
  }
  const digestIn = (text: string): string => /Digest: (sha256:[0-9a-f]{64})/.exec(text)![1]!;

  async function tagIndex(repository: string, of: string): Promise<ImageIndex | undefined> {
    const response = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(of)}`, { headers: { accept: MediaType.ImageIndex } });
    return response.status === 404 ? undefined : ((await response.json()) as ImageIndex);
  }
  async function apiListed(repository: string, of: string): Promise<string[]> {
    return ((await (await fetch(`${registry.url}/v2/${repository}/referrers/${of}`)).json()) as ImageIndex).manifests.map((d) => d.digest).sort();
  }

  beforeAll(async () => {
    await writeFile(join(work, 'app.bin'), 'the app\n');
    subject = digestIn((await ok(['push', ref(), 'app.bin'])).stdout);
    await writeJson(work, 'sbom.spdx.json', spdx());
    await writeJson(work, 'scan.sarif', sarif());
    const attached = JSON.parse((await ok(['attach', ref(), 'sbom.spdx.json', '--json'])).stdout) as { digest: string; referrers: { via: string; tag?: string } };
    digests.sbom = attached.digest;
    // ggcr sends no OCI-Subject: the tag index is kept too. olareg does: the registry alone lists it.
    expect(attached.referrers).toEqual(kind === 'ggcr' ? expect.objectContaining({ via: 'tag', tag: referrersTag(subject) }) : { via: 'api' });
    digests.report = digestIn((await ok(['attach', ref(), 'scan.sarif'])).stdout);
    await writeJson(work, 'sbom.sigstore.json', sigstoreBundle(digests.sbom));
    digests.sbomSignature = digestIn((await ok(['attach', `${registry.host}/cli/app@${digests.sbom}`, 'sbom.sigstore.json'])).stdout);
  }, 60_000);

  it('attach: the registry lists every referrer; the tag index exists on ggcr only', async () => {
    expect(await apiListed('cli/app', subject)).toEqual([digests.sbom, digests.report].sort());
    expect(await apiListed('cli/app', digests.sbom!)).toEqual([digests.sbomSignature]);
    const index = await tagIndex('cli/app', subject);
    if (kind === 'ggcr') expect(index?.manifests.map((d) => [d.digest, d.artifactType])).toEqual([[digests.sbom, 'application/spdx+json'], [digests.report, 'application/sarif+json']]);
    else expect(index).toBeUndefined();
  });

  it('discover: the chain from the API, each referrer with its own artifact type, filtered by --artifact-type', async () => {
    const json = JSON.parse((await ok(['discover', ref(), '-o', 'json'])).stdout) as DiscoverJson;
    expect(json.digest).toBe(subject);
    expect(json.via).toBe('api');
    const byDigest = new Map(json.referrers.map((r) => [r.digest, r]));
    expect([...byDigest.keys()].sort()).toEqual([digests.sbom, digests.report].sort());
    expect(byDigest.get(digests.sbom!)?.artifactType).toBe('application/spdx+json');
    expect(byDigest.get(digests.report!)?.artifactType).toBe('application/sarif+json');
    expect(byDigest.get(digests.sbom!)?.referrers.map((r) => [r.digest, r.artifactType])).toEqual([[digests.sbomSignature, 'application/vnd.dev.sigstore.bundle.v0.3+json']]);

    const tree = (await ok(['discover', ref()])).stdout;
    expect(tree).toContain(`├── application/sarif+json\n│   └── ${digests.report}`);
    expect(tree).toContain(`└── application/spdx+json\n    └── ${digests.sbom}\n        └── application/vnd.dev.sigstore.bundle.v0.3+json\n            └── ${digests.sbomSignature}`);

    const sboms = (await ok(['discover', ref(), '--artifact-type', 'application/spdx+json'])).stdout;
    expect(sboms).toContain(digests.sbom);
    expect(sboms).not.toContain(digests.report);
  });

  it('pull --artifact-type takes the newest referrer of that type', async () => {
    await writeJson(work, 'sbom-new.spdx.json', spdx('newer'));
    const newer = digestIn((await ok(['attach', ref(), 'sbom-new.spdx.json'], { SOURCE_DATE_EPOCH: '4102444800' })).stdout);
    const out = join(work, 'pulled-sbom');
    const result = await ok(['pull', ref(), '--artifact-type', 'application/spdx+json', '-o', out]);
    expect(result.stderr).toMatch(new RegExp(`2 referrers of type application/spdx\\+json on ${subject}; pulling the newest, ${newer} \\(created 2100-01-01T00:00:00Z\\)`));
    expect(result.stdout).toContain(`Pulled ${registry.host}/cli/app@${newer}`);
    expect(JSON.parse(await readFile(join(out, 'sbom-new.spdx.json'), 'utf8'))).toMatchObject({ name: 'newer' });
    const none = await ocikit(['pull', ref(), '--artifact-type', 'application/vnd.cyclonedx+json', '-o', out], { cwd: work });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no referrer of type application\/vnd\.cyclonedx\+json/);
    // manifest delete: the registry drops it from its answer (and, on ggcr, ocikit from the tag index it keeps there).
    await ok(['manifest', 'delete', `${registry.host}/cli/app@${newer}`]);
    expect(await apiListed('cli/app', subject)).toEqual([digests.sbom, digests.report].sort());
    if (kind === 'ggcr') expect((await tagIndex('cli/app', subject))?.manifests.map((d) => d.digest)).toEqual([digests.sbom, digests.report]);
    const again = await ok(['pull', ref(), '--artifact-type', 'application/spdx+json', '-o', join(work, 'pulled-again')]);
    expect(again.stdout).toContain(`Pulled ${registry.host}/cli/app@${digests.sbom}`);
  });

  it('--referrers-mode tag reads the tag index only: on ggcr the one ocikit kept, on olareg none', async () => {
    const json = JSON.parse((await ok(['discover', ref(), '-o', 'json', '--depth', '1', '--referrers-mode', 'tag'])).stdout) as DiscoverJson;
    expect(json.via).toBe('tag');
    expect(json.referrers.map((r) => r.digest).sort()).toEqual(kind === 'ggcr' ? [digests.sbom, digests.report].sort() : []);
  });

  it('--referrers-mode api writes no tag index; ggcr, which does not confirm the subject, gets a warning', async () => {
    await writeFile(join(work, 'other.bin'), 'another app\n');
    const other = digestIn((await ok(['push', ref('v2'), 'other.bin'])).stdout);
    const result = await ok(['attach', ref('v2'), 'scan.sarif', '--referrers-mode', 'api', '--json']);
    const attached = JSON.parse(result.stdout) as { digest: string; referrers: { via: string } };
    expect(attached.referrers).toEqual({ via: 'api' });
    if (kind === 'ggcr') expect(result.stderr).toMatch(/did not confirm the subject of sha256:[0-9a-f]{64} \(no OCI-Subject header\); with --referrers-mode api no sha256-<hex> tag is written/);
    else expect(result.stderr).not.toMatch(/warning/i);
    expect(await tagIndex('cli/app', other)).toBeUndefined();
    const json = JSON.parse((await ok(['discover', ref('v2'), '-o', 'json', '--referrers-mode', 'api'])).stdout) as DiscoverJson;
    expect(json.referrers.map((r) => [r.digest, r.artifactType])).toEqual([[attached.digest, 'application/sarif+json']]);
  });
});
