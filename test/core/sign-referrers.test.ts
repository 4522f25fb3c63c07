// Signing, attesting and verifying through `subject` (issue 9), in core: the
// bundles of packages/core/src/sign become referrers on the real registry
// (Debian's distribution 2.8, no referrers API: the sha256-<hex> tag schema) and
// in an OCI layout, and are found and verified there again.
//
// Keyless signing cannot reach the public-good Fulcio and Rekor from here: those
// tests sign against the Sigstore project's own mock services (@sigstore/mock),
// served on loopback by test/harness/sigstore-mock.ts. The code under test is
// the code that talks to fulcio.sigstore.dev.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  COSIGN_SIGN_PREDICATE_TYPE,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  MediaType,
  OciLayoutStore,
  RemoteRepository,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  SigningKey,
  type Target,
  attachArtifact,
  attestReference,
  copyGraph,
  digestOf,
  discoverReferrers,
  isOcikitError,
  keySigner,
  keylessSignerFromEnvironment,
  pushArtifact,
  readPublicKeyPem,
  referrersTag,
  signReference,
  signingKeySource,
  sigstoreServiceURL,
  verifyReference,
  type ReferrerNode,
  type VerifyReferenceResult,
} from '@ocikit/core';
import { schemaErrors } from '../harness/oci-schema.js';
import { sarif, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const other = useRegistry();

const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const hintOf = (key: KeyObject): string => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64');

const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('ed25519');
const signer = keySigner(SigningKey.fromKeyObject(signing.privateKey), { rekorURL: false });
// The signatures here are made without the transparency log (offline): accepted by the opt-in.
const policy = { publicKey: spki(signing.publicKey), insecureIgnoreTlog: true };
const HINT = hintOf(signing.publicKey);

const SLSA = 'https://slsa.dev/provenance/v1';
const EPOCH = 1_700_000_000;
const CREATED = '2023-11-14T22:13:20Z';
const hexOf = (digest: string): string => digest.slice(digest.indexOf(':') + 1);

const open: Target[] = [];
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});
function repo(host: string, repository: string): RemoteRepository {
  const r = new RemoteRepository({ registry: host, repository });
  open.push(r);
  return r;
}
async function layout(): Promise<OciLayoutStore> {
  const store = await OciLayoutStore.open(join(makeTempDir('ocikit-sign-layout-'), 'layout'), { create: true });
  open.push(store);
  return store;
}

let serial = 0;
async function file(name: string, document: unknown): Promise<string> {
  return writeJson(makeTempDir(), `${serial++}-${name}`, document);
}

/** A small artifact pushed under `tag`, with content of its own (so every call is a new digest). */
async function pushApp(target: Target, tag: string): Promise<Descriptor> {
  const path = join(makeTempDir(), 'app.bin');
  await writeFile(path, `app ${tag} ${serial++} ${Math.random()}\n`);
  return (await pushArtifact(target, { files: [{ path }], tags: [tag] })).descriptor;
}

/** The one bundle layer's bytes of a signature referrer. */
async function bundleOf(target: Target, referrer: string): Promise<Buffer> {
  const manifest = JSON.parse(Buffer.from((await target.fetchManifest(referrer)).bytes).toString('utf8')) as ImageManifest;
  const chunks: Buffer[] = [];
  for await (const chunk of await target.fetchBlob(manifest.layers[0]!)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The verification as plain data: outcome, referrer digest, and the signer or why not. */
function outcomes(result: VerifyReferenceResult): Array<Record<string, unknown>> {
  return result.referrers.map((r) =>
    r.outcome === 'verified'
      ? { outcome: r.outcome, digest: r.descriptor.digest, signer: r.result.signer }
      : r.outcome === 'refused'
        ? { outcome: r.outcome, digest: r.descriptor.digest, check: r.check, message: r.message }
        : { outcome: r.outcome, digest: r.descriptor.digest, reason: r.reason },
  );
}

/** The referrers tree as `artifactType digest` with children, for exact comparison. */
function tree(nodes: ReferrerNode[]): unknown[] {
  return nodes
    .map((n) => ({ node: `${n.descriptor.artifactType} ${n.descriptor.digest}`, referrers: tree(n.referrers) }))
    .sort((a, b) => (a.node < b.node ? -1 : 1));
}

/**
 * app:v1 → its signature; SBOM → the SBOM's signature; SARIF → the report's
 * signature: one call per link, as the issue asks (`attach --sign`).
 */
async function signedChain(target: Target) {
  const app = await pushApp(target, 'v1');
  const signature = await signReference(target, 'v1', { signer, sourceDateEpoch: EPOCH });
  const sbom = await attachArtifact(target, 'v1', { files: [{ path: await file('sbom.spdx.json', spdx()) }], sign: signer });
  const report = await attachArtifact(target, 'v1', { files: [{ path: await file('scan.sarif', sarif()) }], sign: signer });
  return { app, signature, sbom, report };
}

async function expectChainVerifies(target: Target, chain: Awaited<ReturnType<typeof signedChain>>, via: string): Promise<void> {
  const discovered = await discoverReferrers(target, 'v1');
  expect(tree(discovered.referrers)).toEqual(
    tree([
      { descriptor: { ...chain.signature.descriptor, artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE }, referrers: [] },
      {
        descriptor: { ...chain.sbom.descriptor, artifactType: 'application/spdx+json' },
        referrers: [{ descriptor: { ...chain.sbom.signature!.descriptor, artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE }, referrers: [] }],
      },
      {
        descriptor: { ...chain.report.descriptor, artifactType: 'application/sarif+json' },
        referrers: [{ descriptor: { ...chain.report.signature!.descriptor, artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE }, referrers: [] }],
      },
    ]),
  );
  const links: Array<[string, Descriptor]> = [
    ['v1', chain.signature.descriptor],
    [chain.sbom.descriptor.digest, chain.sbom.signature!.descriptor],
    [chain.report.descriptor.digest, chain.report.signature!.descriptor],
  ];
  for (const [subject, signature] of links) {
    const result = await verifyReference(target, subject, { policy });
    expect({ verified: result.verified, via: result.via, outcomes: outcomes(result) }).toEqual({
      verified: true,
      via,
      outcomes: [{ outcome: 'verified', digest: signature.digest, signer: { kind: 'key', hint: HINT } }],
    });
  }
}

describe('sign, attach --sign, discover and verify the chain on the registry (tag schema)', () => {
  let target: RemoteRepository;
  let chain: Awaited<ReturnType<typeof signedChain>>;

  beforeAll(async () => {
    target = repo(registry.host, 'sign/app');
    chain = await signedChain(target);
  }, 60_000);

  it("attaches the signature in cosign's shape: one bundle layer, the empty config, the dev.sigstore annotations", async () => {
    const { signature, app } = chain;
    const bundle = await bundleOf(target, signature.descriptor.digest);
    const manifest = JSON.parse(Buffer.from((await target.fetchManifest(signature.descriptor.digest)).bytes).toString('utf8')) as ImageManifest;
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.ImageManifest,
      artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(Buffer.from('{}')), size: 2 },
      layers: [
        {
          mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
          digest: digestOf(bundle),
          size: bundle.length,
          annotations: { 'org.opencontainers.image.title': `sha256-${hexOf(digestOf(bundle))}.sigstore.json` },
        },
      ],
      subject: { mediaType: app.mediaType, digest: app.digest, size: app.size },
      annotations: {
        'org.opencontainers.image.created': CREATED,
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': COSIGN_SIGN_PREDICATE_TYPE,
      },
    });
    expect(schemaErrors('image-manifest-schema', manifest)).toEqual([]);
    const statement = Buffer.from((JSON.parse(bundle.toString('utf8')) as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload, 'base64').toString('utf8');
    expect(statement).toBe(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${hexOf(app.digest)}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
    expect({ signer: signature.signer, tlog: signature.transparencyLogEntries, predicateType: signature.predicateType, referrers: signature.referrers?.via }).toEqual({
      signer: { kind: 'key', hint: HINT },
      tlog: 0,
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
      referrers: 'tag',
    });
    // Listed in the sha256-<hex> index with the type and annotations cosign and oras read.
    const response = await fetch(`${registry.url}/v2/sign/app/manifests/${referrersTag(app.digest)}`, { headers: { accept: MediaType.ImageIndex } });
    const index = (await response.json()) as ImageIndex;
    expect(index.manifests.find((d) => d.digest === signature.descriptor.digest)).toEqual({
      mediaType: MediaType.ImageManifest,
      digest: signature.descriptor.digest,
      size: signature.descriptor.size,
      artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      annotations: manifest.annotations,
    });
  });

  it('discovers the chain and verifies each link against its own digest', async () => {
    await expectChainVerifies(target, chain, 'tag');
  });

  it('copies the chain with its referrers to another registry, where it verifies', async () => {
    const destination = repo(other.host, 'mirror/app');
    const copied = await copyGraph(target, 'v1', destination, 'v1', { referrers: true });
    expect(copied.referrers).toEqual({ copied: 5, skipped: 0 });
    await expectChainVerifies(destination, chain, 'tag');
  });

  it('attests a predicate (SLSA provenance); verify finds it by type, and counts it as no signature', async () => {
    const app = await pushApp(target, 'attested');
    const predicate = { buildDefinition: { buildType: 'https://ocikit.dev/ci/v1' }, runDetails: { builder: { id: 'https://ocikit.dev/runner' } } };
    const attestation = await attestReference(target, 'attested', { signer, predicateType: SLSA, predicate, subjectName: target.name });
    expect(attestation.manifest.annotations?.['dev.sigstore.bundle.predicateType']).toBe(SLSA);

    const asAttestation = await verifyReference(target, 'attested', { policy, predicateType: SLSA });
    expect(asAttestation.verified).toBe(true);
    const [only] = asAttestation.referrers;
    expect(only?.outcome === 'verified' && only.result.statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: `${registry.host}/sign/app`, digest: { sha256: hexOf(app.digest) } }],
      predicateType: SLSA,
      predicate,
    });

    const asSignature = await verifyReference(target, 'attested', { policy });
    expect({ verified: asSignature.verified, outcomes: outcomes(asSignature) }).toEqual({
      verified: false,
      outcomes: [{ outcome: 'skipped', digest: attestation.descriptor.digest, reason: `a "${SLSA}" attestation, not an image signature` }],
    });

    // A label that does not say what the bundle is (cosign 3 labels none of its attestations;
    // an unsigned label may lie) gets it read: it is told apart as another kind before the
    // transparency-log rule, so skipped, not refused, without the opt-in too.
    const copy = join(makeTempDir(), 'attestation.sigstore.json');
    await writeFile(copy, await bundleOf(target, attestation.descriptor.digest));
    const mislabelled = await attachArtifact(target, 'attested', { files: [{ path: copy }], annotations: { 'dev.sigstore.bundle.predicateType': COSIGN_SIGN_PREDICATE_TYPE } });
    const strict = await verifyReference(target, 'attested', { policy: { publicKey: policy.publicKey } });
    const skipped = (digest: string) => ({ outcome: 'skipped', digest, reason: `a "${SLSA}" attestation, not an image signature` });
    expect(outcomes(strict).sort((a, b) => String(a.digest).localeCompare(String(b.digest)))).toEqual(
      [skipped(attestation.descriptor.digest), skipped(mislabelled.descriptor.digest)].sort((a, b) => a.digest.localeCompare(b.digest)),
    );
  });
});

describe('verify refuses what it must, and says which check refused it', () => {
  let target: RemoteRepository;
  beforeAll(() => {
    target = repo(registry.host, 'sign/tamper');
  });

  it('a tampered bundle pushed as a referrer (signature); the genuine one still verifies', async () => {
    const app = await pushApp(target, 'tampered');
    const genuine = await signReference(target, 'tampered', { signer });
    const bundle = JSON.parse((await bundleOf(target, genuine.descriptor.digest)).toString('utf8')) as { dsseEnvelope: { payload: string } };
    const claims = `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${hexOf(app.digest)}"},"annotations":{"approved":"yes"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`;
    bundle.dsseEnvelope.payload = Buffer.from(claims).toString('base64');
    const forged = await attachArtifact(target, 'tampered', { files: [{ path: await file('forged.sigstore.json', bundle) }] });

    const result = await verifyReference(target, 'tampered', { policy });
    expect(result.verified).toBe(true);
    expect(outcomes(result).sort((a, b) => String(a.outcome).localeCompare(String(b.outcome)))).toEqual([
      {
        outcome: 'refused',
        digest: forged.descriptor.digest,
        check: 'signature',
        message: 'signature verification failed (signature): the signature does not match the signed content: the bundle was changed after signing, or signed by another key',
      },
      { outcome: 'verified', digest: genuine.descriptor.digest, signer: { kind: 'key', hint: HINT } },
    ]);
  });

  it('a signature copied from another image (subject)', async () => {
    const signed = await pushApp(target, 'signed');
    const signature = await signReference(target, 'signed', { signer });
    const victim = await pushApp(target, 'victim');
    const copied = join(makeTempDir(), 'copied.sigstore.json');
    await writeFile(copied, await bundleOf(target, signature.descriptor.digest));
    const warnings: string[] = [];
    const attached = await attachArtifact(target, 'victim', { files: [{ path: copied }], progress: { warning: (m) => warnings.push(m) } });
    expect(warnings).toEqual([`${copied} (Sigstore bundle) is about ${signed.digest}, not the subject ${victim.digest}`]);

    const result = await verifyReference(target, 'victim', { policy });
    expect({ verified: result.verified, outcomes: outcomes(result) }).toEqual({
      verified: false,
      outcomes: [
        {
          outcome: 'refused',
          digest: attached.descriptor.digest,
          check: 'subject',
          message: `signature verification failed (subject): the statement is about sha256:${hexOf(signed.digest)}, not ${victim.digest}`,
        },
      ],
    });
  });

  it('a signature by another key (key), naming both keys', async () => {
    await pushApp(target, 'other-key');
    const signature = await signReference(target, 'other-key', { signer: keySigner(SigningKey.fromKeyObject(stranger.privateKey), { rekorURL: false }) });
    const result = await verifyReference(target, 'other-key', { policy });
    expect({ verified: result.verified, outcomes: outcomes(result) }).toEqual({
      verified: false,
      outcomes: [
        {
          outcome: 'refused',
          digest: signature.descriptor.digest,
          check: 'key',
          message: `signature verification failed (key): the bundle was signed by another key (hint ${hintOf(stranger.publicKey)}), not by the given public key (hint ${HINT})`,
        },
      ],
    });
  });

  it('an image without signatures verifies nothing; a bad policy is refused before anything is read', async () => {
    await pushApp(target, 'unsigned');
    await attachArtifact(target, 'unsigned', { files: [{ path: await file('sbom.spdx.json', spdx()) }] });
    const result = await verifyReference(target, 'unsigned', { policy });
    expect({ verified: result.verified, referrers: result.referrers, via: result.via }).toEqual({ verified: false, referrers: [], via: 'tag' });

    const noPolicy = await verifyReference(target, 'no-such-tag', { policy: {} }).catch((e: unknown) => e);
    expect(isOcikitError(noPolicy, 'INVALID_INPUT')).toBe(true);
    const privateAsPublic = await verifyReference(target, 'no-such-tag', { policy: { publicKey: signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } }).catch((e: unknown) => e);
    expect(isOcikitError(privateAsPublic, 'INVALID_INPUT') && privateAsPublic.message).toBe('the policy\'s public key is not a PEM "PUBLIC KEY" (found "PRIVATE KEY")');
  });

  it('attach --sign that cannot sign says the artifact is attached unsigned, and how to sign it', async () => {
    await pushApp(target, 'sign-fails');
    const unreachable = keySigner(SigningKey.fromKeyObject(signing.privateKey), { rekorURL: 'http://127.0.0.1:9', retries: 0 });
    const error = await attachArtifact(target, 'sign-fails', { files: [{ path: await file('sbom.spdx.json', spdx()) }], sign: unreachable }).catch((e: unknown) => e);
    if (!isOcikitError(error)) throw error;
    const attached = /@(sha256:[0-9a-f]{64}) was attached/.exec(error.message)?.[1];
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`${target.name}@${attached} was attached, but signing it failed: Rekor at http://127.0.0.1:9 did not record the signature`);
    expect(error.hint).toBe(`Rekor could not be reached; check the URL and the network, then retry; then sign it with \`ocikit sign ${target.name}@${attached}\``);
    expect((await target.resolve(attached!)).digest).toBe(attached);
  });
});

describe('the chain in an OCI layout', () => {
  it('signs, discovers and verifies every link offline', async () => {
    const target = await layout();
    const chain = await signedChain(target);
    // The layout lists every referrer it holds by walking its manifests, and says so.
    expect(chain.signature.referrers).toEqual({ via: 'layout' });
    await expectChainVerifies(target, chain, 'layout');
  });

  it('reports a bundle whose stored bytes no longer match their digest as unreadable, and verifies nothing', async () => {
    const dir = join(makeTempDir('ocikit-sign-corrupt-'), 'layout');
    const target = await OciLayoutStore.open(dir, { create: true });
    open.push(target);
    await pushApp(target, 'v1');
    const signature = await signReference(target, 'v1', { signer });
    const blob = join(dir, 'blobs', 'sha256', hexOf(signature.bundle.digest));
    const bytes = await readFile(blob);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 1, bytes.length - 2); // one bit, inside the JSON
    await writeFile(blob, bytes);
    const result = await verifyReference(target, 'v1', { policy });
    expect(result.verified).toBe(false);
    expect(outcomes(result)).toEqual([
      { outcome: 'refused', digest: signature.descriptor.digest, check: undefined, message: `it cannot be read: blob ${signature.bundle.digest} in ${target.name}: content does not match its digest` },
    ]);
  });
});

describe('keyless signatures through subject, against the Sigstore mock on loopback', () => {
  const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
  const ISSUER = 'https://token.actions.githubusercontent.com';
  let mock: SigstoreMock;
  beforeAll(async () => {
    mock = await startSigstoreMock();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('signs with a Fulcio certificate and a Rekor entry, and verifies by identity and issuer against the trusted root', async () => {
    const target = repo(registry.host, 'sign/keyless');
    await pushApp(target, 'v1');
    const keyless = keylessSignerFromEnvironment({ identityToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }), fulcioURL: mock.url, rekorURL: mock.url, retries: 0 });
    const signature = await signReference(target, 'v1', { signer: keyless });
    expect({ signer: signature.signer, tlog: signature.transparencyLogEntries }).toEqual({ signer: { kind: 'certificate', identity: IDENTITY }, tlog: 1 });

    const keylessPolicy = { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot };
    const verified = await verifyReference(target, 'v1', { policy: keylessPolicy });
    expect(outcomes(verified)).toEqual([{ outcome: 'verified', digest: signature.descriptor.digest, signer: { kind: 'certificate', identity: IDENTITY, issuer: ISSUER } }]);

    const fork = 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main';
    const refused = await verifyReference(target, 'v1', { policy: { ...keylessPolicy, certificateIdentity: fork } });
    expect(outcomes(refused)).toEqual([
      {
        outcome: 'refused',
        digest: signature.descriptor.digest,
        check: 'identity',
        message: `signature verification failed (identity): the certificate is for "${IDENTITY}", not "${fork}"`,
      },
    ]);
    // A key policy cannot pass a keyless signature.
    expect(outcomes(await verifyReference(target, 'v1', { policy }))[0]).toMatchObject({ outcome: 'refused', check: 'key' });
  });

  it('a key signature logged in (mock) Rekor verifies against the trusted root, which then requires the entry', async () => {
    const target = await layout();
    await pushApp(target, 'v1');
    const logged = await signReference(target, 'v1', { signer: keySigner(SigningKey.fromKeyObject(signing.privateKey), { rekorURL: mock.url, retries: 0 }) });
    const unlogged = await signReference(target, 'v1', { signer });
    const result = await verifyReference(target, 'v1', { policy: { publicKey: policy.publicKey, trustedRoot: mock.trustedRoot } });
    const byDigest = Object.fromEntries(outcomes(result).map((o) => [o.digest, o]));
    expect(byDigest[logged.descriptor.digest]).toEqual({ outcome: 'verified', digest: logged.descriptor.digest, signer: { kind: 'key', hint: HINT } });
    expect(byDigest[unlogged.descriptor.digest]).toEqual({
      outcome: 'refused',
      digest: unlogged.descriptor.digest,
      check: 'transparency-log',
      message:
        'signature verification failed (transparency-log): the bundle has no transparency log (Rekor) entry and no timestamp from a timestamp authority of the trusted root: ' +
        're-sign with the transparency log, or pass insecureIgnoreTlog: true if you accept signatures with no log entry',
    });
  });
});

describe('key references and service URLs', () => {
  it('reads env://NAME and paths; names an unset variable without any content', async () => {
    expect(signingKeySource('cosign.key', {})).toEqual({ path: 'cosign.key' });
    expect(signingKeySource('env://SIGNING_KEY', { SIGNING_KEY: 'pem text' })).toEqual({ pem: 'pem text', origin: '$SIGNING_KEY' });
    expect(() => signingKeySource('env://SIGNING_KEY', {})).toThrow('the environment variable SIGNING_KEY named for the key is not set');
    expect(() => signingKeySource('env://SIGNING_KEY', { SIGNING_KEY: ' \n' })).toThrow('the environment variable SIGNING_KEY named for the key is empty');
    expect(() => signingKeySource('env://not a name', {})).toThrow('"env://not a name" does not name an environment variable');
    expect(await readPublicKeyPem('env://PUB', { PUB: spki(signing.publicKey) })).toBe(spki(signing.publicKey));
    await expect(readPublicKeyPem(join(makeTempDir(), 'missing.pub'), {})).rejects.toThrow(/the public key file .*missing\.pub does not exist/);
  });

  it('takes HTTPS, and plain HTTP on loopback only (Fulcio receives the OIDC token)', () => {
    expect(sigstoreServiceURL('https://fulcio.example.com/', 'Fulcio')).toBe('https://fulcio.example.com');
    expect(sigstoreServiceURL('http://127.0.0.1:8080', 'Fulcio')).toBe('http://127.0.0.1:8080');
    expect(() => sigstoreServiceURL('http://fulcio.example.com', 'Fulcio')).toThrow('the Fulcio URL http://fulcio.example.com is not HTTPS');
    expect(() => sigstoreServiceURL('fulcio', 'Fulcio')).toThrow('the Fulcio URL "fulcio" is not a URL');
  });
});
