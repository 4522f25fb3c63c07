// The OCI 1.1 referrers API path. No registry with the API runs here (Debian's
// distribution 2.8 has none), so these tests run against a small spec-faithful
// fixture in front of the real registry (test/harness/referrers-api-fixture.ts):
// it implements GET /v2/<name>/referrers/<digest> from the manifests it saw
// pushed, answers OCI-Subject on PUTs of manifests with a subject, pages with
// Link, and filters by artifactType with OCI-Filters-Applied (or, when told, does
// not filter and does not say so).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AttachResult, type Descriptor, RemoteRepository, type RemoteRepositoryOptions, attachArtifact, discoverReferrers, pushArtifact, referrersTag, selectReferrer } from '@ocikit/core';
import { type ReferrersApiFixture, startReferrersApiFixture } from '../harness/referrers-api-fixture.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
let api: ReferrersApiFixture;
let unfiltered: ReferrersApiFixture;
const open: RemoteRepository[] = [];

beforeAll(async () => {
  api = await startReferrersApiFixture(registry.url, { pageSize: 2 });
  unfiltered = await startReferrersApiFixture(registry.url, { pageSize: 2, applyFilters: false });
});
afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
  await api?.stop();
  await unfiltered?.stop();
});

function repo(host: string, repository: string, options: RemoteRepositoryOptions = {}): RemoteRepository {
  const r = new RemoteRepository({ registry: host, repository }, options);
  open.push(r);
  return r;
}

let serial = 0;
const file = (name: string, document: unknown): Promise<string> => writeJson(makeTempDir(), `${serial++}-${name}`, document);

async function pushSubject(target: RemoteRepository, tag: string): Promise<Descriptor> {
  const dir = makeTempDir();
  await writeFile(join(dir, 'app.txt'), `app ${serial++}\n`);
  return (await pushArtifact(target, { files: [{ path: join(dir, 'app.txt') }], tags: [tag], artifactType: 'application/vnd.example.app.v1' })).descriptor;
}

async function tags(repository: string): Promise<string[]> {
  const response = await fetch(`${registry.url}/v2/${repository}/tags/list`);
  return ((await response.json()) as { tags: string[] | null }).tags ?? [];
}

describe('a registry with the referrers API (fixture)', () => {
  it('attach: OCI-Subject is answered, the API confirmed, and no sha256-<hex> tag is written', async () => {
    const target = repo(api.host, 'api/app');
    const subject = await pushSubject(target, 'v1');
    api.requests.splice(0);
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    expect(sbom.referrers).toEqual({ via: 'api' });
    // One probe of the endpoint, then the API is known: the next attach does not ask again.
    expect(api.requests.filter((r) => r.path.includes('/referrers/'))).toHaveLength(1);
    await attachArtifact(target, 'v1', { files: [{ path: await file('sig.sigstore.json', sigstoreBundle(subject.digest)) }] });
    expect(api.requests.filter((r) => r.path.includes('/referrers/'))).toHaveLength(1);
    expect(await tags('api/app')).toEqual(['v1']);
    expect(api.requests.some((r) => r.path.includes(`/manifests/${referrersTag(subject.digest)}`))).toBe(false);
  });

  it('discover: the chain comes from the API, every Link page followed', async () => {
    const target = repo(api.host, 'api/chain');
    const subject = await pushSubject(target, 'v1');
    const reports: AttachResult[] = [];
    for (let i = 0; i < 5; i++) reports.push(await attachArtifact(target, 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }], annotations: { n: String(i) } }));
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const sbomSignature = await attachArtifact(target, sbom.descriptor.digest, { files: [{ path: await file('s.sigstore.json', sigstoreBundle(sbom.descriptor.digest)) }] });

    const reader = repo(api.host, 'api/chain');
    api.requests.splice(0);
    const graph = await discoverReferrers(reader, 'v1', { legacy: false });
    expect(graph.via).toBe('api');
    expect(graph.count).toBe(7);
    expect(new Set(graph.referrers.map((n) => n.descriptor.digest))).toEqual(new Set([...reports, sbom].map((r) => r.descriptor.digest)));
    const sbomNode = graph.referrers.find((n) => n.descriptor.digest === sbom.descriptor.digest)!;
    expect(sbomNode.referrers.map((n) => n.descriptor.digest)).toEqual([sbomSignature.descriptor.digest]);
    // The descriptors carry artifactType and the manifests' annotations.
    expect(graph.referrers.find((n) => n.descriptor.digest === reports[3]!.descriptor.digest)?.descriptor).toMatchObject({ artifactType: 'application/sarif+json', annotations: { n: '3' } });
    // 6 referrers of the subject in pages of 2: three requests for it.
    const subjectPages = api.requests.filter((r) => r.path.startsWith(`/v2/api/chain/referrers/${subject.digest}`));
    expect(subjectPages).toHaveLength(3);
    expect(subjectPages[2]?.path).toContain('page=2');
    expect(api.requests.some((r) => /\/manifests\/sha256-/.test(r.path))).toBe(false);
  });

  it('filters by artifactType on the registry when it applies the filter, and locally when it does not', async () => {
    const target = repo(api.host, 'api/filter');
    await pushSubject(target, 'v1');
    for (let i = 0; i < 3; i++) await attachArtifact(target, 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }] });
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });

    api.requests.splice(0);
    const filtered = await discoverReferrers(repo(api.host, 'api/filter'), 'v1', { artifactType: 'application/spdx+json', legacy: false });
    expect(filtered.referrers.map((n) => n.descriptor.digest)).toEqual([sbom.descriptor.digest]);
    expect(api.requests.some((r) => r.path.includes('artifactType=application%2Fspdx%2Bjson'))).toBe(true);

    // The same through a registry that ignores the filter (no OCI-Filters-Applied): ocikit filters.
    const other = repo(unfiltered.host, 'api/filter-local');
    const otherSubject = await pushSubject(other, 'v1');
    for (let i = 0; i < 3; i++) await attachArtifact(other, 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }] });
    const otherSbom = await attachArtifact(other, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    unfiltered.requests.splice(0);
    const local = await discoverReferrers(repo(unfiltered.host, 'api/filter-local'), 'v1', { artifactType: 'application/spdx+json', legacy: false });
    expect(local.via).toBe('api');
    expect(local.referrers.map((n) => n.descriptor.digest)).toEqual([otherSbom.descriptor.digest]);
    // It asked with the filter and got all four back, in two pages.
    expect(unfiltered.requests.filter((r) => r.path.includes(`/referrers/${otherSubject.digest}?artifactType=`))).toHaveLength(2);
    const picked = await selectReferrer(repo(unfiltered.host, 'api/filter-local'), 'v1', 'application/spdx+json');
    expect(picked.chosen.digest).toBe(otherSbom.descriptor.digest);
  });

  it('delete: the registry drops the referrer itself; no tag schema is touched', async () => {
    const target = repo(api.host, 'api/delete');
    await pushSubject(target, 'v1');
    const report = await attachArtifact(target, 'v1', { files: [{ path: await file('r.sarif', sarif()) }] });
    api.requests.splice(0);
    await target.deleteManifest(report.descriptor);
    expect((await discoverReferrers(target, 'v1', { legacy: false })).referrers).toEqual([]);
    expect(api.requests.some((r) => /\/manifests\/sha256-/.test(r.path))).toBe(false);
  });

  it('--referrers-mode tag keeps the tag schema even where the API is there', async () => {
    const target = repo(api.host, 'api/forced-tag', { referrersMode: 'tag' });
    const subject = await pushSubject(target, 'v1');
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    expect(sbom.referrers?.via).toBe('tag');
    expect(await tags('api/forced-tag')).toContain(referrersTag(subject.digest));
    expect((await discoverReferrers(target, 'v1', { legacy: false })).via).toBe('tag');
  });
});
