// cosign v3 judges what `ocikit sign --recursive` and `ocikit attest --recursive`
// write for a multi-platform image pushed to two registries in one call: distribution
// (no referrers API: the sha256-<hex> tag schema) and go-containerregistry's (the API).
// Each platform manifest's signature must verify in `cosign verify` and in `ocikit
// verify`, in both registries; each platform image's attestation in `cosign
// verify-attestation`, about its own digest.
//
// cosign runs offline, as in cosign.test.ts: given the key and --insecure-ignore-tlog
// (the signatures are made with --no-tlog), its HTTP(S)_PROXY a closed port.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pushShippedIndex } from '../harness/images.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { cosign } from '../harness/peer-tools.js';
import type { RunResult } from '../harness/peers.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const work = makeTempDir('ocikit-cosign-recursive-');
const cosignHome = makeTempDir('ocikit-cosign-recursive-home-');
const NO_INTERNET = 'http://127.0.0.1:9';
const SLSA = 'https://slsa.dev/provenance/v1';
const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function runCosign(args: string[]): Promise<RunResult> {
  return cosign(args, { home: cosignHome, cwd: work, env: { HTTPS_PROXY: NO_INTERNET, HTTP_PROXY: NO_INTERNET }, allowFailure: true });
}

async function ok(args: string[]): Promise<string> {
  const result = await ocikit(args, { cwd: work });
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The manifest digests `cosign verify` vouches for. */
const verifiedDigests = (result: RunResult): string[] =>
  result.code === 0 ? (JSON.parse(result.stdout) as Array<{ critical: { image: { 'docker-manifest-digest': string } } }>).map((v) => v.critical.image['docker-manifest-digest']) : [`exit ${result.code}: ${result.stderr.trim().split('\n').pop()}`];

interface SignJson {
  digest: string;
  signatures: Array<{ digest: string; subject: { digest: string; reference: string }; listedBy?: string; platform?: { architecture: string } }>;
}

let index: string;
let platforms: string[];
let attestationManifest: string;

beforeAll(async () => {
  await writeFile(join(work, 'ocikit.key'), p256.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await writeFile(join(work, 'ocikit.pub'), p256.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  await writeFile(join(work, 'provenance.json'), JSON.stringify({ buildDefinition: { buildType: 'https://example.com/build/v1' } }));
  const shipped = await pushShippedIndex(work, [distribution.host, ggcr.host], 'shipped/app');
  index = shipped.index;
  platforms = shipped.platforms;
  attestationManifest = shipped.attestation;
}, 120_000);

describe('ocikit sign --recursive, two registries in one call -> cosign verify and ocikit verify', () => {
  it('signs the index and each manifest it lists once, attaches each signature in both registries; cosign and ocikit verify each platform manifest', async () => {
    const refs = [`${distribution.host}/shipped/app:v1`, `${ggcr.host}/shipped/app@${index}`];
    const json = JSON.parse(await ok(['sign', '--recursive', '--key', 'ocikit.key', '--no-tlog', '--json', ...refs])) as SignJson;
    const signed = [index, ...platforms, attestationManifest];
    expect(json.signatures.map((s) => s.subject.digest)).toEqual([...signed, ...signed]);
    expect(json.digest).toBe(json.signatures[0]!.digest);
    expect(json.signatures.map((s) => s.platform?.architecture)).toEqual([undefined, 'amd64', 'arm64', 'unknown', undefined, 'amd64', 'arm64', 'unknown']);
    // A listed manifest is named by its own digest, never by the index's tag.
    expect(json.signatures[1]!.subject.reference).toBe(`${distribution.host}/shipped/app@${platforms[0]}`);

    for (const host of [distribution.host, ggcr.host]) {
      for (const digest of [index, ...platforms]) {
        const ref = `${host}/shipped/app@${digest}`;
        const [byCosign, byOcikit] = await Promise.all([
          runCosign(['verify', '--key', 'ocikit.pub', '--insecure-ignore-tlog', '--allow-http-registry', ref]),
          ocikit(['verify', ref, '--key', 'ocikit.pub', '--insecure-ignore-tlog'], { cwd: work }),
        ]);
        expect({ ref, cosign: verifiedDigests(byCosign), ocikit: byOcikit.code }).toEqual({ ref, cosign: [digest], ocikit: 0 });
      }
    }
  }, 180_000);

  it('ocikit attest --recursive: cosign verify-attestation finds each platform image\'s own statement', async () => {
    const out = await ok(['attest', '-r', `${ggcr.host}/shipped/app:v1`, '--predicate', 'provenance.json', '--type', SLSA, '--key', 'ocikit.key', '--no-tlog']);
    expect(out).toContain('Attested 4 manifests: 4 attestations');
    for (const digest of platforms) {
      const ref = `${ggcr.host}/shipped/app@${digest}`;
      const verified = await runCosign(['verify-attestation', '--key', 'ocikit.pub', '--insecure-ignore-tlog', '--allow-http-registry', '--type', SLSA, ref]);
      expect(verified.code).toBe(0);
      const subjects = verified.stdout
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => (JSON.parse(Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString('utf8')) as { subject: unknown }).subject);
      expect(subjects).toEqual([[{ name: `${ggcr.host}/shipped/app`, digest: { sha256: digest.slice('sha256:'.length) } }]]);
    }
  }, 180_000);
});
