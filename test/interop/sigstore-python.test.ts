// sigstore-python 4.5.1 verifies the keyless bundles ocikit attaches, offline,
// against a trust config made of the mock Sigstore's trusted root: `sigstore
// --trust-config <ClientTrustConfig> verify identity sha256:<subject> --bundle
// <bundle> --offline --cert-identity … --cert-oidc-issuer …`. ocikit's bundles are
// DSSE envelopes of in-toto statements whose subject is the manifest digest, which
// is what sigstore-python's digest form checks. What it cannot verify is pinned
// below with its own words.
//
// The mock Rekor differs from the real one in one way that matters to
// sigstore-python alone, and the test corrects it on the wire: real Rekor stores a
// dsse entry's verifier (the signing certificate) in canonical PEM, 64-column lines
// (rekor pkg/pki/x509 CanonicalValue), and sigstore-python compares the entry with
// the bundle byte for byte ("log entry signatures do not match bundle"); the mock
// keeps the client's one-line PEM. A loopback proxy in front of the mock's Rekor
// re-encodes the proposed verifier as Rekor would (sigstore-js sends it, ocikit's
// bundle is otherwise untouched). test/harness/sigstore-mock.ts's asRekorStoresIt
// could do this for every test.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ocikit } from '../harness/ocikit-cli.js';
import { sigstorePython } from '../harness/peer-tools.js';
import type { RunResult } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const work = makeTempDir('ocikit-sigstore-python-');
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const SLSA = 'https://slsa.dev/provenance/v1';
const NO_OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '', SIGSTORE_ID_TOKEN: '', BUILDKITE: '' };

let mock: SigstoreMock;
let rekor: Server;
let rekorUrl: string;

/** Forwards to the mock; a proposed dsse entry's verifiers are re-encoded as Rekor canonicalizes them. */
function startCanonicalRekor(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/api/v1/log/entries') {
        const entry = JSON.parse(body) as { kind?: string; spec?: { proposedContent?: { verifiers: string[] } } };
        const proposed = entry.kind === 'dsse' ? entry.spec?.proposedContent : undefined;
        if (proposed) proposed.verifiers = proposed.verifiers.map((v) => Buffer.from(new X509Certificate(Buffer.from(v, 'base64')).toString()).toString('base64'));
        body = JSON.stringify(entry);
      }
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, ...(req.method === 'POST' ? { body } : {}) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The ClientTrustConfig sigstore-python takes with --trust-config: the mock's trusted root, and a signing config naming it. */
function clientTrustConfig(): Record<string, unknown> {
  const service = { url: mock.url, majorApiVersion: 1, validFor: { start: new Date(Date.now() - 3_600_000).toISOString() }, operator: 'sigstore-mock' };
  return {
    mediaType: 'application/vnd.dev.sigstore.clienttrustconfig.v0.1+json',
    trustedRoot: mock.trustedRoot,
    signingConfig: {
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      caUrls: [service],
      oidcUrls: [],
      rekorTlogUrls: [service],
      tsaUrls: [service],
      rekorTlogConfig: { selector: 'ANY' },
      tsaConfig: { selector: 'ANY' },
    },
  };
}

function verifyIdentity(digest: string, bundle: string, identity = IDENTITY): Promise<RunResult> {
  // COLUMNS: its errors are printed by rich, wrapped to the terminal's width.
  return sigstorePython(
    ['--trust-config', 'trust-config.json', 'verify', 'identity', digest, '--bundle', bundle, '--offline', '--cert-identity', identity, '--cert-oidc-issuer', ISSUER],
    { cwd: work, env: { COLUMNS: '1000', HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' }, allowFailure: true },
  );
}

async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await ocikit(args, { cwd: work, env });
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const digestIn = (text: string): string => /Digest: (sha256:[0-9a-f]{64})/.exec(text)![1]!;

/** The bundle ocikit attached as referrer `digest`, as `ocikit pull` writes it; its path. */
async function pullBundle(repository: string, digest: string): Promise<string> {
  const dir = makeTempDir();
  await ok(['pull', `${registry.host}/${repository}@${digest}`, '-o', dir]);
  const [name] = await readdir(dir);
  return join(dir, name!);
}

/**
 * The same protobuf message with its zero values spelled out: the mock logs every
 * entry as the only one of its tree, so the inclusion proof's logIndex is 0 and its
 * hashes empty, which protobuf JSON (sigstore-js's and cosign's) leaves out.
 */
async function withProofDefaults(path: string): Promise<string> {
  const bundle = JSON.parse(await readFile(path, 'utf8')) as { verificationMaterial: { tlogEntries: Array<{ inclusionProof: Record<string, unknown> }> } };
  for (const entry of bundle.verificationMaterial.tlogEntries) entry.inclusionProof = { logIndex: '0', hashes: [], ...entry.inclusionProof };
  const out = `${path}.defaults.json`;
  await writeFile(out, JSON.stringify(bundle));
  return out;
}

let subject: string;
let attestation: string;
let signature: string;

beforeAll(async () => {
  mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
  rekor = await startCanonicalRekor(mock.url);
  rekorUrl = `http://127.0.0.1:${(rekor.address() as AddressInfo).port}`;
  await writeFile(join(work, 'trust-config.json'), JSON.stringify(clientTrustConfig()));
  await writeFile(join(work, 'app.txt'), `the app ${Math.random()}\n`);
  await writeFile(join(work, 'provenance.json'), JSON.stringify({ buildDefinition: { buildType: 'https://example.com/build/v1' } }));

  const ref = `${registry.host}/sigstore-python/app:v1`;
  subject = digestIn(await ok(['push', ref, 'app.txt']));
  const github = { ...NO_OIDC, GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken };
  const services = ['--keyless', '--fulcio-url', mock.url, '--rekor-url', rekorUrl, '--tsa-url', mock.url];
  attestation = digestIn(await ok(['attest', ref, '--predicate', 'provenance.json', '--type', SLSA, ...services], github));
  signature = digestIn(await ok(['sign', ref, ...services], github));
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => {
    if (!rekor) return resolve();
    rekor.close(() => resolve());
    rekor.closeAllConnections();
  });
  await mock?.close();
});

describe('sigstore-python verifies ocikit\'s keyless bundles', () => {
  it('an attestation (ocikit attest --keyless): verified by identity and issuer against the subject digest', async () => {
    const bundle = await withProofDefaults(await pullBundle('sigstore-python/app', attestation));
    const verified = await verifyIdentity(subject, bundle);
    expect({ code: verified.code, stderr: verified.stderr.trim() }).toEqual({ code: 0, stderr: `OK: SHA2_256:${subject.slice(7)}` });
    // On success it prints the statement it verified.
    expect(JSON.parse(verified.stdout)).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: `${registry.host}/sigstore-python/app`, digest: { sha256: subject.slice(7) } }],
      predicateType: SLSA,
      predicate: { buildDefinition: { buildType: 'https://example.com/build/v1' } },
    });
  });

  it('refuses the attestation for another digest, and for another identity', async () => {
    const bundle = await withProofDefaults(await pullBundle('sigstore-python/app', attestation));
    const otherDigest = `sha256:${'0'.repeat(64)}`;
    const [wrongSubject, wrongIdentity] = await Promise.all([
      verifyIdentity(otherDigest, bundle),
      verifyIdentity(subject, bundle, 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main'),
    ]);
    expect(wrongSubject.code).toBe(1);
    expect(wrongSubject.stderr).toContain(`in-toto statement has no subject for digest ${'0'.repeat(64)}`);
    expect(wrongIdentity.code).toBe(1);
    expect(wrongIdentity.stderr).toContain(`Certificate's SANs do not match https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main; actual SANs: {'${IDENTITY}'}`);
  });

  // Surprise: sigstore-python's in-toto model (sigstore/dsse `_Subject`, `name:
  // Optional[StrictStr]` with no default, so pydantic requires the key) refuses a
  // statement whose subject has no `name`. The in-toto v1 spec makes `name` optional,
  // and cosign 3's image signature statement has none (cosign sign.go
  // signDigestBundle), nor has ocikit's, which follows it. So sigstore-python
  // verifies no cosign-format image signature; it verifies attestations, whose
  // subject ocikit names (the repository, as cosign attest does).
  it('an image signature (ocikit sign --keyless, cosign\'s statement, no subject name): sigstore-python refuses it', async () => {
    const bundle = await withProofDefaults(await pullBundle('sigstore-python/app', signature));
    const refused = await verifyIdentity(subject, bundle);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('malformed in-toto statement: 1 validation error for _Statement');
    expect(refused.stderr).toContain('subject.0.name');
    expect(refused.stderr).toContain('Field required');
  });

  // Surprise: sigstore-python reads a bundle with a strict model that requires the
  // inclusion proof's logIndex and hashes, which protobuf JSON omits when they are
  // zero and empty (a proof of the first entry of a one-entry tree, as the mock's
  // always is). The bundle as ocikit attached it is refused before any check; the
  // same message with the defaults written out verifies (above).
  it('the bundle as attached, with the mock\'s zero-valued proof fields left out as protobuf JSON does: refused as malformed', async () => {
    const refused = await verifyIdentity(subject, await pullBundle('sigstore-python/app', attestation));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The provided bundle is malformed and may have been modified maliciously.');
    expect(refused.stderr).toContain('verificationMaterial.tlogEntries.0.inclusionProof.logIndex');
    expect(refused.stderr).toContain('verificationMaterial.tlogEntries.0.inclusionProof.hashes');
  });
});
