// cosign v3 judges ocikit's signatures and ocikit judges cosign's, both directions,
// on distribution (no referrers API: the sha256-<hex> tag schema) and on the two
// registries with the referrers API (go-containerregistry's and olareg).
//
// cosign runs offline, as it must here: it is given a key and
// --insecure-ignore-tlog to verify, --use-signing-config=false --tlog-upload=false
// to sign with a key (cosign's signcommon.LoadTrustedMaterialAndSigningConfig
// fetches no TUF root then), and --trusted-root with the mock Sigstore's keys for
// keyless bundles (verify's SetTrustedMaterial reads the file instead of TUF).
// Its HTTP(S)_PROXY points at a closed port, so any attempt to reach the internet
// fails at once (Go never proxies loopback, where the registries are).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, pushArtifact } from '@ocikit/core';
import { ocikit } from '../harness/ocikit-cli.js';
import { cosign, crane } from '../harness/peer-tools.js';
import type { RunResult } from '../harness/peers.js';
import { API_REGISTRIES, useApiRegistry, useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const work = makeTempDir('ocikit-cosign-');
const cosignHome = makeTempDir('ocikit-cosign-home-');
const PASSWORD = 'cosign-interop-password';
const NO_INTERNET = 'http://127.0.0.1:9';
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const SLSA = 'https://slsa.dev/provenance/v1';
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
/** What a key signature made without the transparency log needs to verify, in both tools. */
const IGNORE_TLOG = '--insecure-ignore-tlog';
const IGNORED = 'no transparency log entry verified (accepted with --insecure-ignore-tlog)';
/** The host's OIDC token sources, hidden: keyless runs get the mock's token only. */
const NO_OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '', SIGSTORE_ID_TOKEN: '', BUILDKITE: '' };

const pkcs8 = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const hintOfPem = (pem: string): string => createHash('sha256').update(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')).digest('base64');

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed25519 = generateKeyPairSync('ed25519');
let cosignHint: string;
const OCIKIT_HINT = hintOfPem(spki(p256.publicKey));

function runCosign(args: string[], allowFailure = false): Promise<RunResult> {
  return cosign(args, { home: cosignHome, cwd: work, env: { COSIGN_PASSWORD: PASSWORD, HTTPS_PROXY: NO_INTERNET, HTTP_PROXY: NO_INTERNET }, allowFailure });
}

async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await ocikit(args, { cwd: work, env });
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const digestIn = (text: string): string => /Digest: (sha256:[0-9a-f]{64})/.exec(text)![1]!;

let serial = 0;
/** A fresh artifact pushed by ocikit's core; returns its digest. */
async function pushSubject(host: string, repository: string, tag = 'v1'): Promise<string> {
  const path = join(work, `subject-${serial++}.txt`);
  await writeFile(path, `subject ${serial} ${Math.random()}\n`);
  const repo = new RemoteRepository({ registry: host, repository });
  try {
    return (await pushArtifact(repo, { files: [{ path }], tags: [tag] })).descriptor.digest;
  } finally {
    await repo.close();
  }
}

/** What `cosign verify` prints on stdout: the simple-signing view of each verified signature. */
interface CosignVerified {
  critical: { identity: { 'docker-reference': string }; image: { 'docker-manifest-digest': string }; type: string };
  optional: Record<string, unknown> | null;
}
const verifiedBy = (result: RunResult): CosignVerified[] => JSON.parse(result.stdout) as CosignVerified[];

/** What `cosign verify-attestation` prints: one DSSE envelope per line, its statement decoded. */
function attestationsIn(result: RunResult): Array<{ _type: string; subject: Array<{ name?: string; digest: Record<string, string> }>; predicateType: string; predicate: unknown }> {
  return result.stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString('utf8')));
}

interface BundleManifest {
  artifactType?: string;
  config: { mediaType: string };
  layers: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>;
  annotations?: Record<string, string>;
  subject?: { digest: string };
}

/** What a reader of a bundle referrer looks at; the created time's value aside. */
const shapeOf = (m: BundleManifest): Record<string, unknown> => ({
  artifactType: m.artifactType,
  config: m.config.mediaType,
  layers: m.layers.map((l) => l.mediaType),
  annotations: Object.entries(m.annotations ?? {})
    .map(([k, v]) => (k === 'org.opencontainers.image.created' ? k : `${k}=${v}`))
    .sort(),
  subject: m.subject?.digest,
});

/** The in-toto statement inside the bundle blob `blobRef` (repository@digest), via crane. */
async function statementIn(blobRef: string): Promise<unknown> {
  const bundle = JSON.parse((await crane(['blob', '--insecure', blobRef])).stdout) as { dsseEnvelope: { payload: string } };
  return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
}

interface DiscoveredJson {
  via: string;
  referrers: Array<{ digest: string; artifactType: string; annotations?: Record<string, string>; legacyTag?: string }>;
}

let mock: SigstoreMock;

beforeAll(async () => {
  await writeFile(join(work, 'ocikit.key'), pkcs8(p256.privateKey));
  await writeFile(join(work, 'ocikit.pub'), spki(p256.publicKey));
  await writeFile(join(work, 'ed25519.key'), pkcs8(ed25519.privateKey));
  await writeFile(join(work, 'ed25519.pub'), spki(ed25519.publicKey));
  await writeFile(join(work, 'provenance.json'), JSON.stringify({ buildDefinition: { buildType: 'https://example.com/build/v1' }, runDetails: { builder: { id: 'https://example.com/builder' } } }));
  await Promise.all([
    // cosign's own key pair: a password-encrypted private key, a PEM public key.
    runCosign(['generate-key-pair']),
    // ocikit's PEM keys, brought into cosign's format (as a cosign user would).
    runCosign(['import-key-pair', '--key', 'ocikit.key', '--output-key-prefix', 'imported']),
    runCosign(['import-key-pair', '--key', 'ed25519.key', '--output-key-prefix', 'imported-ed25519']),
  ]);
  cosignHint = hintOfPem(await readFile(join(work, 'cosign.pub'), 'utf8'));
  mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
  await writeFile(join(work, 'trusted_root.json'), JSON.stringify(mock.trustedRoot));
}, 60_000);

afterAll(async () => {
  await mock?.close();
});

const REGISTRIES = ['distribution', ...API_REGISTRIES] as const;

describe.each(REGISTRIES)('cosign and ocikit on %s', (kind) => {
  const registry = kind === 'distribution' ? useRegistry() : useApiRegistry(kind);
  const via = kind === 'distribution' ? 'tag' : 'api';
  const ref = (repository: string, selector = ':v1'): string => `${registry.host}/${repository}${selector}`;

  it('ocikit sign --key (no tlog) -> cosign verify --key --insecure-ignore-tlog; another key is refused', async () => {
    const subject = await pushSubject(registry.host, 'ocikit-signs/app');
    await ok(['sign', ref('ocikit-signs/app'), '--key', 'ocikit.key', '--no-tlog', '-a', 'team=core']);

    const [verified, stranger] = await Promise.all([
      runCosign(['verify', '--key', 'ocikit.pub', '--insecure-ignore-tlog', '--allow-http-registry', ref('ocikit-signs/app')]),
      runCosign(['verify', '--key', 'cosign.pub', '--insecure-ignore-tlog', '--allow-http-registry', ref('ocikit-signs/app')], true),
    ]);
    expect(verifiedBy(verified)).toEqual([
      {
        critical: { identity: { 'docker-reference': ref('ocikit-signs/app') }, image: { 'docker-manifest-digest': subject }, type: 'https://sigstore.dev/cosign/sign/v1' },
        optional: { team: 'core' },
      },
    ]);
    expect(verified.stderr).toContain('The signatures were verified against the specified public key');
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toContain('no matching attestations');
  });

  it('ocikit sign --key with an Ed25519 key -> cosign verify', async () => {
    const subject = await pushSubject(registry.host, 'ocikit-signs/ed25519');
    await ok(['sign', ref('ocikit-signs/ed25519'), '--key', 'ed25519.key', '--no-tlog']);
    const verified = await runCosign(['verify', '--key', 'ed25519.pub', '--insecure-ignore-tlog', '--allow-http-registry', ref('ocikit-signs/ed25519')]);
    expect(verifiedBy(verified).map((v) => v.critical.image['docker-manifest-digest'])).toEqual([subject]);
  });

  it('cosign sign --key (the new bundle format, cosign 3\'s default) -> ocikit discover and ocikit verify', async () => {
    const subject = await pushSubject(registry.host, 'cosign-signs/app');
    await runCosign(['sign', '--key', 'cosign.key', '--use-signing-config=false', '--tlog-upload=false', '--allow-http-registry', '-y', '-a', 'build=42', ref('cosign-signs/app', `@${subject}`)]);

    const graph = JSON.parse(await ok(['discover', ref('cosign-signs/app'), '--json'])) as DiscoveredJson;
    expect(graph.via).toBe(via);
    expect(graph.referrers.map((r) => r.artifactType)).toEqual([BUNDLE]);
    const signature = graph.referrers[0]!.digest;

    const [verified, unlogged, refused] = await Promise.all([
      ok(['verify', ref('cosign-signs/app'), '--key', 'cosign.pub', IGNORE_TLOG]),
      ocikit(['verify', ref('cosign-signs/app'), '--key', 'cosign.pub'], { cwd: work }),
      ocikit(['verify', ref('cosign-signs/app'), '--key', 'ocikit.pub', IGNORE_TLOG], { cwd: work }),
    ]);
    expect(verified.split('\n')[1]).toBe(`  verified  ${ref('cosign-signs/app', '')}@${signature}: signed by key ${cosignHint}; ${IGNORED}; claims build=42`);
    // --tlog-upload=false made it: as cosign would, ocikit wants the opt-in for that.
    expect(unlogged.code).toBe(1);
    expect(unlogged.stdout).toContain(
      `refused   ${ref('cosign-signs/app', '')}@${signature}: signature verification failed (transparency-log): the bundle has no transparency log (Rekor) entry: ` +
        're-sign with the transparency log (and verify with --trusted-root), or pass --insecure-ignore-tlog if you accept signatures with no log entry\n',
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`refused   ${ref('cosign-signs/app', '')}@${signature}: signature verification failed (key): the bundle was signed by another key (hint ${cosignHint})`);

    // What the README says ocikit copies from cosign, judged against cosign's own: the
    // same referrer manifest and the same statement, but for the layer's title.
    const ours = digestIn(await ok(['sign', ref('cosign-signs/app'), '--key', 'ocikit.key', '--no-tlog', '-a', 'build=42']));
    // And cosign, given a trusted root but not the opt-in, refuses ocikit's unlogged signature as ocikit refuses its.
    const byCosign = await runCosign(['verify', '--key', 'ocikit.pub', '--trusted-root', 'trusted_root.json', '--allow-http-registry', ref('cosign-signs/app', `@${subject}`)], true);
    expect(byCosign.code).not.toBe(0);
    expect(byCosign.stderr).toContain('not enough verified log entries from transparency log: 0 < 1');
    const [theirs, mine] = await Promise.all([signature, ours].map(async (digest) => JSON.parse(await ok(['manifest', 'get', ref('cosign-signs/app', `@${digest}`)])) as BundleManifest));
    expect(shapeOf(mine!)).toEqual(shapeOf(theirs!));
    expect(shapeOf(theirs!)).toEqual({
      artifactType: BUNDLE,
      config: 'application/vnd.oci.empty.v1+json',
      layers: [BUNDLE],
      annotations: ['dev.sigstore.bundle.content=dsse-envelope', 'dev.sigstore.bundle.predicateType=https://sigstore.dev/cosign/sign/v1', 'org.opencontainers.image.created'],
      subject,
    });
    // cosign 3.1.3 gives the bundle layer no title; ocikit names it as it is pulled (`ocikit pull`, `oras pull`).
    expect(theirs!.layers[0]!.annotations).toBeUndefined();
    expect(mine!.layers[0]!.annotations).toEqual({ 'org.opencontainers.image.title': `sha256-${mine!.layers[0]!.digest.slice(7)}.sigstore.json` });
    const [theirStatement, myStatement] = await Promise.all([theirs!, mine!].map((m) => statementIn(ref('cosign-signs/app', `@${m.layers[0]!.digest}`))));
    // The same statement in meaning (cosign's protojson spaces it, and writes "annotations":{} when there are none).
    expect(myStatement).toEqual(theirStatement);
    expect(theirStatement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: subject.slice(7) }, annotations: { build: '42' } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    });
  });

  it('cosign sign --new-bundle-format=false (the legacy .sig tag) -> ocikit discover and ocikit verify', async () => {
    const subject = await pushSubject(registry.host, 'cosign-signs/legacy');
    await runCosign([
      'sign', '--key', 'cosign.key', '--use-signing-config=false', '--tlog-upload=false', '--new-bundle-format=false', '--allow-http-registry', '-y', '-a', 'build=43',
      ref('cosign-signs/legacy', `@${subject}`),
    ]);
    const tag = `sha256-${subject.slice(7)}.sig`;

    const graph = JSON.parse(await ok(['discover', ref('cosign-signs/legacy'), '--json'])) as DiscoveredJson;
    expect(graph.referrers.map((r) => ({ artifactType: r.artifactType, legacyTag: r.legacyTag }))).toEqual([
      { artifactType: 'application/vnd.dev.cosign.simplesigning.v1+json', legacyTag: tag },
    ]);
    const signature = graph.referrers[0]!.digest;

    const [verified, stranger] = await Promise.all([
      ocikit(['verify', ref('cosign-signs/legacy'), '--key', 'cosign.pub', IGNORE_TLOG, '--json'], { cwd: work }),
      ocikit(['verify', ref('cosign-signs/legacy'), '--key', 'ocikit.pub', IGNORE_TLOG], { cwd: work }),
    ]);
    expect(verified.code).toBe(0);
    const json = JSON.parse(verified.stdout) as { verified: boolean; referrers: unknown[] };
    expect(json.verified).toBe(true);
    expect(json.referrers).toEqual([
      expect.objectContaining({
        reference: ref('cosign-signs/legacy', `@${signature}`),
        digest: signature,
        outcome: 'verified',
        legacyTag: tag,
        signer: { kind: 'key', hint: cosignHint },
        predicateType: 'https://sigstore.dev/cosign/sign/v1',
        claims: { build: '43' },
        transparencyLogEntries: 0,
        transparencyLogIgnored: true,
      }),
    ]);

    // Another key is refused; so is this signature put under another image's tag.
    expect(stranger.code).toBe(1);
    expect(stranger.stdout).toContain(`refused   ${ref('cosign-signs/legacy', '')}@${signature}: signature verification failed (signature)`);
    const victim = await pushSubject(registry.host, 'cosign-signs/legacy', 'victim');
    await crane(['tag', '--insecure', ref('cosign-signs/legacy', `@${signature}`), `sha256-${victim.slice(7)}.sig`]);
    const moved = await ocikit(['verify', ref('cosign-signs/legacy', ':victim'), '--key', 'cosign.pub', IGNORE_TLOG], { cwd: work });
    expect(moved.code).toBe(1);
    expect(moved.stdout.split('\n').slice(1)).toEqual([
      `  refused   ${ref('cosign-signs/legacy', '')}@${signature}: signature verification failed (subject): the payload is about ${subject}, not ${victim}  [cosign tag sha256-${victim.slice(7)}.sig]`,
      `0 of 1 signatures verified (listed by ${via === 'api' ? 'the referrers API' : 'the sha256-<hex> tag schema'} and cosign's .sig tag)`,
      '',
    ]);

    // What ocikit does not check of the legacy format it says, rather than passing it: unlogged, it wants the opt-in, trusted root or not.
    const [withRoot, optedIn, byIdentity] = await Promise.all([
      ocikit(['verify', ref('cosign-signs/legacy'), '--key', 'cosign.pub', '--trusted-root', 'trusted_root.json'], { cwd: work }),
      ocikit(['verify', ref('cosign-signs/legacy'), '--key', 'cosign.pub', '--trusted-root', 'trusted_root.json', IGNORE_TLOG], { cwd: work }),
      ocikit(['verify', ref('cosign-signs/legacy'), '--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER, '--trusted-root', 'trusted_root.json'], { cwd: work }),
    ]);
    expect(withRoot.code).toBe(1);
    expect(withRoot.stdout).toContain(
      `: signature verification failed (transparency-log): the ${tag} signature has no transparency log (Rekor) entry: sign again in the bundle format (cosign 3's default, \`ocikit sign\`) ` +
        `with the transparency log, or pass --insecure-ignore-tlog if you accept signatures with no log entry  [cosign tag ${tag}]\n`,
    );
    expect(optedIn.code).toBe(0);
    expect(byIdentity.code).toBe(1);
    expect(byIdentity.stdout).toContain(`: signature verification failed (key): cosign's legacy ${tag} signatures are verified by ocikit with a public key only, not by identity  [cosign tag ${tag}]\n`);
  });

  it('ocikit attest -> cosign verify-attestation --type; another type is not matched', async () => {
    const subject = await pushSubject(registry.host, 'ocikit-attests/app');
    await ok(['attest', ref('ocikit-attests/app'), '--predicate', 'provenance.json', '--type', SLSA, '--key', 'ocikit.key', '--no-tlog']);

    const verifyAs = (type: string) =>
      runCosign(['verify-attestation', '--key', 'ocikit.pub', '--insecure-ignore-tlog', '--allow-http-registry', '--type', type, ref('ocikit-attests/app')], true);
    const [verified, alias, other] = await Promise.all([verifyAs(SLSA), verifyAs('slsaprovenance1'), verifyAs('spdxjson')]);
    expect(attestationsIn(verified)).toEqual([
      {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: `${registry.host}/ocikit-attests/app`, digest: { sha256: subject.slice(7) } }],
        predicateType: SLSA,
        predicate: JSON.parse(await readFile(join(work, 'provenance.json'), 'utf8')),
      },
    ]);
    // cosign's alias names the same type.
    expect(attestationsIn(alias)).toHaveLength(1);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain(`none of the attestations matched the predicate type: spdxjson, found: ${SLSA}`);
  });

  it('cosign attest (new bundle format and the legacy .att tag) -> ocikit discover and ocikit verify --type', async () => {
    const subject = await pushSubject(registry.host, 'cosign-attests/app');
    const attest = ['attest', '--key', 'cosign.key', '--use-signing-config=false', '--tlog-upload=false', '--allow-http-registry', '-y', '--type', 'slsaprovenance1', '--predicate', 'provenance.json'];
    // The bundle goes to the referrers (API or sha256-<hex> index), the legacy one to the .att tag: side by side.
    await Promise.all([runCosign([...attest, ref('cosign-attests/app', `@${subject}`)]), runCosign([...attest, '--new-bundle-format=false', ref('cosign-attests/app', `@${subject}`)])]);
    const tag = `sha256-${subject.slice(7)}.att`;

    const graph = JSON.parse(await ok(['discover', ref('cosign-attests/app'), '--json'])) as DiscoveredJson;
    const byType = Object.fromEntries(graph.referrers.map((r) => [r.artifactType, r]));
    expect(Object.keys(byType).sort()).toEqual([BUNDLE, 'application/vnd.dsse.envelope.v1+json']);
    expect(byType['application/vnd.dsse.envelope.v1+json']!.legacyTag).toBe(tag);

    const [verified, asSignature] = await Promise.all([
      ocikit(['verify', ref('cosign-attests/app'), '--key', 'cosign.pub', IGNORE_TLOG, '--type', SLSA, '--json'], { cwd: work }),
      ocikit(['verify', ref('cosign-attests/app'), '--key', 'cosign.pub'], { cwd: work }),
    ]);
    expect(verified.code).toBe(0);
    const json = JSON.parse(verified.stdout) as { referrers: Array<{ digest: string; outcome: string; legacyTag?: string; predicateType?: string }> };
    expect(json.referrers.map((r) => ({ digest: r.digest, outcome: r.outcome, legacyTag: r.legacyTag, predicateType: r.predicateType })).sort((a, b) => a.digest.localeCompare(b.digest))).toEqual(
      [
        { digest: byType[BUNDLE]!.digest, outcome: 'verified', legacyTag: undefined, predicateType: SLSA },
        { digest: byType['application/vnd.dsse.envelope.v1+json']!.digest, outcome: 'verified', legacyTag: tag, predicateType: SLSA },
      ].sort((a, b) => a.digest.localeCompare(b.digest)),
    );
    // Attestations are not image signatures.
    expect(asSignature.code).toBe(1);
    expect(asSignature.stdout).toContain('0 of 0 signatures verified');
  });

  it('ocikit sign and attest --keyless (the mock Sigstore) -> cosign verify and verify-attestation with --trusted-root', async () => {
    const subject = await pushSubject(registry.host, 'ocikit-keyless/app');
    const github = { ...NO_OIDC, GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken };
    const services = ['--keyless', '--fulcio-url', mock.url, '--rekor-url', mock.url, '--tsa-url', mock.url];
    await ok(['sign', ref('ocikit-keyless/app'), ...services], github);
    const keyless = ['--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER, '--trusted-root', 'trusted_root.json', '--allow-http-registry'];
    const [verified, fork] = await Promise.all([
      runCosign(['verify', ...keyless, ref('ocikit-keyless/app')]),
      runCosign(['verify', '--certificate-identity', 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main', ...keyless.slice(2), ref('ocikit-keyless/app')], true),
    ]);
    expect(verifiedBy(verified).map((v) => [v.critical.type, v.critical.image['docker-manifest-digest']])).toEqual([['https://sigstore.dev/cosign/sign/v1', subject]]);
    expect(verified.stderr).toContain('The code-signing certificate was verified using trusted certificate authority certificates');
    expect(fork.code).not.toBe(0);
    expect(fork.stderr).toContain('no matching attestations');

    await ok(['attest', ref('ocikit-keyless/app'), '--predicate', 'provenance.json', '--type', SLSA, ...services], github);
    const attested = await runCosign(['verify-attestation', ...keyless, '--type', SLSA, ref('ocikit-keyless/app')]);
    expect(attestationsIn(attested).map((s) => [s.predicateType, s.subject[0]!.digest.sha256])).toEqual([[SLSA, subject.slice(7)]]);
  });
});

describe('keys and behaviours across the two tools', () => {
  const registry = useRegistry();

  it('a PEM key ocikit signs with, imported into cosign (cosign import-key-pair): cosign signs, ocikit verifies with the same public key', async () => {
    expect(await readFile(join(work, 'imported.pub'), 'utf8')).toBe(spki(p256.publicKey));
    const subject = await pushSubject(registry.host, 'keys/imported');
    await runCosign(['sign', '--key', 'imported.key', '--use-signing-config=false', '--tlog-upload=false', '--allow-http-registry', '-y', `${registry.host}/keys/imported@${subject}`]);
    const verified = await ok(['verify', `${registry.host}/keys/imported:v1`, '--key', 'ocikit.pub', IGNORE_TLOG]);
    expect(verified).toContain(`signed by key ${OCIKIT_HINT}; ${IGNORED}\n1 of 1 signatures verified`);
  });

  it('cosign\'s password-encrypted key is refused by name: ocikit reads unencrypted PEM (cosign.pub verifies, above)', async () => {
    await pushSubject(registry.host, 'keys/encrypted');
    const refused = await ocikit(['sign', `${registry.host}/keys/encrypted:v1`, '--key', 'cosign.key', '--no-tlog'], { cwd: work });
    expect({ code: refused.code, first: refused.stderr.split('\n')[0] }).toEqual({
      code: 2,
      first: 'error: the signing key file cosign.key is a password-encrypted cosign key; ocikit reads unencrypted PKCS#8 or SEC1 PEM keys',
    });
  });

  // Surprise: cosign signs with an Ed25519 key as Ed25519ph (cosign pkg/cosign/keys.go,
  // GetDefaultLoadOptions: "Cosign uses ED25519ph by default for ED25519 keys"), but
  // `cosign verify --key` checks an Ed25519 public key as PureEd25519, so cosign refuses
  // its own signature, and ocikit (PureEd25519, as DSSE and sigstore-go mean it) does
  // too. ocikit's Ed25519 signatures, which are pure, cosign verifies (above).
  it('cosign signing with an Ed25519 key: neither cosign nor ocikit verifies the signature (Ed25519ph)', async () => {
    const subject = await pushSubject(registry.host, 'keys/ed25519');
    const image = `${registry.host}/keys/ed25519`;
    await runCosign(['sign', '--key', 'imported-ed25519.key', '--use-signing-config=false', '--tlog-upload=false', '--allow-http-registry', '-y', `${image}@${subject}`]);
    const byCosign = await runCosign(['verify', '--key', 'ed25519.pub', '--insecure-ignore-tlog', '--allow-http-registry', `${image}:v1`], true);
    expect(byCosign.code).not.toBe(0);
    expect(byCosign.stderr).toContain('accepted signatures do not match threshold, Found: 0, Expected 1');
    const byOcikit = await ocikit(['verify', `${image}:v1`, '--key', 'ed25519.pub'], { cwd: work });
    expect(byOcikit.code).toBe(1);
    expect(byOcikit.stdout).toContain(': signature verification failed (signature): the signature does not match the signed content');
  });

  // Surprise: `cosign verify` (cosign 3, new bundle format) takes every Sigstore bundle
  // referrer it can verify, attestations included (pkg/cosign/verify.go,
  // VerifyImageAttestations, with no predicate-type filter): an image that carries only
  // an SLSA attestation "verifies" as signed. ocikit verify counts image signatures only.
  it('an image with only an attestation: cosign verify passes, ocikit verify does not count it as signed', async () => {
    const subject = await pushSubject(registry.host, 'behaviour/attested-only');
    const image = `${registry.host}/behaviour/attested-only:v1`;
    await ok(['attest', image, '--predicate', 'provenance.json', '--type', SLSA, '--key', 'ocikit.key', '--no-tlog']);
    const [byCosign, byOcikit] = await Promise.all([
      runCosign(['verify', '--key', 'ocikit.pub', '--insecure-ignore-tlog', '--allow-http-registry', image]),
      ocikit(['verify', image, '--key', 'ocikit.pub'], { cwd: work }),
    ]);
    expect(verifiedBy(byCosign).map((v) => [v.critical.type, v.critical.image['docker-manifest-digest']])).toEqual([[SLSA, subject]]);
    expect(byOcikit.code).toBe(1);
    expect(byOcikit.stdout).toContain(`: a "${SLSA}" attestation, not an image signature\n0 of 0 signatures verified`);
  });
});
