// The sign and verify actions as GitHub runs them: the committed bundles against
// the real docker-registry with Basic auth (no referrers API: the sha256-<hex> tag
// schema). Signing with a P-256 key with the transparency log off, then with Rekor
// and keyless against @sigstore/mock on loopback (test/harness/sigstore-mock.ts),
// which stands in for the public-good instance the tests cannot reach.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction, visibleText } from '../harness/action-runner.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';
import { LOGIN, PASSWORD, errors, referrersTagOf, registryManifest } from './step-helpers.js';

const registry = useRegistry({ auth: 'basic' });
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const pkcs8 = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const hintOf = (key: KeyObject): string => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64');

const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PRIVATE_PEM = pkcs8(signing.privateKey);
/** The key's base64 body lines: none may show anywhere, not even one line of it. */
const keyLines = PRIVATE_PEM.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));

describe('sign and verify actions (bundled)', () => {
  let cwd: string;
  let subject: { digest: string; reference: string };

  beforeAll(async () => {
    cwd = makeTempDir('ocikit-ws-');
    await writeFile(join(cwd, 'app.bin'), 'the build output to sign\n');
    const push = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/signed:v1`, files: 'app.bin', ...LOGIN } });
    expect(errors(push)).toEqual([]);
    subject = { digest: push.outputs.digest!, reference: push.outputs.reference! };
  });

  const expectNoKey = (text: string): void => {
    expect(text).not.toContain(PRIVATE_PEM.trim());
    for (const line of keyLines) expect(text).not.toContain(line);
    expect(text).not.toContain(PASSWORD);
  };

  it('sign with a P-256 key (tlog off): a Sigstore bundle referrer, outputs and summary, the key nowhere', async () => {
    const result = await runAction('sign', {
      cwd,
      inputs: { reference: `${registry.host}/gh/signed:v1`, key: PRIVATE_PEM, tlog: 'false', annotations: 'org.example.stage=release', ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    const { digest, reference } = result.outputs;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reference).toBe(`${registry.host}/gh/signed@${digest}`);
    expect(result.outputs.subject).toBe(subject.reference);
    expect(JSON.parse(result.outputs.json!)).toMatchObject({
      digest,
      artifactType: BUNDLE,
      subject: { reference: subject.reference, digest: subject.digest },
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      signer: { kind: 'key', hint: hintOf(signing.publicKey) },
      transparencyLogEntries: 0,
      referrers: { via: 'tag', tag: referrersTagOf(subject.digest) },
    });
    const index = await registryManifest(registry, 'gh/signed', referrersTagOf(subject.digest));
    expect(index!.body.manifests).toEqual([expect.objectContaining({ digest, artifactType: BUNDLE })]);

    expect(result.summary).toContain('ocikit sign');
    expect(result.summary).toContain(`<code>${subject.reference}</code>`);
    expect(result.summary).toContain(`key <code>${hintOf(signing.publicKey)}</code>`);
    // Masked, every line of it, before anything ran.
    const masks = result.commands.filter((c) => c.command === 'add-mask').map((c) => c.value);
    expect(masks).toEqual(expect.arrayContaining([PRIVATE_PEM.trim(), ...keyLines]));
    expectNoKey(visibleText(result));
  });

  it('verify with the public key refuses a signature made with tlog false unless insecure-ignore-tlog, and says so in its words', async () => {
    const result = await runAction('verify', { inputs: { reference: `${registry.host}/gh/signed:v1`, 'public-key': spki(signing.publicKey), ...LOGIN } });
    expect(result.code).toBe(1);
    expect(result.outputs.verified).toBe('false');
    expect(errors(result)).toEqual([
      expect.stringMatching(
        new RegExp(
          `no signature of ${registry.host}/gh/signed:v1@sha256:[0-9a-f]{64} verified: sha256:[0-9a-f]{64} refused \\(transparency-log\\): ` +
            'signature verification failed \\(transparency-log\\): the bundle has no transparency log \\(Rekor\\) entry: ' +
            're-sign with the transparency log \\(and verify with the input trusted-root\\), or pass insecure-ignore-tlog: true if you accept signatures with no log entry',
        ),
      ),
    ]);
    expect(result.summary).toContain('<td>transparency-log</td>');
  });

  it('verify with the public key and insecure-ignore-tlog: verified=true, a row per referrer in the summary', async () => {
    const result = await runAction('verify', {
      inputs: { reference: `${registry.host}/gh/signed:v1`, 'public-key': spki(signing.publicKey), 'insecure-ignore-tlog': 'true', ...LOGIN },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs.verified).toBe('true');
    const json = JSON.parse(result.outputs.json!);
    expect(json).toMatchObject({ verified: true, subject: { digest: subject.digest }, via: 'tag' });
    expect(json.referrers).toEqual([
      expect.objectContaining({
        outcome: 'verified',
        signer: { kind: 'key', hint: hintOf(signing.publicKey) },
        claims: { 'org.example.stage': 'release' },
        transparencyLogEntries: 0,
        transparencyLogIgnored: true,
      }),
    ]);
    expect(result.summary).toContain('ocikit verify');
    expect(result.summary).toMatch(/1 of 1 signatures verified/);
    expect(result.summary).toContain('<td>verified</td>');
    expect(result.summary).toContain('no transparency log entry verified (accepted with <code>insecure-ignore-tlog</code>)');
  });

  it('key and public-key take what the CLI\'s --key takes too: env://NAME and a file\'s path (the key still masked, and nowhere)', async () => {
    await writeFile(join(cwd, 'signing.pem'), PRIVATE_PEM, { mode: 0o600 });
    await writeFile(join(cwd, 'signing.pub'), spki(signing.publicKey));
    const byEnv = await runAction('sign', {
      cwd,
      env: { SIGNING_KEY: PRIVATE_PEM },
      inputs: { reference: `${registry.host}/gh/signed:v1`, key: 'env://SIGNING_KEY', tlog: 'false', ...LOGIN },
    });
    expect(errors(byEnv)).toEqual([]);
    expect(byEnv.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)).toEqual(expect.arrayContaining([PRIVATE_PEM.trim(), ...keyLines]));
    expectNoKey(byEnv.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n') + byEnv.summary);
    const byPath = await runAction('sign', { cwd, inputs: { reference: `${registry.host}/gh/signed:v1`, key: 'signing.pem', tlog: 'false', ...LOGIN } });
    expect(errors(byPath)).toEqual([]);
    const verified = await runAction('verify', { cwd, inputs: { reference: `${registry.host}/gh/signed:v1`, 'public-key': 'signing.pub', 'insecure-ignore-tlog': 'true', ...LOGIN } });
    expect(errors(verified)).toEqual([]);
    expect(verified.outputs.verified).toBe('true');
  });

  it('verify with another key fails the step with a clear message, verified=false', async () => {
    const result = await runAction('verify', { inputs: { reference: `${registry.host}/gh/signed:v1`, 'public-key': spki(other.publicKey), ...LOGIN } });
    expect(result.code).toBe(1);
    expect(result.outputs.verified).toBe('false');
    expect(errors(result)).toEqual([expect.stringMatching(new RegExp(`no signature of ${registry.host}/gh/signed:v1@sha256:[0-9a-f]{64} verified: sha256:[0-9a-f]{64} refused \\(key\\)`))]);
    // A signature that does not verify is not a registry's refusal: no hint about credentials or permissions.
    expect(errors(result)[0]).not.toMatch(/credentials|permissions/);
    expect(result.summary).toContain('<td>refused</td>');
    expect(result.summary).toContain('<td>key</td>');
  });

  it('verify names its inputs when the policy is incomplete or mixed', async () => {
    const mixed = await runAction('verify', {
      inputs: { reference: subject.reference, 'public-key': spki(signing.publicKey), 'certificate-identity': 'https://github.com/org/app/.github/workflows/release.yml@refs/heads/main', ...LOGIN },
    });
    expect(mixed.code).toBe(1);
    expect(errors(mixed)).toEqual([expect.stringContaining('verification takes the input public-key or certificate-identity and certificate-oidc-issuer, not both')]);
    const none = await runAction('verify', { inputs: { reference: subject.reference, ...LOGIN } });
    expect(errors(none)).toEqual([expect.stringContaining('verification needs the input public-key, or certificate-identity and certificate-oidc-issuer with the input trusted-root')]);
  });

  it('sign refuses a key and keyless together, and no key at all, before touching the registry', async () => {
    const both = await runAction('sign', { inputs: { reference: subject.reference, key: PRIVATE_PEM, keyless: 'true', ...LOGIN } });
    expect(both.code).toBe(1);
    expect(errors(both)).toEqual([expect.stringContaining('the inputs key and keyless cannot both be given')]);
    expectNoKey(visibleText(both));
    const neither = await runAction('sign', { inputs: { reference: subject.reference, ...LOGIN } });
    expect(errors(neither)).toEqual([expect.stringContaining('sign needs the input key')]);
    const garbage = await runAction('sign', { inputs: { reference: subject.reference, key: 'not a key at all, but secret-ish text', tlog: 'false', ...LOGIN } });
    expect(garbage.code).toBe(1);
    expect(visibleText(garbage)).not.toContain('secret-ish');
  });

  describe('with Sigstore services (@sigstore/mock on loopback)', () => {
    const ISSUER = 'https://token.actions.githubusercontent.com';
    const IDENTITY = 'https://github.com/octo-org/demo/.github/workflows/release.yml@refs/heads/main';
    let mock: SigstoreMock;
    let root: string;

    beforeAll(async () => {
      mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
      root = join(cwd, 'trusted_root.json');
      await writeFile(root, JSON.stringify(mock.trustedRoot));
    });
    afterAll(async () => {
      await mock?.close();
    });

    it('a key signature logged in Rekor verifies with trusted-root (the entry checked)', async () => {
      const signed = await runAction('sign', { cwd, inputs: { reference: subject.reference, key: PRIVATE_PEM, 'rekor-url': mock.url, ...LOGIN } });
      expect(errors(signed)).toEqual([]);
      expect(JSON.parse(signed.outputs.json!)).toMatchObject({ transparencyLogEntries: 1 });
      expect(signed.summary).toContain('1 Rekor entry');
      expectNoKey(visibleText(signed));
      const verified = await runAction('verify', { cwd, inputs: { reference: subject.reference, 'public-key': spki(signing.publicKey), 'trusted-root': root, ...LOGIN } });
      expect(errors(verified)).toEqual([]);
      expect(verified.outputs.verified).toBe('true');
      // The tlog-less signature is refused under a trusted root; the logged one verifies.
      const outcomes = JSON.parse(verified.outputs.json!).referrers.map((r: { outcome: string; transparencyLogEntries?: number }) => [r.outcome, r.transparencyLogEntries]);
      expect(outcomes).toEqual(expect.arrayContaining([['verified', 1], ['refused', undefined]]));
    });

    it('keyless with the job\'s OIDC identity (id-token: write), verified by identity and issuer', async () => {
      const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken };
      const signed = await runAction('sign', { cwd, env: oidc, inputs: { reference: subject.reference, keyless: 'true', 'fulcio-url': mock.url, 'rekor-url': mock.url, ...LOGIN } });
      expect(errors(signed)).toEqual([]);
      expect(JSON.parse(signed.outputs.json!).signer).toEqual({ kind: 'certificate', identity: IDENTITY });
      expect(signed.summary).toContain(`keyless: <code>${IDENTITY}</code>`);
      expect(signed.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)).toContain(mock.oidc.requestToken);
      expect(visibleText(signed)).not.toContain(mock.oidc.requestToken);

      const verified = await runAction('verify', {
        cwd,
        inputs: { reference: subject.reference, 'certificate-identity': IDENTITY, 'certificate-oidc-issuer': ISSUER, 'trusted-root': root, ...LOGIN },
      });
      expect(errors(verified)).toEqual([]);
      expect(verified.outputs.verified).toBe('true');
    });

    it('keyless without id-token: write fails with what to do', async () => {
      const result = await runAction('sign', { inputs: { reference: subject.reference, keyless: 'true', 'fulcio-url': mock.url, 'rekor-url': mock.url, ...LOGIN } });
      expect(result.code).toBe(1);
      expect(errors(result)).toEqual([expect.stringContaining('id-token: write')]);
    });
  });
});
