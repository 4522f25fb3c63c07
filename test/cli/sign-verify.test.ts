// ocikit sign, attest, verify and attach --sign through the built binary, against
// the real registry (no referrers API: the sha256-<hex> tag schema) and an OCI
// layout.
//
// Keyless signing cannot reach the public-good Fulcio and Rekor from here: the
// keyless tests run the CLI against the Sigstore project's own mock services
// (@sigstore/mock) served on loopback by test/harness/sigstore-mock.ts, with a
// fake GitHub Actions OIDC endpoint on the same server standing in for the
// runner's (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN, what `id-token: write` gives).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ocikit } from '../harness/ocikit-cli.js';
import { sarif, spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const other = useRegistry();
const work = makeTempDir('ocikit-cli-sign-');

const pkcs8 = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const hintOf = (key: KeyObject): string => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64');

const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('ed25519');
const HINT = hintOf(signing.publicKey);
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** The signatures here are made with --no-tlog (no Rekor offline): verify accepts them only when told to. */
const NO_TLOG = '--insecure-ignore-tlog';
const IGNORED = 'no transparency log entry verified (accepted with --insecure-ignore-tlog)';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return ocikit(args, { cwd: work, env });
}

async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await cli(args, env);
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const digestIn = (text: string): string => /Digest: (sha256:[0-9a-f]{64})/.exec(text)![1]!;
const signatureIn = (text: string): string => /Signature: \S+@(sha256:[0-9a-f]{64})/.exec(text)![1]!;

let serial = 0;
/** A fresh artifact under `reference`; returns its digest. */
async function pushApp(reference: string): Promise<string> {
  const name = `app-${serial++}.bin`;
  await writeFile(join(work, name), `the app ${serial} ${Math.random()}\n`);
  return digestIn(await ok(['push', reference, name]));
}

beforeAll(async () => {
  await writeFile(join(work, 'cosign.key'), pkcs8(signing.privateKey));
  await writeFile(join(work, 'cosign.pub'), spki(signing.publicKey));
  await writeFile(join(work, 'stranger.key'), pkcs8(stranger.privateKey));
  await writeFile(join(work, 'rsa.key'), pkcs8(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey));
  await writeJson(work, 'sbom.spdx.json', spdx());
  await writeJson(work, 'scan.sarif', sarif());
});

describe('the signed chain on the registry, one command per link', () => {
  const ref = (selector = ':v1'): string => `${registry.host}/cli-sign/app${selector}`;
  let app: string;
  let signature: string;
  let sbom: string;
  let sbomSignature: string;
  let report: string;
  let reportSignature: string;

  beforeAll(async () => {
    app = await pushApp(ref());
    const signed = await ok(['sign', ref(), '--key', 'cosign.key', '--no-tlog', '-a', 'team=core']);
    signature = digestIn(signed);
    const lines = signed.split('\n');
    expect(lines[4]).toMatch(new RegExp(`^Listed in the referrers index ${registry.host}/cli-sign/app:sha256-${app.slice(7)}@sha256:[0-9a-f]{64} \\(the registry has no referrers API\\)$`));
    expect(lines.filter((_, i) => i !== 4)).toEqual([
      `Signed ${ref()}@${app}`,
      `Signature: ${ref('')}@${signature}`,
      `Signer: key ${HINT}`,
      'Evidence: no transparency log entry',
      `Digest: ${signature}`,
      '',
    ]);
    const attachedSbom = await ok(['attach', ref(), 'sbom.spdx.json', '--sign', '--key', 'cosign.key', '--no-tlog']);
    sbom = digestIn(attachedSbom);
    sbomSignature = signatureIn(attachedSbom);
    expect(attachedSbom).toContain(`\nSignature: ${ref('')}@${sbomSignature} by key ${HINT}; no transparency log entry\n`);
    const attachedReport = await ok(['attach', ref(), 'scan.sarif', '--sign', '--key', 'cosign.key', '--no-tlog']);
    report = digestIn(attachedReport);
    reportSignature = signatureIn(attachedReport);
  }, 60_000);

  it('lists the verbs, with their signing and verifying options', async () => {
    const help = await ok(['--help']);
    expect(help).toContain('sign [options] <reference...>');
    expect(help).toContain('attest [options] <reference...>');
    expect(help).toContain('verify [options] <reference>');
    const signHelp = await ok(['sign', '--help']);
    for (const flag of ['--key <path|env://NAME>', '--keyless', '--fulcio-url <url>', '--rekor-url <url>', '--tsa-url <url>', '--no-tlog', '--referrers-mode <mode>']) {
      expect(signHelp).toContain(flag);
    }
    expect(await ok(['attach', '--help'])).toContain('--sign');
    const verifyHelp = await ok(['verify', '--help']);
    for (const flag of ['--key <path|env://NAME>', '--certificate-identity <identity>', '--certificate-oidc-issuer <url>', '--trusted-root <file>', '--insecure-ignore-tlog', '--type <predicateType>']) {
      expect(verifyHelp).toContain(flag);
    }
  });

  it('verifies each link: the app, the SBOM and the report, each against its own digest', async () => {
    const verified = await cli(['verify', ref(), '--key', 'cosign.pub', NO_TLOG]);
    expect(verified).toEqual({
      code: 0,
      stdout:
        `Subject: ${ref()}@${app}\n` +
        `  verified  ${ref('')}@${signature}: signed by key ${HINT}; ${IGNORED}; claims team=core\n` +
        '1 of 1 signatures verified (listed by the sha256-<hex> tag schema)\n',
      stderr: '',
    });
    for (const [subject, sig] of [[sbom, sbomSignature], [report, reportSignature]] as const) {
      const out = await ok(['verify', ref(`@${subject}`), '--key', 'cosign.pub', NO_TLOG, '--json']);
      expect(JSON.parse(out)).toEqual({
        subject: { reference: ref(`@${subject}`), mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject, size: expect.any(Number) },
        predicateType: 'https://sigstore.dev/cosign/sign/v1',
        via: 'tag',
        verified: true,
        referrers: [
          {
            reference: ref(`@${sig}`),
            digest: sig,
            outcome: 'verified',
            signer: { kind: 'key', hint: HINT },
            predicateType: 'https://sigstore.dev/cosign/sign/v1',
            transparencyLogEntries: 0,
            signedTimestamps: 0,
            transparencyLogIgnored: true,
          },
        ],
      });
    }
  });

  it('discover shows the whole chain', async () => {
    const graph = JSON.parse(await ok(['discover', ref(), '--json'])) as { referrers: Array<{ digest: string; artifactType: string; referrers: Array<{ digest: string; artifactType: string }> }> };
    const shape = graph.referrers
      .map((r) => ({ digest: r.digest, artifactType: r.artifactType, referrers: r.referrers.map((c) => ({ digest: c.digest, artifactType: c.artifactType })) }))
      .sort((a, b) => a.digest.localeCompare(b.digest));
    expect(shape).toEqual(
      [
        { digest: signature, artifactType: BUNDLE, referrers: [] },
        { digest: sbom, artifactType: 'application/spdx+json', referrers: [{ digest: sbomSignature, artifactType: BUNDLE }] },
        { digest: report, artifactType: 'application/sarif+json', referrers: [{ digest: reportSignature, artifactType: BUNDLE }] },
      ].sort((a, b) => a.digest.localeCompare(b.digest)),
    );
  });

  it('copies with --referrers to another registry, and verifies there', async () => {
    const mirror = `${other.host}/mirror/app`;
    await ok(['copy', ref(), `${mirror}:v1`, '--referrers']);
    const there = await cli(['verify', `${mirror}:v1`, '--key', 'cosign.pub', NO_TLOG]);
    expect(there.code).toBe(0);
    expect(there.stdout).toContain(`  verified  ${mirror}@${signature}: signed by key ${HINT}`);
    expect((await cli(['verify', `${mirror}@${sbom}`, '--key', 'cosign.pub', NO_TLOG])).stdout).toContain(`  verified  ${mirror}@${sbomSignature}`);
  });

  it('refuses another key, exits 1, and says which referrer failed and why', async () => {
    await writeFile(join(work, 'stranger.pub'), spki(stranger.publicKey));
    const refused = await cli(['verify', ref(), '--key', 'stranger.pub']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(
      `Subject: ${ref()}@${app}\n` +
        `  refused   ${ref('')}@${signature}: signature verification failed (key): the bundle was signed by another key (hint ${HINT}), not by the given public key (hint ${hintOf(stranger.publicKey)})\n` +
        '0 of 1 signatures verified (listed by the sha256-<hex> tag schema)\n',
    );
    expect(refused.stderr).toBe(`error: no signature of ${ref()}@${app} verified: ${signature} refused (key)\n`);
  });
});

describe('refusals through the CLI', () => {
  const ref = (tag: string): string => `${registry.host}/cli-sign/refusals:${tag}`;

  it('a signature copied from another image (subject) and a tampered bundle (signature): exit 1, each named', async () => {
    const signed = await pushApp(ref('signed'));
    const signature = digestIn(await ok(['sign', ref('signed'), '--key', 'cosign.key', '--no-tlog']));
    // The bundle as a user would lift it: pulled from the signature referrer.
    const dir = makeTempDir();
    await ok(['pull', `${registry.host}/cli-sign/refusals@${signature}`, '-o', dir]);
    const [name] = await readdir(dir);
    const bundleText = await readFile(join(dir, name!), 'utf8');
    expect(name).toBe(`sha256-${createHash('sha256').update(bundleText).digest('hex')}.sigstore.json`);

    const victim = await pushApp(ref('victim'));
    await writeFile(join(work, 'copied.sigstore.json'), bundleText);
    const copied = digestIn(await ok(['attach', ref('victim'), 'copied.sigstore.json']));
    const bundle = JSON.parse(bundleText) as { dsseEnvelope: { payload: string } };
    bundle.dsseEnvelope.payload = Buffer.from(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${victim.slice(7)}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    ).toString('base64');
    await writeJson(work, 'tampered.sigstore.json', bundle);
    const tampered = digestIn(await ok(['attach', ref('victim'), 'tampered.sigstore.json']));

    const result = await cli(['verify', ref('victim'), '--key', 'cosign.pub', NO_TLOG, '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { verified: boolean; referrers: Array<Record<string, unknown>> };
    expect(json.verified).toBe(false);
    const byDigest = Object.fromEntries(json.referrers.map((r) => [r.digest, { outcome: r.outcome, check: r.check, message: r.message }]));
    expect(byDigest).toEqual({
      [copied]: {
        outcome: 'refused',
        check: 'subject',
        message: `signature verification failed (subject): the statement is about sha256:${signed.slice(7)}, not ${victim}`,
      },
      [tampered]: {
        outcome: 'refused',
        check: 'signature',
        message: 'signature verification failed (signature): the signature does not match the signed content: the bundle was changed after signing, or signed by another key',
      },
    });
    expect(result.stderr).toMatch(/^error: no signature of \S+ verified: sha256:[0-9a-f]{64} refused \((subject|signature)\), sha256:[0-9a-f]{64} refused \((subject|signature)\)\n$/);
  });

  it('an unsigned image: exit 1, and what to do', async () => {
    const digest = await pushApp(ref('unsigned'));
    const result = await cli(['verify', ref('unsigned'), '--key', 'cosign.pub']);
    expect(result).toEqual({
      code: 1,
      stdout: `Subject: ${ref('unsigned')}@${digest}\n0 of 0 signatures verified (listed by the sha256-<hex> tag schema)\n`,
      stderr: `error: ${ref('unsigned')}@${digest} has no signature to verify\n  hint: sign it with \`ocikit sign\`; \`ocikit discover\` shows what is attached\n`,
    });
  });

  it('a signature made with --no-tlog is refused (transparency-log) unless --insecure-ignore-tlog: exit 1, what failed and what to try', async () => {
    const digest = await pushApp(ref('no-tlog'));
    const signature = digestIn(await ok(['sign', ref('no-tlog'), '--key', 'cosign.key', '--no-tlog']));
    const refused = await cli(['verify', ref('no-tlog'), '--key', 'cosign.pub']);
    expect(refused).toEqual({
      code: 1,
      stdout:
        `Subject: ${ref('no-tlog')}@${digest}\n` +
        `  refused   ${registry.host}/cli-sign/refusals@${signature}: signature verification failed (transparency-log): the bundle has no transparency log (Rekor) entry: ` +
        're-sign with the transparency log (and verify with --trusted-root), or pass --insecure-ignore-tlog if you accept signatures with no log entry\n' +
        '0 of 1 signatures verified (listed by the sha256-<hex> tag schema)\n',
      stderr: `error: no signature of ${ref('no-tlog')}@${digest} verified: ${signature} refused (transparency-log)\n`,
    });
    const accepted = await cli(['verify', ref('no-tlog'), '--key', 'cosign.pub', NO_TLOG]);
    expect({ code: accepted.code, line: accepted.stdout.split('\n')[1] }).toEqual({
      code: 0,
      line: `  verified  ${registry.host}/cli-sign/refusals@${signature}: signed by key ${HINT}; ${IGNORED}`,
    });
  });

  it('keys that cannot be used are usage errors (exit 2), named, and nothing is pushed', async () => {
    await pushApp(ref('keys'));
    const cases: Array<[string[], Record<string, string>, string]> = [
      [['--key', 'rsa.key'], {}, 'error: the signing key file rsa.key is an rsa key; ocikit signs with ECDSA P-256 or Ed25519 keys'],
      [['--key', 'missing.key'], {}, 'error: the signing key file missing.key does not exist'],
      [['--key', 'cosign.pub'], {}, 'error: the signing key file cosign.pub holds a public key, not a private key'],
      [['--key', 'env://OCIKIT_TEST_UNSET_KEY'], {}, 'error: the environment variable OCIKIT_TEST_UNSET_KEY named for the key is not set'],
      [[], {}, 'error: signing needs --key <private.pem> or --keyless'],
      [['--key', 'cosign.key', '--keyless'], {}, 'error: --key and --keyless cannot both be given'],
      [['--key', 'cosign.key', '--no-tlog', '--rekor-url', 'https://rekor.example.com'], {}, 'error: --no-tlog and --rekor-url cannot both be given'],
    ];
    for (const [flags, env, message] of cases) {
      const result = await cli(['sign', ref('keys'), ...flags], env);
      expect({ flags, code: result.code, first: result.stderr.split('\n')[0] }).toEqual({ flags, code: 2, first: message });
    }
    const attachUnsigned = await cli(['attach', ref('keys'), 'sbom.spdx.json', '--key', 'cosign.key']);
    expect({ code: attachUnsigned.code, first: attachUnsigned.stderr.split('\n')[0] }).toEqual({ code: 2, first: 'error: signing options were given without --sign' });
    const noPolicy = await cli(['verify', ref('keys')]);
    expect({ code: noPolicy.code, first: noPolicy.stderr.split('\n')[0] }).toEqual({
      code: 2,
      first: 'error: verification needs --key, or --certificate-identity and --certificate-oidc-issuer with --trusted-root',
    });
    const mixedPolicy = await cli(['verify', ref('keys'), '--key', 'cosign.pub', '--certificate-identity', 'someone@example.com']);
    expect({ code: mixedPolicy.code, first: mixedPolicy.stderr.split('\n')[0] }).toEqual({
      code: 2,
      first: 'error: verification takes --key or --certificate-identity and --certificate-oidc-issuer, not both',
    });
    // None of the refused runs left a referrer behind.
    const graph = JSON.parse(await ok(['discover', ref('keys'), '--json'])) as { referrers: unknown[] };
    expect(graph.referrers).toEqual([]);
  });

  it('reads a key from env://NAME and never prints it', async () => {
    const digest = await pushApp(ref('env-key'));
    const pem = pkcs8(stranger.privateKey);
    const signed = await cli(['sign', ref('env-key'), '--key', 'env://SIGNING_KEY', '--no-tlog', '--json'], { SIGNING_KEY: pem });
    expect(signed.code).toBe(0);
    const json = JSON.parse(signed.stdout) as { subject: { digest: string }; signer: unknown; artifactType: string };
    expect({ subject: json.subject.digest, signer: json.signer, artifactType: json.artifactType }).toEqual({
      subject: digest,
      signer: { kind: 'key', hint: hintOf(stranger.publicKey) },
      artifactType: BUNDLE,
    });
    const body = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
    for (const line of body) expect(signed.stdout + signed.stderr).not.toContain(line);
    const verified = await cli(['verify', ref('env-key'), '--key', 'env://PUBLIC_KEY', NO_TLOG], { PUBLIC_KEY: spki(stranger.publicKey) });
    expect(verified.code).toBe(0);
  });

  it('says how to sign offline when Rekor cannot be reached', async () => {
    await pushApp(ref('offline'));
    const result = await cli(['sign', ref('offline'), '--key', 'cosign.key', '--rekor-url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: Rekor at http://127.0.0.1:9 did not record the signature\n');
    expect(result.stderr).toContain('where Rekor cannot be reached (offline CI), sign with --no-tlog, or give your own log with --rekor-url\n');
  });
});

describe('attest and verify --type', () => {
  it('attaches an in-toto statement and verifies it by type; as a signature it is skipped, exit 1', async () => {
    const ref = `${registry.host}/cli-sign/attest:v1`;
    const digest = await pushApp(ref);
    const predicate = { buildDefinition: { buildType: 'https://ocikit.dev/ci/v1' }, runDetails: { builder: { id: 'https://ocikit.dev/runner' } } };
    await writeJson(work, 'provenance.json', predicate);
    const attested = await ok(['attest', ref, '--predicate', 'provenance.json', '--type', 'https://slsa.dev/provenance/v1', '--key', 'cosign.key', '--no-tlog']);
    const attestation = digestIn(attested);
    expect(attested).toContain(`Attested ${ref}@${digest}\nAttestation: ${registry.host}/cli-sign/attest@${attestation}\nPredicateType: https://slsa.dev/provenance/v1\nSigner: key ${HINT}\n`);

    const verified = await cli(['verify', ref, '--key', 'cosign.pub', NO_TLOG, '--type', 'https://slsa.dev/provenance/v1']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('1 of 1 https://slsa.dev/provenance/v1 attestations verified');
    const asSignature = await cli(['verify', ref, '--key', 'cosign.pub', NO_TLOG]);
    expect(asSignature.code).toBe(1);
    expect(asSignature.stdout).toContain(`  skipped   ${registry.host}/cli-sign/attest@${attestation}: a "https://slsa.dev/provenance/v1" attestation, not an image signature\n`);

    await writeFile(join(work, 'not-json.json'), '{"buildType":');
    const bad = await cli(['attest', ref, '--predicate', 'not-json.json', '--type', 'https://slsa.dev/provenance/v1', '--key', 'cosign.key', '--no-tlog']);
    expect({ code: bad.code, first: bad.stderr.split('\n')[0]?.startsWith('error: the predicate file not-json.json is not JSON') }).toEqual({ code: 2, first: true });
  });
});

describe('an OCI layout, offline', () => {
  it('signs, attaches with --sign and verifies each link', async () => {
    const ref = `oci-layout:${join(makeTempDir(), 'layout')}`;
    const app = await pushApp(`${ref}:v1`);
    const signature = digestIn(await ok(['sign', `${ref}:v1`, '--key', 'cosign.key', '--no-tlog']));
    const attached = JSON.parse(await ok(['attach', `${ref}:v1`, 'sbom.spdx.json', '--sign', '--key', 'cosign.key', '--no-tlog', '--json'])) as {
      digest: string;
      signature: { reference: string; digest: string; subject: { reference: string; digest: string }; signer: unknown; referrers: unknown };
    };
    expect(attached.signature).toMatchObject({
      reference: `${ref}@${attached.signature.digest}`,
      subject: { reference: `${ref}@${attached.digest}`, digest: attached.digest },
      signer: { kind: 'key', hint: HINT },
      referrers: { via: 'layout' },
    });
    const verified = await ok(['verify', `${ref}:v1`, '--key', 'cosign.pub', NO_TLOG]);
    expect(verified).toBe(`Subject: ${ref}:v1@${app}\n  verified  ${ref}@${signature}: signed by key ${HINT}; ${IGNORED}\n1 of 1 signatures verified (listed by the layout)\n`);
    expect(await ok(['verify', `${ref}@${attached.digest}`, '--key', 'cosign.pub', NO_TLOG])).toContain(`  verified  ${ref}@${attached.signature.digest}`);
  });
});

describe('keyless in GitHub Actions, against the Sigstore mock on loopback', () => {
  // Whatever token sources the machine running the tests offers are hidden (empty counts as unset).
  const NO_OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '', SIGSTORE_ID_TOKEN: '', BUILDKITE: '' };
  const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
  const ISSUER = 'https://token.actions.githubusercontent.com';
  let mock: SigstoreMock;
  beforeAll(async () => {
    mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
    await writeFile(join(work, 'trusted_root.json'), JSON.stringify(mock.trustedRoot));
  });
  afterAll(async () => {
    await mock.close();
  });

  it('gets the OIDC token as actions/attest does, a Fulcio certificate and a Rekor entry; verifies by identity and issuer', async () => {
    const ref = `${registry.host}/cli-sign/keyless:v1`;
    await pushApp(ref);
    const github = { ...NO_OIDC, GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken };
    const signed = await cli(['sign', ref, '--keyless', '--fulcio-url', mock.url, '--rekor-url', mock.url, '--tsa-url', mock.url], github);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(`\nSigner: ${IDENTITY} (keyless, Fulcio certificate)\nEvidence: 1 Rekor entry, 1 timestamp\n`);
    expect(signed.stdout + signed.stderr).not.toContain(mock.oidc.requestToken);
    expect(mock.oidc.audiences).toEqual(['sigstore']);
    const signature = digestIn(signed.stdout);

    const keyless = ['--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER, '--trusted-root', 'trusted_root.json'];
    const verified = await cli(['verify', ref, ...keyless]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`  verified  ${registry.host}/cli-sign/keyless@${signature}: signed by ${IDENTITY} (issuer ${ISSUER}); 1 Rekor entry, 1 timestamp\n`);

    const fork = 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main';
    const refused = await cli(['verify', ref, '--certificate-identity', fork, '--certificate-oidc-issuer', ISSUER, '--trusted-root', 'trusted_root.json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`: signature verification failed (identity): the certificate is for "${IDENTITY}", not "${fork}"\n`);
    // Without --trusted-root the trusted root comes through TUF: verify-tuf.test.ts (the public-good mirror is not reachable here).
  });

  it('a key signature logged in Rekor (--rekor-url) verifies with --trusted-root, which checks the entry; without it only --insecure-ignore-tlog passes it', async () => {
    const ref = `${registry.host}/cli-sign/logged:v1`;
    await pushApp(ref);
    const signed = await ok(['sign', ref, '--key', 'cosign.key', '--rekor-url', mock.url]);
    expect(signed).toContain('\nEvidence: 1 Rekor entry\n');
    const verified = await cli(['verify', ref, '--key', 'cosign.pub', '--trusted-root', 'trusted_root.json']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`signed by key ${HINT}; 1 Rekor entry\n`);
    // Without --trusted-root nothing checks the entry: refused, or accepted by the opt-in and said unchecked.
    const unchecked = await cli(['verify', ref, '--key', 'cosign.pub']);
    expect(unchecked.code).toBe(1);
    expect(unchecked.stdout).toContain(
      ': signature verification failed (transparency-log): the bundle\'s transparency log (Rekor) entry cannot be checked without a trusted root: ' +
        'give --trusted-root (the trusted_root.json of the Sigstore instance that logged it), or pass --insecure-ignore-tlog if you accept signatures whose log entry is not checked\n',
    );
    expect((await ok(['verify', ref, '--key', 'cosign.pub', NO_TLOG])).split('\n')[1]).toMatch(new RegExp(`: signed by key \\S+; no transparency log entry verified \\(accepted with --insecure-ignore-tlog\\)$`));
  });

  it('a key signature with an RFC 3161 timestamp and no Rekor entry verifies with --trusted-root, which names its timestamp authority', async () => {
    const ref = `${registry.host}/cli-sign/stamped:v1`;
    await pushApp(ref);
    const signed = await ok(['sign', ref, '--key', 'cosign.key', '--no-tlog', '--tsa-url', mock.url]);
    expect(signed).toContain('\nEvidence: no transparency log entry, 1 timestamp\n');
    const verified = await cli(['verify', ref, '--key', 'cosign.pub', '--trusted-root', 'trusted_root.json']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`signed by key ${HINT}; no transparency log entry, 1 timestamp\n`);
  });

  it('says what to do when the job offers no OIDC token', async () => {
    const result = await cli(['sign', `${registry.host}/cli-sign/keyless:v1`, '--keyless', '--fulcio-url', mock.url, '--rekor-url', mock.url], { ...NO_OIDC, GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'error: keyless signing needs an OIDC identity token, and this job offers none',
      '  hint: give the job `permissions: id-token: write` (GitHub only offers the token then)',
    ]);
  });
});
