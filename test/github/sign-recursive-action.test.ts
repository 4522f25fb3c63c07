// The sign and attest actions with `recursive: true` and a `references` list, as
// GitHub runs them (the committed bundle): a multi-platform index pushed to two real
// registries, distribution (the sha256-<hex> tag schema) and go-containerregistry's
// (the referrers API); outputs, the job summary, and the key nowhere in the log.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, verifyReference } from '@ocikit/core';
import { runAction, visibleText } from '../harness/action-runner.js';
import { pushShippedIndex } from '../harness/images.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { errors } from './step-helpers.js';

const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');
const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PRIVATE_PEM = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyLines = PRIVATE_PEM.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
const policy = { publicKey: signing.publicKey.export({ type: 'spki', format: 'pem' }).toString(), insecureIgnoreTlog: true };
const SLSA = 'https://slsa.dev/provenance/v1';

interface SignatureJson {
  digest: string;
  reference: string;
  subject: { digest: string; reference: string };
  platform?: { os: string; architecture: string };
}

describe('sign and attest actions over a whole index, in two registries', () => {
  let cwd: string;
  let index: string;
  let platforms: string[];
  let listed: string[];

  beforeAll(async () => {
    cwd = makeTempDir('ocikit-ws-');
    const shipped = await pushShippedIndex(cwd, [distribution.host, ggcr.host], 'gh/shipped');
    index = shipped.index;
    platforms = shipped.platforms;
    listed = [...platforms, shipped.attestation];
    await writeFile(join(cwd, 'provenance.json'), JSON.stringify({ buildDefinition: { buildType: 'https://example.com/build/v1' } }));
  }, 60_000);

  it('sign, recursive, reference and references: digest and reference the index signature, signatures all of them, a summary row each', async () => {
    const result = await runAction('sign', {
      cwd,
      inputs: { reference: `${distribution.host}/gh/shipped:v1`, references: `${ggcr.host}/gh/shipped@${index}\n`, recursive: 'true', key: PRIVATE_PEM, tlog: 'false' },
    });
    expect(errors(result)).toEqual([]);
    const signatures = JSON.parse(result.outputs.signatures!) as SignatureJson[];
    expect(signatures.map((s) => s.subject.digest)).toEqual([index, ...listed, index, ...listed]);
    expect({ digest: result.outputs.digest, reference: result.outputs.reference, subject: result.outputs.subject }).toEqual({
      digest: signatures[0]!.digest,
      reference: `${distribution.host}/gh/shipped@${signatures[0]!.digest}`,
      subject: `${distribution.host}/gh/shipped:v1@${index}`,
    });
    expect((JSON.parse(result.outputs.json!) as { signatures: unknown[] }).signatures).toEqual(signatures);
    // A row per signature, with the platform the index gives it.
    const rows = result.summary.match(/<tr>/g)?.length ?? 0;
    expect(rows).toBe(1 + signatures.length);
    expect(result.summary).toContain(`<code>${distribution.host}/gh/shipped@${platforms[1]}</code>`);
    expect(result.summary).toContain('<code>linux/arm64</code>');
    const text = visibleText(result);
    expect(text).not.toContain(PRIVATE_PEM.trim());
    for (const line of keyLines) expect(text).not.toContain(line);

    for (const host of [distribution.host, ggcr.host]) {
      const repo = new RemoteRepository({ registry: host, repository: 'gh/shipped' });
      try {
        for (const digest of [index, ...platforms]) expect({ host, digest, verified: (await verifyReference(repo, digest, { policy })).verified }).toEqual({ host, digest, verified: true });
      } finally {
        await repo.close();
      }
    }
  }, 90_000);

  it('attest, recursive: every platform image its own attestation', async () => {
    const result = await runAction('attest', {
      cwd,
      inputs: { reference: `${ggcr.host}/gh/shipped:v1`, recursive: 'true', predicate: 'provenance.json', type: SLSA, key: PRIVATE_PEM, tlog: 'false' },
    });
    expect(errors(result)).toEqual([]);
    const attestations = JSON.parse(result.outputs.signatures!) as SignatureJson[];
    expect(attestations.map((a) => a.subject.digest)).toEqual([index, ...listed]);
    const repo = new RemoteRepository({ registry: ggcr.host, repository: 'gh/shipped' });
    try {
      for (const digest of platforms) expect((await verifyReference(repo, digest, { policy, predicateType: SLSA })).verified).toBe(true);
    } finally {
      await repo.close();
    }
  }, 90_000);

  it('without recursive, only what reference names, as before', async () => {
    const result = await runAction('sign', { cwd, inputs: { reference: `${distribution.host}/gh/shipped@${platforms[0]}`, key: PRIVATE_PEM, tlog: 'false' } });
    expect(errors(result)).toEqual([]);
    expect((JSON.parse(result.outputs.signatures!) as SignatureJson[]).map((s) => s.subject.digest)).toEqual([platforms[0]]);
  }, 60_000);
});
