// notation v1.3.2 signs; ocikit lists the signature and copies it with its image;
// notation verifies the copy. On distribution (no referrers API: the sha256-<hex>
// tag schema) and on the two registries with the referrers API (ggcr sends no
// OCI-Subject, olareg does).
//
// notation keeps its key, test certificate, trust store and trust policy in its
// home (XDG_CONFIG_HOME/notation), kept for the file: `notation cert
// generate-test --default` makes a self-signed certificate and key and adds the
// certificate to the trust store `ca:<name>`; the trust policy trusts that store.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate, createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, pushArtifact } from '@ocikit/core';
import { ocikit } from '../harness/ocikit-cli.js';
import { notation } from '../harness/peer-tools.js';
import type { RunResult } from '../harness/peers.js';
import { type ApiRegistryKind, type RunningApiRegistry, type RunningRegistry, useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const work = makeTempDir('ocikit-notation-');
const home = makeTempDir('ocikit-notation-home-');
const KEY = 'ocikit.test';
const NOTARY_SIGNATURE = 'application/vnd.cncf.notary.signature';
const THUMBPRINTS = 'io.cncf.notary.x509chain.thumbprint#S256';
const NO_INTERNET = 'http://127.0.0.1:9';

type Kind = 'distribution' | ApiRegistryKind;
const registries: Record<Kind, RunningRegistry | RunningApiRegistry> = {
  distribution: useRegistry(),
  ggcr: useApiRegistry('ggcr'),
  olareg: useApiRegistry('olareg'),
};
/** Where each registry's signed image is copied to: a registry of another kind. */
const COPY_TO: Record<Kind, Kind> = { distribution: 'olareg', ggcr: 'distribution', olareg: 'ggcr' };

function runNotation(args: string[], allowFailure = false): Promise<RunResult> {
  return notation(args, { home, cwd: work, env: { HTTPS_PROXY: NO_INTERNET, HTTP_PROXY: NO_INTERNET }, allowFailure });
}

async function ok(args: string[]): Promise<string> {
  const result = await ocikit(args, { cwd: work });
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

let serial = 0;
async function pushSubject(host: string, repository: string): Promise<string> {
  const path = join(work, `subject-${serial++}.txt`);
  await writeFile(path, `subject ${serial} ${Math.random()}\n`);
  const repo = new RemoteRepository({ registry: host, repository });
  try {
    return (await pushArtifact(repo, { files: [{ path }], tags: ['v1'] })).descriptor.digest;
  } finally {
    await repo.close();
  }
}

interface Discovered {
  via: string;
  referrers: Array<{ digest: string; artifactType: string; annotations?: Record<string, string> }>;
}
const discover = async (reference: string): Promise<Discovered> => JSON.parse(await ok(['discover', reference, '--json'])) as Discovered;

/** Whether the registry holds the sha256-<hex> referrers tag of `digest` (the tag schema was written). */
async function hasReferrersTag(url: string, repository: string, digest: string): Promise<boolean> {
  const response = await fetch(`${url}/v2/${repository}/manifests/sha256-${digest.slice(7)}`, { method: 'HEAD', headers: { accept: 'application/vnd.oci.image.index.v1+json' } });
  return response.status === 200;
}

/** What notation's test certificate is known by: the SHA-256 of its DER, as notation annotates a signature. */
let thumbprint: string;

beforeAll(async () => {
  await runNotation(['cert', 'generate-test', '--default', KEY]);
  const pem = await readFile(join(home, '.config', 'notation', 'localkeys', `${KEY}.crt`), 'utf8');
  thumbprint = createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
  const policy = {
    version: '1.0',
    trustPolicies: [{ name: 'ocikit-interop', registryScopes: ['*'], signatureVerification: { level: 'strict' }, trustStores: [`ca:${KEY}`], trustedIdentities: ['*'] }],
  };
  await writeFile(join(work, 'trustpolicy.json'), JSON.stringify(policy));
  await runNotation(['policy', 'import', 'trustpolicy.json']);
}, 60_000);

describe.each(['distribution', 'ggcr', 'olareg'] as const)('notation and ocikit on %s', (kind) => {
  const registry = (): RunningRegistry | RunningApiRegistry => registries[kind];
  const via = kind === 'distribution' ? 'tag' : 'api';

  it('notation sign, by default (--force-referrers-tag) and with --force-referrers-tag=false -> ocikit discover lists the signature', async () => {
    const { host, url } = registry();
    // On olareg notation's default loses its signature (see the last test): only the API way is listed here.
    const modes = kind === 'olareg' ? [['--force-referrers-tag=false']] : [[], ['--force-referrers-tag=false']];
    for (const flags of modes) {
      const repository = `notation-signs/${flags.length ? 'api' : 'tag'}`;
      const subject = await pushSubject(host, repository);
      await runNotation(['sign', '--insecure-registry', ...flags, `${host}/${repository}@${subject}`]);

      const graph = await discover(`${host}/${repository}:v1`);
      expect({ flags, via: graph.via, referrers: graph.referrers.map((r) => ({ artifactType: r.artifactType, thumbprints: r.annotations?.[THUMBPRINTS] })) }).toEqual({
        flags,
        via,
        referrers: [{ artifactType: NOTARY_SIGNATURE, thumbprints: JSON.stringify([thumbprint]) }],
      });
      // notation (oras-go) uses the API only where the registry answers a push with
      // OCI-Subject: olareg does, ggcr does not, so ggcr gets the tag either way.
      expect({ flags, tag: await hasReferrersTag(url, repository, subject) }).toEqual({ flags, tag: flags.length === 0 || kind !== 'olareg' });
    }
  });

  it(`ocikit copy --referrers to another repository and to ${COPY_TO[kind]}: notation verify passes on each copy; without --referrers it fails`, async () => {
    const { host } = registry();
    const other = registries[COPY_TO[kind]].host;
    const subject = await pushSubject(host, 'notation-copies/app');
    await runNotation(['sign', '--insecure-registry', ...(kind === 'olareg' ? ['--force-referrers-tag=false'] : []), `${host}/notation-copies/app@${subject}`]);
    const [signature] = (await discover(`${host}/notation-copies/app:v1`)).referrers;

    const copies = [`${host}/notation-copies/copy`, `${other}/notation-copies/from-${kind}`];
    for (const copy of copies) {
      await ok(['copy', `${host}/notation-copies/app:v1`, `${copy}:v1`, '--referrers']);
      expect((await discover(`${copy}:v1`)).referrers.map((r) => [r.digest, r.artifactType])).toEqual([[signature!.digest, NOTARY_SIGNATURE]]);
      const verified = await runNotation(['verify', '--insecure-registry', `${copy}@${subject}`]);
      expect(verified.stdout.trim()).toBe(`Successfully verified signature for ${copy}@${subject}`);
    }

    await ok(['copy', `${host}/notation-copies/app:v1`, `${host}/notation-copies/unsigned:v1`]);
    const unsigned = await runNotation(['verify', '--insecure-registry', `${host}/notation-copies/unsigned@${subject}`], true);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('no signature is associated with');
  });
});

describe('notation signature formats and registry behaviours', () => {
  it('a COSE signature (--signature-format cose): discover lists it, copy --referrers carries it, notation verifies the copy', async () => {
    const { host } = registries.distribution;
    const subject = await pushSubject(host, 'notation-cose/app');
    await runNotation(['sign', '--insecure-registry', '--signature-format', 'cose', `${host}/notation-cose/app@${subject}`]);
    const [signature] = (await discover(`${host}/notation-cose/app:v1`)).referrers;
    expect(signature!.artifactType).toBe(NOTARY_SIGNATURE);
    const manifest = JSON.parse(await ok(['manifest', 'get', `${host}/notation-cose/app@${signature!.digest}`])) as { layers: Array<{ mediaType: string }> };
    expect(manifest.layers.map((l) => l.mediaType)).toEqual(['application/cose']);

    const copy = `${registries.olareg.host}/notation-cose/copy`;
    await ok(['copy', `${host}/notation-cose/app:v1`, `${copy}:v1`, '--referrers']);
    expect((await runNotation(['verify', '--insecure-registry', `${copy}@${subject}`])).stdout.trim()).toBe(`Successfully verified signature for ${copy}@${subject}`);
  });

  // Surprise: notation's default (--force-referrers-tag) on olareg, a registry with the
  // referrers API, makes its own signature invisible. olareg keeps its referrers
  // response as a blob in its index; the tag-schema index notation then pushes is
  // byte-identical to that response (same descriptor, same field order), and olareg
  // replaces the response's entry with the tag's, so its API lists nothing after.
  // ocikit (like oras and notation itself) asks the API where the registry has one,
  // so nobody finds the signature but under its sha256-<hex> tag.
  it('on olareg, notation sign with its default --force-referrers-tag: the referrers API loses the signature', async () => {
    const { host, url } = registries.olareg;
    const subject = await pushSubject(host, 'notation-olareg/app');
    await runNotation(['sign', '--insecure-registry', `${host}/notation-olareg/app@${subject}`]);

    expect(await hasReferrersTag(url, 'notation-olareg/app', subject)).toBe(true);
    const listed = (await (await fetch(`${url}/v2/notation-olareg/app/referrers/${subject}`)).json()) as { manifests: unknown[] };
    expect(listed.manifests).toEqual([]);
    expect((await discover(`${host}/notation-olareg/app:v1`)).referrers).toEqual([]);
    const verified = await runNotation(['verify', '--insecure-registry', `${host}/notation-olareg/app@${subject}`], true);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('no signature is associated with');
  });
});
