// The OCI 1.1 referrers API path, on the two real registries here that have it
// (test/harness/api-registry-process.ts). Every row runs on both; where they
// differ for real reasons, each test asserts each registry's own truth:
//   - go-containerregistry's registry (ggcr) sends no OCI-Subject on a push, so
//     the client keeps the `sha256-<hex>` tag index as well (distribution-spec
//     1.1, "Pushing Manifests with Subject"; oras 1.3.6 does the same); reading
//     still goes through its API. It ignores the artifactType filter (no
//     OCI-Filters-Applied), so ocikit filters; it lists a referrer's config
//     media type as its artifactType (the empty type, for an artifact), so
//     ocikit reads those manifests for their type (oras 1.3.6 takes the listed
//     type as it is); it refuses a tag index naming a manifest it no longer
//     holds with 404 MANIFEST_UNKNOWN; it answers 404 NAME_UNKNOWN
//     on the referrers path of a repository it never saw; it never pages.
//   - olareg sends OCI-Subject and applies the filter (OCI-Filters-Applied);
//     it pages answers above 4 MiB with Link, and drops OCI-Filters-Applied
//     on the answers it serves from its cache.
// Where a claim is about requests, they are recorded by a pass-through proxy
// (fault-proxy.ts with no rules) in front of the registry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AttachResult,
  type Descriptor,
  type ImageIndex,
  MediaType,
  RemoteRepository,
  type RemoteRepositoryOptions,
  attachArtifact,
  discoverReferrers,
  isOcikitError,
  optionRef,
  pushArtifact,
  digestOf,
  referrersTag,
  selectReferrer,
} from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { type HostileServer, json, startHostileServer } from '../harness/hostile-registry.js';
import { failureOf } from '../harness/outcomes.js';
import { oras } from '../harness/peer-tools.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { API_REGISTRIES, useApiRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

let serial = 0;
const file = (name: string, document: unknown): Promise<string> => writeJson(makeTempDir(), `${serial++}-${name}`, document);

describe.each(API_REGISTRIES)('the %s registry (referrers API)', (kind) => {
  const registry = useApiRegistry(kind);
  /** Records every request; clients that the test's claims are about go through it. */
  let proxy: FaultProxy;
  const open: RemoteRepository[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    proxy = await startFaultProxy(registry.url);
  });
  afterAll(async () => {
    await Promise.all(open.map((r) => r.close()));
    await proxy?.stop();
  });

  /** A client of the registry through the recording proxy. */
  function through(repository: string, options: RemoteRepositoryOptions = {}): RemoteRepository {
    const r = new RemoteRepository({ registry: proxy.host, repository }, { onWarning: (m) => warnings.push(m), referrersSettleMs: 0, ...options });
    open.push(r);
    return r;
  }

  const requested = (pattern: RegExp, method?: string): string[] =>
    proxy.requests.filter((r) => pattern.test(r.path) && (method === undefined || r.method === method)).map((r) => `${r.method} ${r.path}`);

  async function pushSubject(target: RemoteRepository, tag: string): Promise<Descriptor> {
    const dir = makeTempDir();
    await writeFile(join(dir, 'app.txt'), `app ${serial++}\n`);
    return (await pushArtifact(target, { files: [{ path: join(dir, 'app.txt') }], tags: [tag], artifactType: 'application/vnd.example.app.v1' })).descriptor;
  }

  /** The registry's own referrers answer (first page), no ocikit in between. */
  async function apiAnswer(repository: string, subject: string, artifactType?: string): Promise<{ manifests: Descriptor[]; filtersApplied: string | null; link: string | null }> {
    const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
    const response = await fetch(`${registry.url}/v2/${repository}/referrers/${subject}${query}`);
    expect(response.status).toBe(200);
    return { manifests: ((await response.json()) as ImageIndex).manifests, filtersApplied: response.headers.get('oci-filters-applied'), link: response.headers.get('link') };
  }

  async function tagIndex(repository: string, subject: string): Promise<ImageIndex | undefined> {
    const response = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(subject)}`, { headers: { accept: MediaType.ImageIndex } });
    if (response.status === 404) return undefined;
    expect(response.status).toBe(200);
    return (await response.json()) as ImageIndex;
  }

  async function tags(repository: string): Promise<string[]> {
    return ((await (await fetch(`${registry.url}/v2/${repository}/tags/list`)).json()) as { tags: string[] | null }).tags ?? [];
  }

  it('attach: the registry lists the referrer; ggcr (no OCI-Subject) gets the sha256-<hex> tag index too, olareg (OCI-Subject) does not', async () => {
    const target = through('attach/app');
    const subject = await pushSubject(target, 'v1');
    proxy.requests.splice(0);
    warnings.splice(0);
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const signature = await attachArtifact(target, 'v1', { files: [{ path: await file('sig.sigstore.json', sigstoreBundle(subject.digest)) }] });
    expect((await apiAnswer('attach/app', subject.digest)).manifests.map((d) => d.digest).sort()).toEqual([sbom.descriptor.digest, signature.descriptor.digest].sort());
    if (kind === 'olareg') {
      // OCI-Subject answered, the API confirmed by one probe; the next attach does not ask again, and no tag is written.
      expect(sbom.referrers).toEqual({ via: 'api' });
      expect(signature.referrers).toEqual({ via: 'api' });
      expect(requested(/\/referrers\//)).toHaveLength(1);
      expect(requested(/\/manifests\/sha256-/)).toEqual([]);
      expect(await tags('attach/app')).toEqual(['v1']);
    } else {
      // No OCI-Subject: the spec has the client keep the tag index, with nothing to probe first.
      expect(sbom.referrers).toMatchObject({ via: 'tag', tag: referrersTag(subject.digest) });
      expect(requested(/\/referrers\//)).toEqual([]);
      expect(await tags('attach/app')).toEqual([referrersTag(subject.digest), 'v1']);
      // Nothing to warn of: without OCI-Subject the tag index is what the spec asks for.
      expect(warnings).toEqual([]);
      const index = await tagIndex('attach/app', subject.digest);
      expect(index?.manifests.map((d) => [d.digest, d.artifactType])).toEqual([
        [sbom.descriptor.digest, 'application/spdx+json'],
        [signature.descriptor.digest, 'application/vnd.dev.sigstore.bundle.v0.3+json'],
      ]);
    }
    // Either way discover reads the API, not the tag index.
    proxy.requests.splice(0);
    const graph = await discoverReferrers(through('attach/app'), 'v1', { legacy: false });
    expect(graph.via).toBe('api');
    expect(graph.referrers.map((n) => n.descriptor.digest).sort()).toEqual([sbom.descriptor.digest, signature.descriptor.digest].sort());
    expect(requested(/\/manifests\/sha256-/)).toEqual([]);
  });

  it('discover: the whole chain from the API, with the artifact types and annotations the manifests carry', async () => {
    const target = through('chain/app');
    const subject = await pushSubject(target, 'v1');
    const reports: AttachResult[] = [];
    for (let i = 0; i < 3; i++) reports.push(await attachArtifact(target, 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }], annotations: { n: String(i) } }));
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const sbomSignature = await attachArtifact(target, sbom.descriptor.digest, { files: [{ path: await file('s.sigstore.json', sigstoreBundle(sbom.descriptor.digest)) }] });

    proxy.requests.splice(0);
    const graph = await discoverReferrers(through('chain/app'), 'v1', { legacy: false });
    expect(graph.via).toBe('api');
    expect(graph.count).toBe(5);
    expect(new Set(graph.referrers.map((n) => n.descriptor.digest))).toEqual(new Set([...reports, sbom].map((r) => r.descriptor.digest)));
    const sbomNode = graph.referrers.find((n) => n.descriptor.digest === sbom.descriptor.digest)!;
    expect(sbomNode.descriptor.artifactType).toBe('application/spdx+json');
    expect(sbomNode.referrers.map((n) => [n.descriptor.digest, n.descriptor.artifactType])).toEqual([[sbomSignature.descriptor.digest, 'application/vnd.dev.sigstore.bundle.v0.3+json']]);
    expect(graph.referrers.find((n) => n.descriptor.digest === reports[1]!.descriptor.digest)?.descriptor).toMatchObject({ artifactType: 'application/sarif+json', annotations: { n: '1' } });
    // One referrers request per node (none of these answers is near a page's size).
    expect(requested(/\/referrers\//)).toHaveLength(6);
    expect(requested(new RegExp(`/referrers/${subject.digest}`))).toHaveLength(1);
    if (kind === 'ggcr') {
      // ggcr lists the config's media type (the empty type) as each artifact's type: each such manifest is read once for its own.
      expect((await apiAnswer('chain/app', subject.digest)).manifests.map((d) => d.artifactType)).toEqual(Array(4).fill(MediaType.Empty));
      expect(requested(/\/manifests\/sha256:/, 'GET').sort()).toEqual(
        [...reports, sbom, sbomSignature].map((r) => `GET /v2/chain/app/manifests/${r.descriptor.digest}`).sort(),
      );
    } else {
      expect(requested(/\/manifests\/sha256:/, 'GET')).toEqual([]);
    }
  });

  it('an answer above 4 MiB: olareg pages it and every Link is followed; ggcr sends it whole and ocikit refuses it as too large', async () => {
    // 1.5 MB of annotations per referrer: each referrers descriptor carries them, so five make 7.5 MB.
    const big = 'x'.repeat(1_500_000);
    // --referrers-mode api: the tag schema's index (a manifest, 4 MiB at most) could not hold these either.
    const target = through('paged/app', { referrersMode: 'api' });
    const subject = await pushSubject(target, 'v1');
    const pushed: string[] = [];
    for (let i = 0; i < 5; i++) pushed.push((await attachArtifact(target, 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }], annotations: { big, n: String(i) } })).descriptor.digest);
    proxy.requests.splice(0);
    const outcome = await discoverReferrers(through('paged/app'), 'v1', { legacy: false, depth: 1 }).then(
      (graph) => ({ graph, error: undefined }),
      (error: unknown) => ({ graph: undefined, error }),
    );
    if (kind === 'olareg') {
      expect(outcome.error).toBeUndefined();
      expect(outcome.graph!.referrers.map((n) => n.descriptor.digest).sort()).toEqual([...pushed].sort());
      expect(outcome.graph!.referrers.map((n) => n.descriptor.annotations?.n).sort()).toEqual(['0', '1', '2', '3', '4']);
      // Pages of two (3 MB each), then one: three requests, the later ones by the registry's Link.
      const pages = requested(new RegExp(`/referrers/${subject.digest}`));
      expect(pages).toHaveLength(3);
      expect(pages[1]).toContain('page=1');
      expect(pages[2]).toContain('page=2');
    } else {
      expect(isOcikitError(outcome.error, 'SIZE_LIMIT')).toBe(true);
      expect((outcome.error as Error).message).toContain(`referrers of ${proxy.host}/paged/app@${subject.digest} is larger than the 4194304-byte limit`);
      expect((outcome.error as { hint: string }).hint).toMatch(/instead of pages/);
      expect((await apiAnswer('paged/app', subject.digest)).link).toBeNull();
    }
  });

  it('the artifactType filter: applied by olareg (OCI-Filters-Applied), by ocikit on ggcr; selectReferrer picks the same', async () => {
    const target = through('filter/app');
    const subject = await pushSubject(target, 'v1');
    for (let i = 0; i < 3; i++) await attachArtifact(target, 'v1', { files: [{ path: await file(`r${i}.sarif`, sarif()) }] });
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });

    // What the registry itself answers to the first such question.
    const answer = await apiAnswer('filter/app', subject.digest, 'application/spdx+json');
    if (kind === 'olareg') {
      expect(answer.filtersApplied).toBe('artifactType');
      expect(answer.manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
      // The same question again is answered from olareg's cache, filtered but without OCI-Filters-Applied.
      const cached = await apiAnswer('filter/app', subject.digest, 'application/spdx+json');
      expect(cached.filtersApplied).toBeNull();
      expect(cached.manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
    } else {
      expect(answer.filtersApplied).toBeNull();
      expect(answer.manifests).toHaveLength(4);
    }
    // ocikit asks with the filter, and filters the answer itself whatever it says (ggcr and olareg's cache did not filter).
    proxy.requests.splice(0);
    const filtered = await discoverReferrers(through('filter/app'), 'v1', { artifactType: 'application/spdx+json', legacy: false });
    expect(filtered.via).toBe('api');
    expect(filtered.referrers.map((n) => n.descriptor.digest)).toEqual([sbom.descriptor.digest]);
    expect(requested(new RegExp(`/referrers/${subject.digest}\\?artifactType=application%2Fspdx%2Bjson$`))).toHaveLength(1);

    // oras 1.3.6 takes the listed type as it comes: on ggcr it finds no SBOM by type, where ocikit does.
    const byOras = JSON.parse((await oras(['discover', '--plain-http', '--format', 'json', '--artifact-type', 'application/spdx+json', `${registry.host}/filter/app:v1`])).stdout) as { referrers: Array<{ digest: string }> };
    expect(byOras.referrers.map((r) => r.digest)).toEqual(kind === 'ggcr' ? [] : [sbom.descriptor.digest]);

    const picked = await selectReferrer(through('filter/app'), 'v1', 'application/spdx+json');
    expect(picked.chosen.digest).toBe(sbom.descriptor.digest);
    expect(picked.candidates).toHaveLength(1);
    const none = await selectReferrer(through('filter/app'), 'v1', 'application/vnd.cyclonedx+json').catch((e: unknown) => e);
    expect(isOcikitError(none, 'NOT_FOUND')).toBe(true);
    // (ggcr lists in no fixed order, so neither are the types named here.)
    expect((none as { hint: string }).hint).toMatch(/^its referrers are of type (application\/sarif\+json, application\/spdx\+json|application\/spdx\+json, application\/sarif\+json); `ocikit discover` shows them$/);
  });

  it('delete: the registry drops the referrer; on ggcr ocikit also takes it out of the tag index it keeps there', async () => {
    const target = through('delete/app');
    const subject = await pushSubject(target, 'v1');
    const report = await attachArtifact(target, 'v1', { files: [{ path: await file('r.sarif', sarif()) }] });
    const kept = await attachArtifact(target, 'v1', { files: [{ path: await file('kept.spdx.json', spdx()) }] });
    // Pushed with --referrers-mode api: no tag index lists it, on either registry.
    const apiOnly = await attachArtifact(through('delete/app', { referrersMode: 'api' }), 'v1', { files: [{ path: await file('api.sarif', sarif()) }] });
    proxy.requests.splice(0);
    await target.deleteManifest(report.descriptor);
    await target.deleteManifest(apiOnly.descriptor);
    expect((await apiAnswer('delete/app', subject.digest)).manifests.map((d) => d.digest)).toEqual([kept.descriptor.digest]);
    expect((await discoverReferrers(through('delete/app'), 'v1', { legacy: false })).referrers.map((n) => n.descriptor.digest)).toEqual([kept.descriptor.digest]);
    // What the delete says it did: the API dropped the referrer, and the tag index only where it listed it.
    expect(target.referrerListing(apiOnly.descriptor.digest)).toEqual({ via: 'api' });
    if (kind === 'ggcr') {
      expect(target.referrerListing(report.descriptor.digest)).toMatchObject({ via: 'tag', tag: referrersTag(subject.digest) });
      expect((await tagIndex('delete/app', subject.digest))?.manifests.map((d) => d.digest)).toEqual([kept.descriptor.digest]);
      // The last entry goes too: the index then lists nothing.
      await target.deleteManifest(kept.descriptor);
      expect((await tagIndex('delete/app', subject.digest))?.manifests).toEqual([]);
    } else {
      expect(target.referrerListing(report.descriptor.digest)).toEqual({ via: 'api' });
      expect(await tagIndex('delete/app', subject.digest)).toBeUndefined();
      expect(requested(/\/manifests\/sha256-/, 'PUT')).toEqual([]);
    }
  });

  it('a tag index still listing a referrer oras deleted (through the API only) is repaired by the next attach', async () => {
    const target = through('oras-deleted/app');
    const subject = await pushSubject(target, 'v1');
    const gone = await attachArtifact(target, 'v1', { files: [{ path: await file('gone.sarif', sarif()) }] });
    const kept = await attachArtifact(target, 'v1', { files: [{ path: await file('kept.spdx.json', spdx()) }] });
    // oras sees the API answer and so leaves any tag index as it is.
    await oras(['manifest', 'delete', '--plain-http', '--force', `${registry.host}/oras-deleted/app@${gone.descriptor.digest}`]);
    warnings.splice(0);
    const next = await attachArtifact(target, 'v1', { files: [{ path: await file('next.sarif', sarif()) }] });
    const listed = (await discoverReferrers(through('oras-deleted/app'), 'v1', { legacy: false })).referrers.map((n) => n.descriptor.digest);
    expect(listed.sort()).toEqual([kept.descriptor.digest, next.descriptor.digest].sort());
    if (kind === 'ggcr') {
      // ggcr refuses an index naming a manifest it lacks (404 MANIFEST_UNKNOWN): the gone entry is dropped, with a warning.
      expect(warnings.join('\n')).toContain(`listed manifests that are gone (${gone.descriptor.digest}); dropped them`);
      expect((await tagIndex('oras-deleted/app', subject.digest))?.manifests.map((d) => d.digest)).toEqual([kept.descriptor.digest, next.descriptor.digest]);
    } else {
      expect(warnings).toEqual([]);
      expect(await tagIndex('oras-deleted/app', subject.digest)).toBeUndefined();
    }
  });

  it('a repository the registry has not seen has no referrers, and that does not make ocikit think the API is missing', async () => {
    const subject: Descriptor = { mediaType: MediaType.ImageManifest, digest: `sha256:${'0'.repeat(64)}`, size: 2 };
    if (kind === 'ggcr') {
      const response = await fetch(`${registry.url}/v2/fresh/app/referrers/${subject.digest}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('NAME_UNKNOWN');
    }
    const reader = through('fresh/app');
    // ggcr's NAME_UNKNOWN tells nothing of the API: auto reads the tag schema (nothing there either),
    // and does not take the API to be there (tidy, which asks, then looks at the sha256-<hex> tags).
    expect(await reader.referrers(subject)).toEqual({ manifests: [], via: kind === 'ggcr' ? 'tag' : 'api' });
    expect(await reader.referrersSchema.listsByApi(subject)).toBe(kind !== 'ggcr');
    expect(await through('fresh/app', { referrersMode: 'api' }).referrers(subject)).toEqual({ manifests: [], via: 'api' });
    // Then the repository comes to be, by a writer that keeps no tag index: the same reader finds the referrer through the API.
    const writer = through('fresh/app', { referrersMode: 'api' });
    const pushed = await pushSubject(writer, 'v1');
    const sbom = await attachArtifact(writer, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const listing = await reader.referrers(pushed);
    expect(listing.via).toBe('api');
    expect(listing.manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
    expect(await reader.referrersSchema.listsByApi(pushed)).toBe(true);
  });

  describe('--referrers-mode', () => {
    it('tag: the tag schema only, and the API is never asked', async () => {
      const target = through('mode-tag/app', { referrersMode: 'tag' });
      const subject = await pushSubject(target, 'v1');
      proxy.requests.splice(0);
      warnings.splice(0);
      const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
      expect(sbom.referrers).toMatchObject({ via: 'tag', tag: referrersTag(subject.digest) });
      expect((await tagIndex('mode-tag/app', subject.digest))?.manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
      const graph = await discoverReferrers(through('mode-tag/app', { referrersMode: 'tag' }), 'v1', { legacy: false });
      expect(graph.via).toBe('tag');
      expect(graph.referrers.map((n) => n.descriptor.digest)).toEqual([sbom.descriptor.digest]);
      expect(requested(/\/referrers\//)).toEqual([]);
      // olareg's OCI-Subject is no news in tag mode: no warning that the tag index is kept too.
      expect(warnings).toEqual([]);
    });

    it('api: no tag index is written; ggcr, which does not confirm the subject, gets a warning', async () => {
      const target = through('mode-api/app', { referrersMode: 'api' });
      const subject = await pushSubject(target, 'v1');
      warnings.splice(0);
      proxy.requests.splice(0);
      const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
      expect(sbom.referrers).toEqual({ via: 'api' });
      expect(requested(/\/manifests\/sha256-/)).toEqual([]);
      expect(await tags('mode-api/app')).toEqual(['v1']);
      if (kind === 'ggcr') expect(warnings).toEqual([`${proxy.host}/mode-api/app did not confirm the subject of ${sbom.descriptor.digest} (no OCI-Subject header); with ${optionRef('referrers-mode')} api no sha256-<hex> tag is written`]);
      else expect(warnings).toEqual([]);
      const graph = await discoverReferrers(through('mode-api/app', { referrersMode: 'api' }), 'v1', { legacy: false });
      expect(graph.via).toBe('api');
      expect(graph.referrers.map((n) => [n.descriptor.digest, n.descriptor.artifactType])).toEqual([[sbom.descriptor.digest, 'application/spdx+json']]);
      // Nor does a delete in api mode touch a tag index (deleteManifest does not even ask; the schema itself refuses too).
      proxy.requests.splice(0);
      expect(await target.referrersSchema.afterDelete(sbom.descriptor, sbom.manifest)).toBeUndefined();
      expect(proxy.requests).toEqual([]);
    });

    it('auto reads the API even where a tag index is there (ggcr: written beside it; olareg: written by --referrers-mode tag)', async () => {
      const writer = through('mode-auto/app', { referrersMode: 'tag' });
      const subject = await pushSubject(writer, 'v1');
      const sbom = await attachArtifact(writer, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
      // A referrer the tag index does not list (pushed with --referrers-mode api) shows that the answer came from the API.
      const report = await attachArtifact(through('mode-auto/app', { referrersMode: 'api' }), 'v1', { files: [{ path: await file('r.sarif', sarif()) }] });
      expect((await tagIndex('mode-auto/app', subject.digest))?.manifests.map((d) => d.digest)).toEqual([sbom.descriptor.digest]);
      const graph = await discoverReferrers(through('mode-auto/app'), 'v1', { legacy: false });
      expect(graph.via).toBe('api');
      expect(graph.referrers.map((n) => n.descriptor.digest).sort()).toEqual([sbom.descriptor.digest, report.descriptor.digest].sort());
    });
  });
});

// ggcr lists each referrer with its config's media type (the empty type, for an artifact), so
// ocikit reads those manifests for their own type. ggcr answers those reads well; what else a
// registry may answer to them (and to the listing) is played by a proxy in front of it.
describe("ggcr's listing, read for each referrer's own type (a proxy plays the faults)", () => {
  const registry = useApiRegistry('ggcr');
  let proxy: FaultProxy;
  const open: RemoteRepository[] = [];
  let subject: Descriptor;
  let sbom: Descriptor;
  let report: Descriptor;

  function client(host: string): RemoteRepository {
    const r = new RemoteRepository({ registry: host, repository: 'reread/app' }, { retry: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 } });
    open.push(r);
    return r;
  }
  beforeAll(async () => {
    proxy = await startFaultProxy(registry.url);
    const direct = client(registry.host);
    const dir = makeTempDir();
    await writeFile(join(dir, 'app.txt'), 'app\n');
    subject = (await pushArtifact(direct, { files: [{ path: join(dir, 'app.txt') }], tags: ['v1'], artifactType: 'application/vnd.example.app.v1' })).descriptor;
    sbom = (await attachArtifact(direct, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }] })).descriptor;
    report = (await attachArtifact(direct, 'v1', { files: [{ path: await file('r.sarif', sarif()) }] })).descriptor;
  });
  afterAll(async () => {
    await Promise.all(open.map((r) => r.close()));
    await proxy?.stop();
  });
  const manifestPath = (d: Descriptor) => new RegExp(`/manifests/${d.digest}$`);
  const types = (manifests: Descriptor[]) => manifests.map((d) => [d.digest, d.artifactType]).sort();

  it('a 503 to the listing or to a read is retried; each asks for the media types it can take', async () => {
    proxy.requests.splice(0);
    proxy.setRules([
      { match: { method: 'GET', path: /\/referrers\// }, nth: [1], fault: { kind: 'status', status: 503 } },
      { match: { method: 'GET', path: manifestPath(sbom) }, nth: [1], fault: { kind: 'status', status: 503 } },
    ]);
    const listing = await client(proxy.host).referrers(subject);
    expect(listing.via).toBe('api');
    expect(types(listing.manifests)).toEqual(types([{ ...sbom, artifactType: 'application/spdx+json' }, { ...report, artifactType: 'application/sarif+json' }]));
    // Content negotiation: distribution, for one, refuses an OCI manifest to a client that does not accept it.
    expect(proxy.requests.find((r) => r.path.includes('/referrers/'))?.headers.accept).toBe(MediaType.ImageIndex);
    expect(String(proxy.requests.find((r) => manifestPath(report).test(r.path))?.headers.accept)).toContain(MediaType.ImageManifest);
  });

  it('a referrer deleted between the listing and its read keeps the descriptor the registry listed', async () => {
    proxy.setRules([{ match: { method: 'GET', path: manifestPath(sbom) }, fault: { kind: 'status', status: 404, body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }) } }]);
    const listing = await client(proxy.host).referrers(subject);
    expect(types(listing.manifests)).toEqual(types([{ ...sbom, artifactType: MediaType.Empty }, { ...report, artifactType: 'application/sarif+json' }]));
  });

  it('a read answered with an error, or with bytes that are not the listed digest, fails the listing', async () => {
    proxy.setRules([{ match: { method: 'GET', path: manifestPath(sbom) }, fault: { kind: 'status', status: 403, body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'denied' }] }) } }]);
    const denied = await failureOf(client(proxy.host).referrers(subject));
    expect([denied.code, denied.status]).toEqual(['DENIED', 403]);
    proxy.setRules([{ match: { method: 'GET', path: manifestPath(sbom) }, fault: { kind: 'rewrite', path: (p) => p.replace(sbom.digest, report.digest) } }]);
    expect((await failureOf(client(proxy.host).referrers(subject))).code).toBe('DIGEST_MISMATCH');
  });

  it('a listing stops waiting once its signal is aborted, on the listing as on a read of a listed manifest', async () => {
    for (const path of [/\/referrers\//, manifestPath(sbom)]) {
      proxy.setRules([{ match: { method: 'GET', path }, fault: { kind: 'stall', ms: 4_000 } }]);
      const started = Date.now();
      const error = await failureOf(client(proxy.host).referrers(subject, { signal: AbortSignal.timeout(200) }));
      expect([error.code, Date.now() - started < 2_000]).toEqual(['CANCELLED', true]);
    }
  });

  it('a 500 to the listing is an error, not a registry without the API', async () => {
    proxy.setRules([{ match: { method: 'GET', path: /\/referrers\// }, fault: { kind: 'status', status: 500 } }]);
    const failed = await failureOf(client(proxy.host).referrers(subject));
    expect([failed.code, failed.status]).toEqual(['REGISTRY_ERROR', 500]);
  });
});

// Lists no real registry sends on demand: pages that never end, and pages after the first
// that fail. A hostile server plays them (its tag index reads answer 404).
describe('a referrers list a registry pages wrongly (a hostile server)', () => {
  const SUBJECT: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(Buffer.from('subject')), size: 7 };
  const servers: HostileServer[] = [];
  const open: RemoteRepository[] = [];
  afterAll(async () => {
    await Promise.all(open.map((r) => r.close()));
    await Promise.all(servers.map((s) => s.stop()));
  });
  /** Serves page n of the subject's referrers (n from 0) as `page(n, res)` says; each links to the next. */
  async function paging(page: (n: number, res: Parameters<typeof json>[0], next: string) => void, options: RemoteRepositoryOptions = {}): Promise<RemoteRepository> {
    const server = await startHostileServer((req, res) => {
      if (!req.path.startsWith(`/v2/app/referrers/${SUBJECT.digest}`)) return false;
      const n = Number(new URL(req.path, 'http://x').searchParams.get('page') ?? '0');
      page(n, res, `</v2/app/referrers/${SUBJECT.digest}?page=${n + 1}>; rel="next"`);
      return true;
    });
    servers.push(server);
    const r = new RemoteRepository({ registry: server.host, repository: 'app' }, { retry: { maxAttempts: 1 }, ...options });
    open.push(r);
    return r;
  }
  const entries = (n: number, count: number): Descriptor[] =>
    Array.from({ length: count }, (_, i) => ({ mediaType: MediaType.ImageManifest, digest: digestOf(Buffer.from(`${n}-${i}`)), size: 1, artifactType: 'application/vnd.example' }));

  it('pages of entries without end: refused at 100,000 entries, long before the page bound', async () => {
    const target = await paging((n, res, next) => json(res, 200, { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: entries(n, 20_000) }, { 'content-type': MediaType.ImageIndex, link: next }));
    const error = await failureOf(target.referrers(SUBJECT));
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`listing referrers of ${target.name}@${SUBJECT.digest}: the list has more than 100000 entries; ocikit stopped reading it`);
  });

  it('a first page answered 404 with NAME_UNKNOWN among its errors is a repository the registry does not know, not a missing API', async () => {
    const answer = { errors: [{ code: 'UNKNOWN', message: 'lookup failed' }, { code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] };
    const target = await paging((_, res) => json(res, 404, answer), { referrersMode: 'api' });
    // In api mode a missing API would be refused (UNSUPPORTED); an unknown repository has no referrers.
    expect(await target.referrers(SUBJECT)).toEqual({ manifests: [], via: 'api' });
  });

  it.each([
    ['404 NAME_UNKNOWN', (res: Parameters<typeof json>[0]) => json(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] })],
    ['405', (res: Parameters<typeof json>[0]) => json(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'unsupported' }] })],
    ['200 with a web page', (res: Parameters<typeof json>[0]) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>not here</html>');
    }],
  ])('a later page answered %s fails the listing: the first page showed the API is there', async (_, answer) => {
    const target = await paging((n, res, next) => (n === 0 ? json(res, 200, { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: entries(n, 1) }, { 'content-type': MediaType.ImageIndex, link: next }) : answer(res)));
    const error = await failureOf(target.referrers(SUBJECT));
    expect(error.code).not.toBe('UNSUPPORTED');
    expect(target.referrersSchema.apiAvailable).toBeUndefined();
  });
});
