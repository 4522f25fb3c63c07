// The sign and attest components with `recursive: true` and `references`: the job's
// program (`ocikit gitlab <verb>`, the built CLI) with the variables
// templates/<verb>.yml gives it for these inputs, against two real registries
// (distribution: the sha256-<hex> tag schema; go-containerregistry's: the referrers
// API). What later jobs get: the dotenv report and the JSON result with every signature.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, verifyReference } from '@ocikit/core';
import { pushShippedIndex } from '../harness/images.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { REPO_ROOT, interpolatedJob, readTemplate } from './component-spec.js';

const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');
const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PEM = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const policy = { publicKey: signing.publicKey.export({ type: 'spki', format: 'pem' }).toString(), insecureIgnoreTlog: true };

let index: string;
let listed: string[];

beforeAll(async () => {
  const work = makeTempDir('ocikit-gl-recursive-');
  const shipped = await pushShippedIndex(work, [distribution.host, ggcr.host], 'gl/shipped');
  index = shipped.index;
  listed = [...shipped.platforms, shipped.attestation];
}, 60_000);

/** Runs the component's job program as its template sets it up, in a fresh project directory. */
async function runJob(verb: string, inputs: Record<string, unknown>, files: Record<string, string> = {}) {
  const dir = makeTempDir(`ocikit-gl-${verb}-`);
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
  const template = readTemplate(verb, join(REPO_ROOT, 'templates', `${verb}.yml`));
  const { env } = interpolatedJob(template, inputs, { CI: 'true', CI_JOB_NAME: `ocikit-${verb}`, CI_JOB_NAME_SLUG: `ocikit-${verb}`, SIGNING_KEY: PEM });
  const result = await ocikit(['gitlab', verb], { cwd: dir, env });
  const read = async (name: string) => readFile(join(dir, '.ocikit', name), 'utf8');
  return { result, dir, dotenv: result.code === 0 ? await read(`ocikit-${verb}.env`) : '', json: result.code === 0 ? JSON.parse(await read(`ocikit-${verb}.json`)) : undefined };
}

describe('sign and attest components over a whole index, in two registries', () => {
  it('sign: recursive and references; OCIKIT_DIGEST the first signature, OCIKIT_SIGNATURES how many, the JSON every one', async () => {
    const { result, dotenv, json } = await runJob('sign', {
      reference: `${distribution.host}/gl/shipped:v1`,
      references: `${ggcr.host}/gl/shipped@${index}`,
      recursive: true,
      key: '$SIGNING_KEY',
      tlog: false,
    });
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    const signatures = (json as { signatures: Array<{ digest: string; subject: { digest: string } }> }).signatures;
    expect(signatures.map((s) => s.subject.digest)).toEqual([index, ...listed, index, ...listed]);
    expect(dotenv).toContain(`OCIKIT_DIGEST=${signatures[0]!.digest}\n`);
    expect(dotenv).toContain(`OCIKIT_SIGNATURES=${signatures.length}\n`);
    expect(dotenv).toContain(`OCIKIT_SUBJECT=${distribution.host}/gl/shipped:v1@${index}\n`);
    // A summary block per signature in the log; the key in none of it.
    expect(result.stdout.split('\n').filter((line) => line.startsWith('signed '))).toHaveLength(signatures.length);
    expect(result.stdout + result.stderr).not.toContain(PEM.split('\n')[1]!);
    for (const host of [distribution.host, ggcr.host]) {
      const repo = new RemoteRepository({ registry: host, repository: 'gl/shipped' });
      try {
        for (const digest of [index, ...listed]) expect({ host, digest, verified: (await verifyReference(repo, digest, { policy })).verified }).toEqual({ host, digest, verified: true });
      } finally {
        await repo.close();
      }
    }
  }, 90_000);

  it('attest: recursive gives each listed manifest its own attestation', async () => {
    const { result, json } = await runJob(
      'attest',
      { reference: `${ggcr.host}/gl/shipped:v1`, recursive: true, predicate: 'provenance.json', type: 'https://slsa.dev/provenance/v1', key: '$SIGNING_KEY', tlog: false },
      { 'provenance.json': JSON.stringify({ buildDefinition: { buildType: 'https://example.com/build/v1' } }) },
    );
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    expect((json as { signatures: Array<{ subject: { digest: string } }> }).signatures.map((s) => s.subject.digest)).toEqual([index, ...listed]);
  }, 90_000);
});
