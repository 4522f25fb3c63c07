// `referrers tidy` (core's tidyReferrers) against the real registries: distribution
// 2.8 (no referrers API: the sha256-<hex> tag schema) with indexes written the old
// way by hand (entries without artifactType or annotations, duplicates, entries whose
// manifest was deleted behind the index's back) and by the real peers (cosign v3
// signs, crane deletes subjects); go-containerregistry's and olareg's registries
// with the API, where there is nothing to tidy. One fault proxy plays a registry
// that refuses deletes (GHCR, Docker Hub), which no registry in the suite does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Descriptor,
  type ImageIndex,
  MediaType,
  RemoteRepository,
  type RemoteRepositoryOptions,
  attachArtifact,
  digestOf,
  pushArtifact,
  referrersTag,
  renderTidy,
  tidyReferrers,
  tidyResultJson,
} from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { cosign, crane } from '../harness/peer-tools.js';
import { sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { API_REGISTRIES, useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const work = makeTempDir('ocikit-tidy-');

const open: RemoteRepository[] = [];
function repo(host: string, repository: string, options: RemoteRepositoryOptions = {}): RemoteRepository {
  const r = new RemoteRepository({ registry: host, repository }, { referrersSettleMs: 20, ...options });
  open.push(r);
  return r;
}
afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
});

let serial = 0;
async function pushSubject(target: RemoteRepository, tag: string): Promise<Descriptor> {
  const path = join(work, `subject-${serial++}.txt`);
  await writeFile(path, `subject ${serial} ${Math.random()}\n`);
  return (await pushArtifact(target, { files: [{ path }], tags: [tag] })).descriptor;
}

/**
 * A referrer pushed as older clients did on a registry without the API: the manifest
 * with its subject, and no sha256-<hex> index written (api mode writes none).
 */
async function pushReferrerAlone(host: string, repository: string, subject: Descriptor, artifactType: string, annotations: Record<string, string> = {}): Promise<Descriptor> {
  const path = join(work, `referrer-${serial++}.json`);
  await writeFile(path, JSON.stringify({ n: serial, r: Math.random() }));
  const target = repo(host, repository, { referrersMode: 'api' });
  return (await pushArtifact(target, { files: [{ path }], tags: [], subject, artifactType, annotations })).descriptor;
}

/** Writes a sha256-<hex> index by hand, entries as given (the old way: digest, media type and size only). */
async function putIndex(host: string, repository: string, subject: string, entries: Descriptor[]): Promise<string> {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: entries }));
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${referrersTag(subject)}`, { method: 'PUT', headers: { 'content-type': MediaType.ImageIndex }, body: bytes });
  expect(response.status).toBe(201);
  return digestOf(bytes);
}

async function raw(host: string, repository: string, reference: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${reference}`, { headers: { accept: `${MediaType.ImageIndex}, ${MediaType.ImageManifest}` } });
  return { status: response.status, text: await response.text() };
}

async function indexOf(host: string, repository: string, subject: string): Promise<ImageIndex> {
  const { status, text } = await raw(host, repository, referrersTag(subject));
  expect(status).toBe(200);
  return JSON.parse(text) as ImageIndex;
}

/** Deletes a manifest behind ocikit's back (a registry UI, a retention policy): its index entry stays. */
async function deleteBehindTheBack(host: string, repository: string, digest: string): Promise<void> {
  const response = await fetch(`http://${host}/v2/${repository}/manifests/${digest}`, { method: 'DELETE' });
  expect(response.status).toBe(202);
}

const oldEntry = (d: Descriptor): Descriptor => ({ mediaType: d.mediaType, digest: d.digest, size: d.size });

describe('on distribution (the sha256-<hex> tag schema)', () => {
  it('fills in artifactType and annotations, drops gone entries and duplicates; a dry run writes nothing', async () => {
    const name = 'tidy/repair';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const sbom = await pushReferrerAlone(registry.host, name, subject, 'application/spdx+json', { 'org.example.tool': 'syft' });
    const signature = await pushReferrerAlone(registry.host, name, subject, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    const doomed = await pushReferrerAlone(registry.host, name, subject, 'application/sarif+json');
    // The old way: no artifactType, no annotations; the SBOM twice.
    const written = await putIndex(registry.host, name, subject.digest, [oldEntry(sbom), oldEntry(signature), oldEntry(doomed), oldEntry(sbom)]);
    await deleteBehindTheBack(registry.host, name, doomed.digest);

    const dry = await tidyReferrers(target, undefined);
    expect(dry).toMatchObject({ via: 'tag', applied: false, changes: 1 });
    const [index] = dry.indexes;
    expect(index).toMatchObject({ tag: referrersTag(subject.digest), subject: subject.digest, index: written, action: 'repair' });
    expect(index!.described.map((d) => [d.digest, d.artifactType, d.annotations.includes('org.example.tool')])).toEqual([
      [sbom.digest, 'application/spdx+json', true],
      [signature.digest, 'application/vnd.dev.sigstore.bundle.v0.3+json', false],
    ]);
    expect(index!.dropped).toEqual([
      { digest: doomed.digest, why: 'gone' },
      { digest: sbom.digest, why: 'duplicate' },
    ]);
    expect(renderTidy(dry)).toContain(`dry run: 1 sha256-<hex> index looked at in ${registry.host}/${name}, 1 change to make; nothing written (--apply writes them)`);
    // A dry run writes nothing.
    expect((await indexOf(registry.host, name, subject.digest)).manifests).toEqual([oldEntry(sbom), oldEntry(signature), oldEntry(doomed), oldEntry(sbom)]);

    const applied = await tidyReferrers(target, undefined, { apply: true });
    expect(applied).toMatchObject({ applied: true, changes: 1, failed: 0, refused: 0 });
    // One write and its read-back (remote-referrers.ts counts the round that confirms it).
    expect(applied.indexes[0]).toMatchObject({ outcome: 'written', attempts: 2 });
    const repaired = await indexOf(registry.host, name, subject.digest);
    expect(digestOf(Buffer.from(JSON.stringify(repaired)))).toBe(applied.indexes[0]!.written);
    expect(repaired.manifests.map((d) => [d.digest, d.artifactType, d.annotations?.['org.example.tool']])).toEqual([
      [sbom.digest, 'application/spdx+json', 'syft'],
      [signature.digest, 'application/vnd.dev.sigstore.bundle.v0.3+json', undefined],
    ]);
    // Each entry is the referrer's own descriptor: what ocikit writes when it attaches.
    for (const entry of repaired.manifests) expect(entry.annotations?.['org.opencontainers.image.created']).toBeDefined();
    // The replaced index is cleaned up, as after an attach.
    expect((await raw(registry.host, name, written)).status).toBe(404);
    // Tidy again: nothing left to do.
    expect(await tidyReferrers(target, undefined, { apply: true })).toMatchObject({ changes: 0, applied: false, indexes: [{ action: 'keep' }] });
  });

  it('deletes the index of a subject crane deleted; with referrers, the referrers only it kept, and theirs', async () => {
    const name = 'tidy/orphans';
    const target = repo(registry.host, name);
    const gone = await pushSubject(target, 'gone');
    const stays = await pushSubject(target, 'stays');
    const sbomFile = await writeJson(work, `sbom-${serial++}.spdx.json`, spdx());
    const sbom = await attachArtifact(target, 'gone', { files: [{ path: sbomFile }] });
    const sbomSignature = await attachArtifact(target, sbom.descriptor.digest, { files: [{ path: await writeJson(work, `s-${serial++}.sigstore.json`, sigstoreBundle(sbom.descriptor.digest)) }] });
    const keptByTag = await attachArtifact(target, 'gone', { files: [{ path: await writeJson(work, `k-${serial++}.sigstore.json`, sigstoreBundle(gone.digest)) }] });
    await crane(['tag', '--insecure', `${registry.host}/${name}@${keptByTag.descriptor.digest}`, 'pinned-signature']);
    const living = await attachArtifact(target, 'stays', { files: [{ path: await writeJson(work, `l-${serial++}.spdx.json`, spdx('stays')) }] });
    await crane(['delete', '--insecure', `${registry.host}/${name}@${gone.digest}`]);

    const dry = await tidyReferrers(target, undefined);
    expect(dry.indexes.map((i) => [i.tag, i.action])).toEqual(
      expect.arrayContaining([
        [referrersTag(gone.digest), 'delete'],
        [referrersTag(stays.digest), 'keep'],
        [referrersTag(sbom.descriptor.digest), 'keep'],
      ]),
    );
    // Without --referrers the referrers are only listed, and say what deletes them.
    expect(tidyResultJson(dry).referrers.map((r) => [r.digest, r.action, r.reason])).toEqual([
      [sbom.descriptor.digest, 'keep', 'only --referrers deletes the referrers of a gone subject'],
      [keptByTag.descriptor.digest, 'keep', 'only --referrers deletes the referrers of a gone subject'],
    ]);

    const withReferrers = await tidyReferrers(target, undefined, { referrers: true });
    expect(withReferrers.referrers.map((r) => [r.digest, r.action, r.reason])).toEqual([
      [sbom.descriptor.digest, 'delete', undefined],
      [keptByTag.descriptor.digest, 'keep', 'the tag pinned-signature names it'],
      [sbomSignature.descriptor.digest, 'delete', undefined],
    ]);
    expect(withReferrers.indexes.find((i) => i.tag === referrersTag(sbom.descriptor.digest))).toMatchObject({ action: 'delete' });
    expect(withReferrers.changes).toBe(4);

    const applied = await tidyReferrers(target, undefined, { referrers: true, apply: true });
    expect(applied).toMatchObject({ applied: true, failed: 0, refused: 0 });
    expect(applied.indexes.filter((i) => i.action === 'delete').map((i) => i.outcome)).toEqual(['deleted', 'deleted']);
    expect(applied.referrers.filter((r) => r.action === 'delete').map((r) => r.outcome)).toEqual(['deleted', 'deleted']);
    for (const reference of [referrersTag(gone.digest), referrersTag(sbom.descriptor.digest), sbom.descriptor.digest, sbomSignature.descriptor.digest]) {
      expect([reference, (await raw(registry.host, name, reference)).status]).toEqual([reference, 404]);
    }
    // What stays, stays: the other subject's index, the referrer a tag names.
    expect((await indexOf(registry.host, name, stays.digest)).manifests.map((d) => d.digest)).toEqual([living.descriptor.digest]);
    expect((await raw(registry.host, name, 'pinned-signature')).status).toBe(200);
    expect(await tidyReferrers(target, undefined, { referrers: true })).toMatchObject({ changes: 0 });
  });

  it('one subject: only its index, named by tag or by the digest of a subject that is gone', async () => {
    const name = 'tidy/one';
    const target = repo(registry.host, name);
    const a = await pushSubject(target, 'a');
    const b = await pushSubject(target, 'b');
    const ra = await pushReferrerAlone(registry.host, name, a, 'application/vnd.example.a');
    const rb = await pushReferrerAlone(registry.host, name, b, 'application/vnd.example.b');
    await putIndex(registry.host, name, a.digest, [oldEntry(ra)]);
    await putIndex(registry.host, name, b.digest, [oldEntry(rb)]);
    const onlyA = await tidyReferrers(target, 'a', { apply: true });
    expect(onlyA).toMatchObject({ subject: a.digest, changes: 1, indexes: [{ tag: referrersTag(a.digest), outcome: 'written' }] });
    expect((await indexOf(registry.host, name, b.digest)).manifests).toEqual([oldEntry(rb)]);

    await deleteBehindTheBack(registry.host, name, b.digest);
    const byDigest = await tidyReferrers(target, b.digest, { apply: true });
    expect(byDigest.indexes).toMatchObject([{ action: 'delete', outcome: 'deleted' }]);
    expect((await raw(registry.host, name, referrersTag(b.digest))).status).toBe(404);
  });

  it('a concurrent attach loses nothing: the repair is redone on what the other writer left', async () => {
    const name = 'tidy/race';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const old = await Promise.all([1, 2, 3, 4].map((n) => pushReferrerAlone(registry.host, name, subject, `application/vnd.example.old${n}`)));
    await putIndex(registry.host, name, subject.digest, old.map(oldEntry));
    const attaching = Array.from({ length: 4 }, async (_, n) => {
      // Each attach a client of its own, as separate CI jobs are.
      const job = repo(registry.host, name, { referrersSettleMs: 30 });
      const path = await writeJson(work, `race-${serial++}-${n}.spdx.json`, spdx(`race-${n}`));
      return (await attachArtifact(job, 'v1', { files: [{ path }] })).descriptor.digest;
    });
    const [tidied, ...attached] = await Promise.all([tidyReferrers(repo(registry.host, name, { referrersSettleMs: 30 }), undefined, { apply: true }), ...attaching]);
    expect(tidied.failed).toBe(0);
    const listed = (await indexOf(registry.host, name, subject.digest)).manifests;
    expect(listed.map((d) => d.digest).sort()).toEqual([...old.map((d) => d.digest), ...attached].sort());
    expect(listed.filter((d) => d.artifactType === undefined)).toEqual([]);
    expect(listed.map((d) => d.artifactType)).toEqual(expect.arrayContaining(['application/vnd.example.old1', 'application/vnd.example.old4']));
  });

  it('an attach that lands between what tidy read and what it writes stays listed (a proxy holds tidy between the two)', async () => {
    const name = 'tidy/between';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const old = await pushReferrerAlone(registry.host, name, subject, 'application/vnd.example.old');
    await putIndex(registry.host, name, subject.digest, [oldEntry(old)]);
    // The proxy only delays tidy's read of the referrer's manifest: the attach meanwhile is whole, read-back included.
    const proxy = await startFaultProxy(registry.url);
    try {
      proxy.setRules([{ match: { method: 'GET', path: new RegExp(`/manifests/${old.digest}$`) }, nth: [1], fault: { kind: 'stall', ms: 1500 } }]);
      const tidying = tidyReferrers(repo(proxy.host, name), undefined, { apply: true });
      while (!proxy.requests.some((r) => r.faulted === 'stall')) await new Promise((resolve) => setTimeout(resolve, 20));
      const attached = await attachArtifact(target, 'v1', { files: [{ path: await writeJson(work, `between-${serial++}.spdx.json`, spdx('between')) }] });
      const tidied = await tidying;
      expect(tidied.indexes).toMatchObject([{ action: 'repair', outcome: 'written' }]);
      expect((await indexOf(registry.host, name, subject.digest)).manifests.map((d) => [d.digest, d.artifactType])).toEqual([
        [old.digest, 'application/vnd.example.old'],
        [attached.descriptor.digest, 'application/spdx+json'],
      ]);
    } finally {
      await proxy.stop();
    }
  });

  it('an index whose only fault is a duplicate is written without it; an entry with its fields in another order is right as it is', async () => {
    const name = 'tidy/duplicate';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const sbom = await attachArtifact(target, 'v1', { files: [{ path: await writeJson(work, `d-${serial++}.spdx.json`, spdx()) }] });
    const [entry] = (await indexOf(registry.host, name, subject.digest)).manifests;
    // The entry ocikit wrote, as another client's JSON may order it, twice.
    const reordered = Object.fromEntries(Object.entries(entry!).reverse()) as unknown as Descriptor;
    await putIndex(registry.host, name, subject.digest, [reordered, reordered]);
    const applied = await tidyReferrers(target, undefined, { apply: true });
    expect(applied.indexes).toMatchObject([{ action: 'repair', described: [], dropped: [{ digest: sbom.descriptor.digest, why: 'duplicate' }], outcome: 'written' }]);
    expect((await indexOf(registry.host, name, subject.digest)).manifests).toEqual([entry]);
  });

  it('with --referrers-mode api the registry is taken at its word: its sha256-<hex> tags are only named', async () => {
    const name = 'tidy/api-mode';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const sbom = await pushReferrerAlone(registry.host, name, subject, 'application/spdx+json');
    await putIndex(registry.host, name, subject.digest, [oldEntry(sbom)]);
    const result = await tidyReferrers(repo(registry.host, name, { referrersMode: 'api' }), undefined, { apply: true });
    expect(result).toMatchObject({ via: 'api', changes: 0, applied: false, unusedTags: [referrersTag(subject.digest)] });
    expect((await indexOf(registry.host, name, subject.digest)).manifests).toEqual([oldEntry(sbom)]);
  });

  it("deleting a gone subject's index that another writer replaced meanwhile: said to be rewritten, and the new one stays", async () => {
    const name = 'tidy/rewritten';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const first = await attachArtifact(target, 'v1', { files: [{ path: await writeJson(work, `w-${serial++}.spdx.json`, spdx()) }] });
    const read = first.referrers && 'index' in first.referrers ? first.referrers.index : undefined;
    // The other writer: its attach writes a new index and deletes the one tidy read.
    await attachArtifact(repo(registry.host, name), 'v1', { files: [{ path: await writeJson(work, `w-${serial++}.sigstore.json`, sigstoreBundle(subject.digest)) }] });
    const now = digestOf(Buffer.from((await raw(registry.host, name, referrersTag(subject.digest))).text));
    expect(read).toMatch(/^sha256:/);
    expect(now).not.toBe(read);
    expect(await target.referrersSchema.deleteTagIndex(subject, read!)).toEqual({ outcome: 'rewritten', index: now });
    expect((await raw(registry.host, name, referrersTag(subject.digest))).status).toBe(200);
    // A registry whose reads lag its deletes (the proxy accepts the delete and passes none on): the tag still
    // names the very index it accepted to delete, which no other writer made; deleted, as the registry said.
    const lagging = await startFaultProxy(registry.url);
    try {
      lagging.setRules([{ match: { method: 'DELETE' }, fault: { kind: 'status', status: 202 } }]);
      expect(await repo(lagging.host, name).referrersSchema.deleteTagIndex(subject, now)).toEqual({ outcome: 'deleted' });
    } finally {
      await lagging.stop();
    }
  });

  it("a 503 to the delete of a gone subject's index is retried (a proxy sends it)", async () => {
    const name = 'tidy/retried';
    const target = repo(registry.host, name);
    const gone = await pushSubject(target, 'gone');
    await attachArtifact(target, 'gone', { files: [{ path: await writeJson(work, `g-${serial++}.spdx.json`, spdx()) }] });
    await crane(['delete', '--insecure', `${registry.host}/${name}@${gone.digest}`]);
    const proxy: FaultProxy = await startFaultProxy(registry.url);
    try {
      proxy.setRules([{ match: { method: 'DELETE', path: new RegExp(`/manifests/sha256:`) }, nth: [1], fault: { kind: 'status', status: 503 } }]);
      const result = await tidyReferrers(repo(proxy.host, name, { retry: { baseDelayMs: 10, maxDelayMs: 50 } }), undefined, { apply: true });
      expect(result.indexes).toMatchObject([{ action: 'delete', outcome: 'deleted' }]);
      expect(proxy.requests.filter((r) => r.faulted === 'status')).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
    expect((await raw(registry.host, name, referrersTag(gone.digest))).status).toBe(404);
  });

  it('a registry that refuses deletes: the index is listed with its answer (a proxy plays GHCR)', async () => {
    const name = 'tidy/refused';
    const target = repo(registry.host, name);
    const gone = await pushSubject(target, 'gone');
    await attachArtifact(target, 'gone', { files: [{ path: await writeJson(work, `r-${serial++}.spdx.json`, spdx()) }] });
    await crane(['delete', '--insecure', `${registry.host}/${name}@${gone.digest}`]);
    const proxy: FaultProxy = await startFaultProxy(registry.url);
    try {
      proxy.setRules([{ match: { method: 'DELETE' }, fault: { kind: 'status', status: 405, body: JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] }) } }]);
      const result = await tidyReferrers(repo(proxy.host, name), undefined, { apply: true, referrers: true });
      expect(result).toMatchObject({ refused: 2, failed: 0 });
      expect(result.indexes[0]).toMatchObject({ action: 'delete', outcome: 'refused', status: 405, answer: 'UNSUPPORTED: The operation is unsupported.' });
      expect(result.referrers[0]).toMatchObject({ action: 'delete', outcome: 'refused', status: 405 });
      expect(renderTidy(result)).toContain('refused by the registry (HTTP 405: UNSUPPORTED: The operation is unsupported.)');
    } finally {
      await proxy.stop();
    }
    expect((await raw(registry.host, name, referrersTag(gone.digest))).status).toBe(200);
  });
});

describe('with cosign v3 and crane, the peers that write and delete', () => {
  const home = makeTempDir('ocikit-tidy-cosign-');
  const NO_INTERNET = 'http://127.0.0.1:9';
  const runCosign = (args: string[]) => cosign(args, { home, cwd: home, env: { COSIGN_PASSWORD: '', HTTPS_PROXY: NO_INTERNET, HTTP_PROXY: NO_INTERNET } });
  beforeAll(async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(join(home, 'ocikit.key'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await runCosign(['import-key-pair', '--key', 'ocikit.key', '--output-key-prefix', 'cosign']);
  }, 60_000);

  it("cosign's entry lacks the bundle's annotations: tidy fills them in, cosign still verifies, and crane's delete of the subject is cleaned up", async () => {
    const name = 'tidy/cosign';
    const target = repo(registry.host, name);
    const subject = await pushSubject(target, 'v1');
    const signed = `${registry.host}/${name}@${subject.digest}`;
    await runCosign(['sign', '--key', 'cosign.key', '--use-signing-config=false', '--tlog-upload=false', '--allow-http-registry', '-y', signed]);
    // What cosign v3.1.3 (go-containerregistry) writes on a registry without the API: artifactType, no annotations.
    const [entry] = (await indexOf(registry.host, name, subject.digest)).manifests;
    expect(entry).toMatchObject({ artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' });
    expect(entry!.annotations).toBeUndefined();
    const bundle = JSON.parse((await raw(registry.host, name, entry!.digest)).text) as { annotations: Record<string, string> };
    expect(Object.keys(bundle.annotations)).toContain('dev.sigstore.bundle.predicateType');

    const dry = await tidyReferrers(target, undefined);
    expect(dry.indexes).toMatchObject([{ action: 'repair', described: [{ digest: entry!.digest, annotations: Object.keys(bundle.annotations).sort() }] }]);
    await tidyReferrers(target, undefined, { apply: true });
    expect((await indexOf(registry.host, name, subject.digest)).manifests).toEqual([{ ...entry, annotations: bundle.annotations }]);
    // cosign reads the repaired index as its own.
    await runCosign(['verify', '--key', 'cosign.pub', '--insecure-ignore-tlog', '--allow-http-registry', signed]);

    await crane(['delete', '--insecure', signed]);
    const applied = await tidyReferrers(target, undefined, { apply: true, referrers: true });
    expect(applied.indexes.map((i) => [i.action, i.outcome])).toEqual([['delete', 'deleted']]);
    expect(applied.referrers.map((r) => [r.digest, r.outcome])).toEqual([[entry!.digest, 'deleted']]);
    expect((await raw(registry.host, name, entry!.digest)).status).toBe(404);
    expect((await raw(registry.host, name, referrersTag(subject.digest))).status).toBe(404);
  });
});

describe.each(API_REGISTRIES)('on %s (the referrers API)', (kind) => {
  const api = useApiRegistry(kind);
  it('has nothing to tidy, says so, and names the sha256-<hex> tags it leaves', async () => {
    const name = 'tidy/api';
    const target = repo(api.host, name);
    const subject = await pushSubject(target, 'v1');
    const sbom = await pushReferrerAlone(api.host, name, subject, 'application/spdx+json');
    await putIndex(api.host, name, subject.digest, [oldEntry(sbom)]);
    const result = await tidyReferrers(target, undefined, { apply: true });
    expect(result).toMatchObject({ via: 'api', changes: 0, applied: false, unusedTags: [referrersTag(subject.digest)] });
    expect(renderTidy(result)).toContain('the registry lists referrers with its OCI 1.1 referrers API: nothing to tidy');
    expect((await indexOf(api.host, name, subject.digest)).manifests).toEqual([oldEntry(sbom)]);
    // Asked for the tag schema, tidy treats the tags as such.
    const asTags = await tidyReferrers(repo(api.host, name, { referrersMode: 'tag' }), undefined);
    expect(asTags).toMatchObject({ via: 'tag', changes: 1, indexes: [{ action: 'repair' }] });
  });
});
