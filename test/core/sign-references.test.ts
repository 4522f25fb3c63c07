// `sign --recursive`, `attest --recursive` and several references in one call
// (issue 22, "Sign and attest an image as it is shipped"), in core, on the real
// registries: distribution 2.8 (no referrers API: the sha256-<hex> tag schema) and
// go-containerregistry's registry (the referrers API), with real multi-platform
// images and a nested index from test/harness/images.ts.
//
// Keyless signing runs against the Sigstore project's own mock Fulcio and Rekor
// (@sigstore/mock) on loopback, which the public-good instance cannot be here; its
// request counts show how many certificates and log entries a call took. Where a
// log must fail half-way, which the mock cannot, the fault proxy stands in front of
// it; and a clock is faked to show a certificate near its end is not used again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate, generateKeyPairSync, verify } from 'node:crypto';
import {
  type Descriptor,
  MediaType,
  OcikitError,
  RemoteRepository,
  SigningKey,
  type Target,
  attestReferences,
  digestOf,
  discoverReferrers,
  isOcikitError,
  keySigner,
  keylessSignerFromEnvironment,
  signReferences,
  verifyReference,
} from '@ocikit/core';
import { FulcioSigner } from '@sigstore/sign';
import { CERTIFICATE_REUSE_MARGIN_MS, reusingFulcioCertificate } from '../../packages/core/src/sign/fulcio-certificate-reuse.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { type BuiltImage, type BuiltIndex, buildAttestation, buildImage, buildIndex, pushImage, pushIndex } from '../harness/images.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');

const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKey = signing.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const signer = keySigner(SigningKey.fromKeyObject(signing.privateKey), { rekorURL: false });
// Made without the transparency log (offline): accepted by the opt-in.
const keyPolicy = { publicKey, insecureIgnoreTlog: true };
const SLSA = 'https://slsa.dev/provenance/v1';
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const TOKEN = unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY });

const open: Target[] = [];
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});
function repo(host: string, repository: string): RemoteRepository {
  const r = new RemoteRepository({ registry: host, repository });
  open.push(r);
  return r;
}

/**
 * A release as BuildKit pushes it, one level deeper: `outer` lists `inner` (two
 * platform images and an attestation manifest) and a third image of its own.
 */
interface Release {
  inner: BuiltIndex;
  s390x: BuiltImage;
  outer: { descriptor: Descriptor; bytes: Buffer };
  /** Every manifest `outer` reaches, itself first, in the order signing reaches them. */
  all: string[];
}

async function buildRelease(): Promise<Release> {
  const work = makeTempDir('ocikit-sign-recursive-');
  const seed = `${Date.now()} ${Math.random()}`;
  const image = (architecture: string) => buildImage(work, { platform: { os: 'linux', architecture }, layers: [{ files: { 'etc/hostname': `${architecture} ${seed}\n` } }] });
  const [amd64, arm64, s390x] = [await image('amd64'), await image('arm64'), await image('s390x')];
  const inner = buildIndex([amd64, arm64], [await buildAttestation(amd64)]);
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [inner.index.descriptor, s390x.manifest.descriptor] }));
  const outer = { descriptor: { mediaType: MediaType.ImageIndex, digest: digestOf(bytes), size: bytes.length }, bytes };
  const listed = [...inner.images, ...inner.attestations].map((built) => built.manifest.descriptor.digest);
  return { inner, s390x, outer, all: [outer.descriptor.digest, inner.index.descriptor.digest, ...listed, s390x.manifest.descriptor.digest] };
}

async function pushRelease(target: Target, release: Release, tag: string): Promise<void> {
  await pushIndex(target, release.inner, `${tag}-inner`);
  await pushImage(target, release.s390x);
  await target.pushManifest(release.outer.descriptor, release.outer.bytes, tag);
}

/** Whether the manifest `digest` has a signature (or attestation of `type`) that verifies under `policy`. */
async function verifies(target: Target, digest: string, policy: Record<string, unknown> = keyPolicy): Promise<boolean> {
  return (await verifyReference(target, digest, { policy })).verified;
}

describe('signReferences, recursive, on one registry', () => {
  it.each(['distribution', 'ggcr'] as const)('signs a nested index and every manifest it lists, one signature each, on %s', async (kind) => {
    const target = repo(kind === 'distribution' ? distribution.host : ggcr.host, 'recursive/app');
    const release = await buildRelease();
    await pushRelease(target, release, 'v1');

    const signed = await signReferences([{ target, selector: 'v1' }], { signer, recursive: true });
    expect(signed.map((s) => s.result.subject.digest)).toEqual(release.all);
    // Each says where it was found: the outer index is the one named; the rest are listed.
    const [outer, inner] = [release.outer.descriptor.digest, release.inner.index.descriptor.digest];
    expect(signed.map((s) => s.listedBy)).toEqual([undefined, outer, inner, inner, inner, outer]);
    expect(signed.map((s) => s.platform?.architecture)).toEqual([undefined, undefined, 'amd64', 'arm64', 'unknown', 's390x']);
    // One signature each, each verifying against its own manifest's digest.
    for (const digest of release.all) {
      const referrers = (await discoverReferrers(target, digest)).referrers;
      expect({ digest, verified: await verifies(target, digest), signatures: referrers.length }).toEqual({ digest, verified: true, signatures: 1 });
    }
  }, 60_000);

  it('without recursive signs only the index the reference names', async () => {
    const target = repo(distribution.host, 'recursive/flat');
    const release = await buildRelease();
    await pushRelease(target, release, 'v1');
    const signed = await signReferences([{ target, selector: 'v1' }], { signer });
    expect(signed.map((s) => s.result.subject.digest)).toEqual([release.outer.descriptor.digest]);
    expect(await verifies(target, release.outer.descriptor.digest)).toBe(true);
    expect(await verifies(target, release.inner.images[0]!.manifest.descriptor.digest)).toBe(false);
  }, 60_000);
});

describe('attestReferences, recursive', () => {
  it('gives every platform image its own attestation, each statement about its own digest', async () => {
    const target = repo(ggcr.host, 'recursive/attested');
    const release = await buildRelease();
    await pushRelease(target, release, 'v1');
    const predicate = { buildDefinition: { buildType: 'https://example.com/build/v1' } };
    const attested = await attestReferences([{ target, selector: 'v1', subjectName: target.name }], { signer, predicateType: SLSA, predicate, recursive: true });
    expect(attested.map((a) => [a.result.subject.digest, a.result.predicateType])).toEqual(release.all.map((digest) => [digest, SLSA]));
    for (const image of [...release.inner.images, release.s390x]) {
      const digest = image.manifest.descriptor.digest;
      const result = await verifyReference(target, digest, { policy: keyPolicy, predicateType: SLSA });
      const statements = result.referrers.flatMap((r) => (r.outcome === 'verified' ? [r.result.statement.subject] : []));
      expect(statements).toEqual([[{ name: target.name, digest: { sha256: digest.slice('sha256:'.length) } }]]);
      // An attestation is no image signature.
      expect(await verifies(target, digest)).toBe(false);
    }
  }, 60_000);
});

describe('several references in one call', () => {
  let mock: SigstoreMock;
  beforeAll(async () => {
    mock = await startSigstoreMock();
  });
  afterAll(async () => {
    await mock.close();
  });
  const count = (path: string): number => mock.requests.get(path) ?? 0;
  const keyless = () => keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: mock.url, rekorURL: mock.url, retries: 0 });

  it('the same image in two registries, keyless: one certificate, one signing (one Rekor entry) per digest, that bundle attached in each', async () => {
    const release = await buildRelease();
    const here = repo(distribution.host, 'mirrored/app');
    const there = repo(ggcr.host, 'mirrored/app');
    await pushRelease(here, release, 'v1');
    await pushRelease(there, release, 'v1');
    const [certificates, entries] = [count('/api/v2/signingCert'), count('/api/v1/log/entries')];

    const signed = await signReferences(
      [
        { target: here, selector: 'v1' },
        { target: there, selector: release.outer.descriptor.digest },
      ],
      { signer: keyless(), recursive: true },
    );
    expect({ certificates: count('/api/v2/signingCert') - certificates, entries: count('/api/v1/log/entries') - entries }).toEqual({ certificates: 1, entries: release.all.length });
    expect(signed.map((s) => [s.from, s.result.subject.digest])).toEqual([...release.all.map((d) => [0, d]), ...release.all.map((d) => [1, d])]);
    // The same bundle (the same signature and log entry) in both registries, another for each digest.
    const half = release.all.length;
    expect(signed.slice(half).map((s) => s.result.bundle.digest)).toEqual(signed.slice(0, half).map((s) => s.result.bundle.digest));
    expect(new Set(signed.map((s) => s.result.bundle.digest)).size).toBe(half);

    const policy = { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot };
    for (const target of [here, there]) {
      for (const digest of release.all) expect({ at: target.name, digest, verified: await verifies(target, digest, policy) }).toEqual({ at: target.name, digest, verified: true });
    }
  }, 90_000);

  it('signs references naming different images each, as cosign does; a manifest named twice in one store once', async () => {
    const [a, b] = [await buildRelease(), await buildRelease()];
    const target = repo(distribution.host, 'two/images');
    await pushRelease(target, a, 'a');
    await pushRelease(target, b, 'b');
    const signed = await signReferences([{ target, selector: 'a' }, { target, selector: 'b' }], { signer });
    expect(signed.map((s) => s.result.subject.digest)).toEqual([a.outer.descriptor.digest, b.outer.descriptor.digest]);
    const twice = await signReferences([{ target, selector: 'a' }, { target, selector: a.outer.descriptor.digest }], { signer });
    expect(twice.map((s) => s.from)).toEqual([0]);
  }, 60_000);

  it('reads everything first: a reference that names nothing stops the call before anything is signed or pushed', async () => {
    const release = await buildRelease();
    const target = repo(distribution.host, 'all-or-nothing/app');
    await pushRelease(target, release, 'v1');
    const [certificates, entries] = [count('/api/v2/signingCert'), count('/api/v1/log/entries')];
    const failed = await signReferences([{ target, selector: 'v1' }, { target, selector: 'no-such-tag' }], { signer: keyless(), recursive: true }).catch((e: unknown) => e);
    expect(isOcikitError(failed, 'NOT_FOUND')).toBe(true);
    expect([count('/api/v2/signingCert') - certificates, count('/api/v1/log/entries') - entries]).toEqual([0, 0]);
    for (const digest of release.all) expect((await discoverReferrers(target, digest)).referrers).toEqual([]);
  }, 60_000);

  it('a failure half-way says what failed, how many were attached, that they stay, and what to try', async () => {
    const release = await buildRelease();
    const target = repo(distribution.host, 'half-way/app');
    await pushRelease(target, release, 'v1');
    // The fault proxy plays a Rekor that fails its third entry (the mock cannot).
    const rekor = await startFaultProxy(mock.url, [{ match: { method: 'POST', path: /^\/api\/v1\/log\/entries/ }, nth: [3], fault: { kind: 'status', status: 503, body: '{"message":"overloaded"}' } }]);
    try {
      const logged = keySigner(SigningKey.fromKeyObject(signing.privateKey), { rekorURL: rekor.url, retries: 0 });
      const failed = await signReferences([{ target, selector: 'v1' }], { signer: logged, recursive: true }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(OcikitError);
      const error = failed as OcikitError;
      expect({ message: error.message, status: error.status, detail: error.detail }).toEqual({
        message: `signing ${target.name}@${release.all[2]} failed after 2 of 6 signatures were attached: Rekor at ${rekor.url} did not record the signature`,
        status: 503,
        detail: expect.stringContaining('overloaded'),
      });
      expect(error.hint).toContain('the 2 attached stay; run it again to sign the rest');
      // What to try names the option, for each front end to say in its words.
      expect(error.hint).toContain('without {{option:recursive}}');
      expect(await verifies(target, release.all[1]!, { publicKey, trustedRoot: mock.trustedRoot })).toBe(true);
      expect((await discoverReferrers(target, release.all[2]!)).referrers).toEqual([]);
    } finally {
      await rekor.stop();
    }
  }, 60_000);
});

describe('one Fulcio certificate while it is valid', () => {
  let mock: SigstoreMock;
  beforeAll(async () => {
    mock = await startSigstoreMock();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('reuses the certificate until it is within the margin of its end, then asks Fulcio for a new one, for a new key', async () => {
    let clock = Date.now();
    const reusing = reusingFulcioCertificate(
      (keyHolder) => new FulcioSigner({ fulcioBaseURL: mock.url, identityProvider: { getToken: async () => TOKEN }, keyHolder, retry: 0 }),
      () => clock,
    );
    const first = await reusing.sign(Buffer.from('one'));
    const second = await reusing.sign(Buffer.from('two'));
    expect(mock.requests.get('/api/v2/signingCert')).toBe(1);
    expect(second.key).toEqual(first.key);
    const certificate = new X509Certificate((first.key as { certificate: string }).certificate);
    expect(verify('sha256', Buffer.from('two'), certificate.publicKey, second.signature)).toBe(true);

    clock = certificate.validToDate.getTime() - CERTIFICATE_REUSE_MARGIN_MS;
    const third = await reusing.sign(Buffer.from('three'));
    expect(mock.requests.get('/api/v2/signingCert')).toBe(2);
    const renewed = new X509Certificate((third.key as { certificate: string }).certificate);
    const der = (c: X509Certificate) => c.publicKey.export({ type: 'spki', format: 'der' });
    expect(der(renewed).equals(der(certificate))).toBe(false);
    expect(verify('sha256', Buffer.from('three'), renewed.publicKey, third.signature)).toBe(true);
  });
});
