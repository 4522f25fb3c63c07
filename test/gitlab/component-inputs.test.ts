// The component inputs that give a CLI option (scripts/front-ends.ts), each run
// through the real front end: the job's variables made from templates/<verb>.yml as
// GitLab makes them, then `ocikit gitlab <verb>` (the CLI's main, in this process, in
// the project directory), whose CLI runs do the work against an OCI layout in the
// project, or a registry where only a registry shows the option's effect.
// run-component.test.ts checks the argv each input becomes; this, what it does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '@ocikit/cli';
import { RemoteRepository } from '@ocikit/core';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { buildImage, pushImage, sampleContent } from '../harness/images.js';
import { spdx } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { REPO_ROOT, interpolatedJob, readTemplate } from './component-spec.js';
import { capturedStream } from '../harness/outcomes.js';

const registry = useRegistry();
const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PRIVATE_KEY = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = signing.publicKey.export({ type: 'spki', format: 'pem' }).toString();

interface Job {
  code: number;
  stdout: string;
  stderr: string;
  /** The dotenv report, by name. */
  outputs: Record<string, string>;
  /** The CLI's --json result, as .ocikit/<job>.json holds it. */
  json: Record<string, any>;
}

let project: string;
let jobs = 0;

/** `ocikit gitlab <verb>` with the job's variables for these inputs, in the project directory. */
async function job(verb: string, inputs: Record<string, unknown>, env: Record<string, string> = {}): Promise<Job> {
  const slug = `ocikit-${verb}-${++jobs}`;
  const template = readTemplate(verb, join(REPO_ROOT, 'templates', `${verb}.yml`));
  const { env: jobEnv } = interpolatedJob(template, inputs, { HOME: join(project, '.home'), CI: 'true', CI_JOB_NAME_SLUG: slug, SOURCE_DATE_EPOCH: '0', ...env });
  const stdout = capturedStream();
  const stderr = capturedStream();
  const cwd = process.cwd();
  process.chdir(project);
  let code: number;
  try {
    code = await main(['gitlab', verb], { env: jobEnv, stdout: stdout.stream, stderr: stderr.stream, secrets: new Set() });
  } finally {
    process.chdir(cwd);
  }
  const read = async (file: string): Promise<string> => readFile(join(project, '.ocikit', file), 'utf8').catch(() => '');
  const outputs = Object.fromEntries((await read(`${slug}.env`)).split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  const json = code === 0 ? (JSON.parse(await read(`${slug}.json`)) as Record<string, any>) : {};
  return { code, stdout: stdout.text(), stderr: stderr.text(), outputs, json };
}

/** A blob of the project's OCI layout `dir`, parsed. */
async function layoutJson(dir: string, digest: string): Promise<any> {
  return JSON.parse(await readFile(join(project, dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), 'utf8'));
}

beforeAll(async () => {
  project = makeTempDir('ocikit-component-inputs-');
  await mkdir(join(project, 'dist', 'site'), { recursive: true });
  await writeFile(join(project, 'dist', 'app.txt'), 'the app\n');
  await writeFile(join(project, 'dist', 'app-v2.txt'), 'the app, again\n');
  await writeFile(join(project, 'dist', 'site', 'big.txt'), sampleContent(64 * 1024, 'site'));
  await writeFile(join(project, 'dist', 'tool-arm-v6'), 'arm/v6\n');
  await writeFile(join(project, 'dist', 'tool-amd64'), 'amd64\n');
  await writeFile(join(project, 'sbom.spdx.json'), JSON.stringify(spdx()));
  await writeFile(join(project, 'provenance.json'), JSON.stringify({ buildDefinition: { buildType: 'https://ocikit.dev/test/v1' } }));
});

describe('push and release', () => {
  it('platform: recorded in the image config; inline-max: small layers in the manifest', async () => {
    const pushed = await job('push', { reference: 'oci-layout:out:platform', files: 'dist/app.txt', platform: 'linux/arm64', 'inline-max': 1024 });
    expect(pushed.code).toBe(0);
    const manifest = await layoutJson('out', pushed.outputs.OCIKIT_DIGEST!);
    expect(await layoutJson('out', manifest.config.digest)).toMatchObject({ os: 'linux', architecture: 'arm64' });
    expect(Buffer.from(manifest.layers[0].data, 'base64').toString()).toBe('the app\n');
    // At their defaults: no platform (the empty config), nothing inline.
    const plain = await job('push', { reference: 'oci-layout:out:plain', files: 'dist/app.txt' });
    const plainManifest = await layoutJson('out', plain.outputs.OCIKIT_DIGEST!);
    expect(plainManifest.config.mediaType).toBe('application/vnd.oci.empty.v1+json');
    expect(plainManifest.layers[0].data).toBeUndefined();
  });

  it('overwrite: false fails before anything is pushed when the tag exists; true (the default) moves it', async () => {
    const first = await job('push', { reference: 'oci-layout:out:v1', files: 'dist/app.txt' });
    expect(first.code).toBe(0);
    const kept = await job('push', { reference: 'oci-layout:out:v1', files: 'dist/app-v2.txt', overwrite: false });
    expect(kept.code).toBe(1);
    expect(kept.stderr).toMatch(/^error: oci-layout:out:v1 exists \(sha256:[0-9a-f]{64}\); nothing was pushed$/m);
    const index = JSON.parse(await readFile(join(project, 'out', 'index.json'), 'utf8'));
    expect(index.manifests.find((m: any) => m.annotations?.['org.opencontainers.image.ref.name'] === 'v1').digest).toBe(first.outputs.OCIKIT_DIGEST);
    expect((await job('push', { reference: 'oci-layout:out:v1', files: 'dist/app-v2.txt' })).code).toBe(0);

    const files = 'dist/tool-amd64=linux/amd64';
    expect((await job('release', { reference: 'oci-layout:rel:v1', files })).code).toBe(0);
    const again = await job('release', { reference: 'oci-layout:rel:v1', files: 'dist/tool-arm-v6=linux/amd64', overwrite: false });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: oci-layout:rel:v1 exists \(sha256:[0-9a-f]{64}\); nothing was pushed$/m);
  });
});

describe('pull', () => {
  beforeAll(async () => {
    expect((await job('release', { reference: 'oci-layout:tools:v1', files: 'dist/tool-arm-v6=linux/arm/v6\ndist/tool-amd64=linux/amd64' })).code).toBe(0);
    expect((await job('push', { reference: 'oci-layout:site:v1', files: 'dist/site' })).code).toBe(0);
  });

  it('platform, and compatible-platforms: arm/v7 takes arm/v6 only when asked', async () => {
    const exact = await job('pull', { reference: 'oci-layout:tools:v1', path: 'pulled-v7', platform: 'linux/arm/v7' });
    expect(exact.code).toBe(1);
    expect(exact.stderr).toContain('error: oci-layout:tools:v1 has no entry for linux/arm/v7');
    const compatible = await job('pull', { reference: 'oci-layout:tools:v1', path: 'pulled-v7', platform: 'linux/arm/v7', 'compatible-platforms': true });
    expect(compatible.code).toBe(0);
    expect(await readFile(join(project, 'pulled-v7', 'tool-arm-v6'), 'utf8')).toBe('arm/v6\n');
    const amd64 = await job('pull', { reference: 'oci-layout:tools:v1', path: 'pulled-amd64', platform: 'linux/amd64' });
    expect(await readFile(join(project, 'pulled-amd64', 'tool-amd64'), 'utf8')).toBe('amd64\n');
    expect(amd64.outputs.OCIKIT_PATH).toBe('pulled-amd64');
  });

  it('max-unpack-bytes: a directory that expands past it is refused; 0 (the default) is the CLI\'s 16 GiB', async () => {
    const refused = await job('pull', { reference: 'oci-layout:site:v1', path: 'pulled-small', 'max-unpack-bytes': 1024 });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exceeds the 1024-byte unpack limit');
    const pulled = await job('pull', { reference: 'oci-layout:site:v1', path: 'pulled-site' });
    expect(pulled.code).toBe(0);
    expect((await readFile(join(project, 'pulled-site', 'dist', 'site', 'big.txt'))).length).toBe(64 * 1024);
  });

  it('artifact-type and referrers-mode: the referrer of that type, found the way asked (a registry without the referrers API)', async () => {
    const subject = `${registry.host}/inputs/app:v1`;
    expect((await job('push', { reference: subject, files: 'dist/app.txt' })).code).toBe(0);
    expect((await job('attach', { subject, files: 'sbom.spdx.json' })).code).toBe(0);
    const pulled = await job('pull', { reference: subject, path: 'pulled-sbom', 'artifact-type': 'application/spdx+json', 'referrers-mode': 'tag' });
    expect(pulled.code).toBe(0);
    expect(JSON.parse(await readFile(join(project, 'pulled-sbom', 'sbom.spdx.json'), 'utf8'))).toEqual(spdx());
    // api: only the referrers API, which this registry does not have.
    const api = await job('pull', { reference: subject, path: 'pulled-api', 'artifact-type': 'application/spdx+json', 'referrers-mode': 'api' });
    expect(api.code).not.toBe(0);
    expect(api.stderr).toContain(`error: ${registry.host}/inputs/app has no referrers API`);
  });
});

describe('signing', () => {
  const keyEnv = { SIGNING_KEY: PRIVATE_KEY, PUBLIC_KEY };

  it('attach with sign: the attached artifact signed; verify refuses it without insecure-ignore-tlog (no log entry), accepts it with', async () => {
    expect((await job('push', { reference: 'oci-layout:signed:v1', files: 'dist/app.txt' })).code).toBe(0);
    const attached = await job('attach', { subject: 'oci-layout:signed:v1', files: 'sbom.spdx.json', sign: true, key: '$SIGNING_KEY', tlog: false }, keyEnv);
    expect(attached.code).toBe(0);
    expect(attached.json.signature.subject.digest).toBe(attached.json.digest);
    expect(attached.stdout).toContain(`signed it: ${attached.json.signature.reference}`);
    expect(`${attached.stdout}${attached.stderr}`).not.toContain('PRIVATE KEY');

    const sbom = `oci-layout:signed@${attached.json.digest}`;
    const refused = await job('verify', { reference: sbom, 'public-key': '$PUBLIC_KEY' }, keyEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused \(transparency-log\)/);
    const accepted = await job('verify', { reference: sbom, 'public-key': '$PUBLIC_KEY', 'insecure-ignore-tlog': true }, keyEnv);
    expect(accepted.code).toBe(0);
    expect(accepted.outputs.OCIKIT_VERIFIED).toBe('true');
  });

  it('attest: a signed statement of the predicate and its type, which verify with type accepts', async () => {
    const type = 'https://slsa.dev/provenance/v1';
    const attested = await job('attest', { reference: 'oci-layout:signed:v1', predicate: 'provenance.json', type, key: '$SIGNING_KEY', tlog: false }, keyEnv);
    expect(attested.code).toBe(0);
    expect(attested.json.predicateType).toBe(type);
    expect(attested.outputs.OCIKIT_SUBJECT).toMatch(/^oci-layout:signed:v1@sha256:/);
    const verified = await job('verify', { reference: 'oci-layout:signed:v1', 'public-key': '$PUBLIC_KEY', type, 'insecure-ignore-tlog': true }, keyEnv);
    expect(verified.code).toBe(0);
    expect(verified.json.verified).toBe(true);
    const missing = await job('attest', { reference: 'oci-layout:signed:v1', predicate: 'missing.json', type, key: '$SIGNING_KEY', tlog: false }, keyEnv);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('error: the predicate file missing.json does not exist or cannot be read');
  });

  it('discover with format: table shows a row a referrer in the log', async () => {
    const discovered = await job('discover', { reference: 'oci-layout:signed:v1', format: 'table' });
    expect(discovered.code).toBe(0);
    expect(discovered.stdout).toMatch(/^DIGEST\s+KIND\s+ARTIFACT TYPE\s+SIZE\s+CREATED$/m);
    expect(discovered.stdout).toMatch(/application\/spdx\+json/);
  });
});

describe('on a registry', () => {
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

  beforeAll(async () => {
    const image = await buildImage(makeTempDir(), { platform: { os: 'linux', architecture: 'amd64' }, layers: [{ files: { 'srv/data.txt': sampleContent(300_000) } }] });
    const repository = new RemoteRepository({ registry: registry.host, repository: 'inputs/img' });
    try {
      await pushImage(repository, image, 'v1');
    } finally {
      await repository.close();
    }
    expect((await job('push', { reference: `${registry.host}/inputs/debug:v1`, files: 'dist/app.txt' })).code).toBe(0);
    proxy = await startFaultProxy(registry.url);
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  /** The bytes of each blob upload request since `from`, by method. */
  const sent = (from: number, method: string): number[] =>
    proxy.requests.slice(from).filter((r) => r.method === method && r.path.includes('/blobs/uploads/')).map((r) => Number(r.headers['content-length'] ?? 0));

  it('recompress temp-dir: each zstd layer from a file, in one request (streamed in chunks without it)', async () => {
    const spool = join(project, 'spool');
    await mkdir(spool);
    // Each into a repository of its own: a spooled layer's digest is known before it is sent, and one the repository has is not sent again.
    let from = proxy.requests.length;
    const streamed = await job('recompress', { source: `${proxy.host}/inputs/img:v1`, destination: `${proxy.host}/inputs/img-streamed:v1` });
    expect(streamed.code).toBe(0);
    const chunks = sent(from, 'PATCH');
    expect(chunks.length).toBeGreaterThan(0);
    from = proxy.requests.length;
    const spooled = await job('recompress', { source: `${proxy.host}/inputs/img:v1`, destination: `${proxy.host}/inputs/img-spooled:v1`, 'temp-dir': spool });
    expect(spooled.code).toBe(0);
    expect(sent(from, 'PATCH')).toEqual([]);
    expect(sent(from, 'PUT')).toEqual([chunks.reduce((a, b) => a + b, 0)]);
    expect(spooled.outputs.OCIKIT_DIGEST).toBe(streamed.outputs.OCIKIT_DIGEST);
  });

  it('debug: every HTTP exchange in the job log', async () => {
    const quiet = await job('pull', { reference: `${registry.host}/inputs/debug:v1`, path: 'pulled-quiet' });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toMatch(/^debug: /m);
    const debugged = await job('pull', { reference: `${registry.host}/inputs/debug:v1`, path: 'pulled-debug', debug: true });
    expect(debugged.code).toBe(0);
    expect(debugged.stderr).toMatch(new RegExp(`^debug: GET http://${registry.host.replace(/\./g, '\\.')}/v2/inputs/debug/manifests/v1 -> 200`, 'm'));
  });
});
