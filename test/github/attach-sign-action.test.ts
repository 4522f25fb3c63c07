// What the CLI's attach --sign and --inline-max do, in the actions: the attach action
// signs what it attached (the signature a referrer of the referrer, checked by the
// real cosign), refuses signing inputs without sign: true before anything is pushed,
// and push and attach put small layers inside the manifest with inline-max.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction, visibleText } from '../harness/action-runner.js';
import { cosign } from '../harness/peer-tools.js';
import { spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { errors, registryManifest } from './step-helpers.js';

const registry = useRegistry();
const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PEM = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const cwd = makeTempDir('ocikit-attach-sign-');
let subject: { digest: string; reference: string };

beforeAll(async () => {
  await writeFile(join(cwd, 'app.bin'), 'the build output\n');
  await writeFile(join(cwd, 'cosign.pub'), signing.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  await writeJson(cwd, 'sbom.spdx.json', spdx('app'));
  const push = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/signed-sbom:v1`, files: 'app.bin', 'inline-max': '64' } });
  expect(errors(push)).toEqual([]);
  subject = { digest: push.outputs.digest!, reference: push.outputs.reference! };
});

describe('attach action: sign and inline-max', () => {
  it('push with inline-max puts a small layer inside the manifest (the data field)', async () => {
    const manifest = await registryManifest(registry, 'gh/signed-sbom', subject.digest);
    expect(manifest!.body.layers[0].data).toBe(Buffer.from('the build output\n').toString('base64'));
  });

  it('sign: true signs the attached SBOM; cosign verifies the signature on the SBOM referrer', async () => {
    const result = await runAction('attach', { cwd, inputs: { subject: subject.reference, files: 'sbom.spdx.json', sign: 'true', key: PEM, tlog: 'false' } });
    expect(errors(result)).toEqual([]);
    const json = JSON.parse(result.outputs.json!);
    expect(json.signature).toMatchObject({ subject: { digest: result.outputs.digest }, signer: { kind: 'key' }, transparencyLogEntries: 0 });
    expect(result.stdout).toContain(`Signed it: ${json.signature.reference}`);
    expect(visibleText(result)).not.toContain(PEM.split('\n')[1]!);

    const verified = await cosign(['verify', '--key', 'cosign.pub', '--insecure-ignore-tlog', '--allow-http-registry', result.outputs.reference!], {
      home: makeTempDir('ocikit-cosign-home-'),
      cwd,
      env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' },
    });
    expect(verified.stdout).toContain(result.outputs.digest!);
  });

  it('signing inputs without sign: true are refused before anything is pushed', async () => {
    const result = await runAction('attach', { cwd, inputs: { subject: `${registry.host}/gh/never:v1`, files: 'sbom.spdx.json', key: PEM, 'rekor-url': 'https://rekor.example' } });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([expect.stringMatching(/the signing inputs key, rekor-url were given without sign: true\n\s+hint: add `sign: true`/)]);
    expect(await registryManifest(registry, 'gh/never', 'v1')).toBeUndefined();
  });
});
