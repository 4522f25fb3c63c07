// The attest action as GitHub runs it (the committed bundle), checked by the real
// cosign: `cosign verify-attestation` finds ocikit's attestation by type and reads the
// statement ocikit signed, with a key (tlog off) and keyless (the job's OIDC identity,
// certified by @sigstore/mock on loopback, which stands in for the public-good
// Sigstore the tests cannot reach; cosign gets its keys with --trusted-root).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction, visibleText } from '../harness/action-runner.js';
import { cosign } from '../harness/peer-tools.js';
import type { RunResult } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';
import { errors } from './step-helpers.js';

const registry = useRegistry();
const SLSA = 'https://slsa.dev/provenance/v1';
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const NO_INTERNET = 'http://127.0.0.1:9';
const PREDICATE = { buildDefinition: { buildType: 'https://example.com/build/v1', externalParameters: { ref: 'refs/tags/v1' } }, runDetails: { builder: { id: 'https://github.com/ocikit' } } };

const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const cwd = makeTempDir('ocikit-attest-');
const cosignHome = makeTempDir('ocikit-attest-cosign-');

function verifyAttestation(args: string[]): Promise<RunResult> {
  return cosign(['verify-attestation', '--allow-http-registry', '--type', SLSA, ...args], { home: cosignHome, cwd, env: { HTTPS_PROXY: NO_INTERNET, HTTP_PROXY: NO_INTERNET }, allowFailure: true });
}

/** The statements cosign verified: one DSSE envelope a line, its payload decoded. */
function statementsIn(result: RunResult): Array<{ subject: Array<{ name?: string; digest: Record<string, string> }>; predicateType: string; predicate: unknown }> {
  return result.stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString('utf8')));
}

async function pushSubject(repository: string): Promise<{ digest: string; reference: string }> {
  const push = await runAction('push', { cwd, inputs: { reference: `${registry.host}/${repository}:v1`, files: 'app.bin' } });
  expect(errors(push)).toEqual([]);
  return { digest: push.outputs.digest!, reference: push.outputs.reference! };
}

beforeAll(async () => {
  await writeFile(join(cwd, 'app.bin'), 'the build output\n');
  await writeFile(join(cwd, 'provenance.json'), JSON.stringify(PREDICATE));
  await writeFile(join(cwd, 'cosign.pub'), signing.publicKey.export({ type: 'spki', format: 'pem' }).toString());
});

describe('attest action (bundled)', () => {
  it('with a key (tlog off): cosign verify-attestation finds it by type and reads the statement', async () => {
    const subject = await pushSubject('gh/attested');
    const pem = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const result = await runAction('attest', { cwd, inputs: { reference: subject.reference, predicate: 'provenance.json', type: SLSA, key: pem, tlog: 'false' } });
    expect(errors(result)).toEqual([]);
    expect(JSON.parse(result.outputs.json!)).toMatchObject({ predicateType: SLSA, subject: { digest: subject.digest }, signer: { kind: 'key' }, transparencyLogEntries: 0 });
    expect(result.outputs.reference).toBe(`${registry.host}/gh/attested@${result.outputs.digest}`);
    expect(result.summary).toContain('<h3>ocikit attest</h3>');
    expect(result.summary).toContain('Attestation manifest');
    expect(visibleText(result)).not.toContain(pem.split('\n')[1]!);

    const verified = await verifyAttestation(['--key', 'cosign.pub', '--insecure-ignore-tlog', subject.reference]);
    expect(verified.code).toBe(0);
    expect(statementsIn(verified)).toEqual([
      { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: `${registry.host}/gh/attested`, digest: { sha256: subject.digest.slice(7) } }], predicateType: SLSA, predicate: PREDICATE },
    ]);
  });

  it('refuses a missing predicate or type, and a predicate that is not JSON, before touching the registry', async () => {
    const subject = `${registry.host}/gh/never:v1`;
    const noType = await runAction('attest', { cwd, inputs: { reference: subject, predicate: 'provenance.json', keyless: 'true' } });
    expect(errors(noType)).toEqual([expect.stringContaining('input "type" is required')]);
    await writeFile(join(cwd, 'broken.json'), '{"not json');
    const broken = await runAction('attest', { cwd, inputs: { reference: subject, predicate: 'broken.json', type: SLSA, keyless: 'true' } });
    expect(errors(broken)).toEqual([expect.stringContaining('the predicate file broken.json is not JSON')]);
    const neither = await runAction('attest', { cwd, inputs: { reference: subject, predicate: 'provenance.json', type: SLSA } });
    expect(errors(neither)).toEqual([expect.stringContaining('attest needs the input key')]);
  });

  describe('keyless', () => {
    let mock: SigstoreMock;
    beforeAll(async () => {
      mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
      await writeFile(join(cwd, 'trusted_root.json'), JSON.stringify(mock.trustedRoot));
    });
    afterAll(async () => {
      await mock?.close();
    });

    it("with the job's OIDC identity: cosign verify-attestation by identity and issuer", async () => {
      const subject = await pushSubject('gh/attested-keyless');
      const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken };
      const result = await runAction('attest', {
        cwd,
        env: oidc,
        inputs: { reference: subject.reference, predicate: 'provenance.json', type: SLSA, keyless: 'true', 'fulcio-url': mock.url, 'rekor-url': mock.url },
      });
      expect(errors(result)).toEqual([]);
      expect(JSON.parse(result.outputs.json!)).toMatchObject({ signer: { kind: 'certificate', identity: IDENTITY }, transparencyLogEntries: 1 });
      expect(visibleText(result)).not.toContain(mock.oidc.requestToken);

      const verified = await verifyAttestation(['--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER, '--trusted-root', 'trusted_root.json', subject.reference]);
      expect(verified.stderr).not.toMatch(/error/i);
      expect(statementsIn(verified).map((s) => s.predicate)).toEqual([PREDICATE]);
      const forged = await verifyAttestation(['--certificate-identity', 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main', '--certificate-oidc-issuer', ISSUER, '--trusted-root', 'trusted_root.json', subject.reference]);
      expect(forged.code).not.toBe(0);
    });
  });
});
