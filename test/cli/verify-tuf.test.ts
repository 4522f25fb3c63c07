// `ocikit verify` keyless with nothing to carry: the trusted root comes through the
// Sigstore instance's TUF repository (--tuf-mirror, --tuf-root), checked and
// cached under $XDG_CACHE_HOME/ocikit/tuf. The public-good repository cannot be
// reached from here, so every run names a TUF repository served on loopback by
// test/harness/tuf-repository.ts (built with @tufjs/models), whose
// trusted_root.json trusts the Sigstore mock (@sigstore/mock) that made the
// keyless signature; each run gets a cache directory of the test's (never ~/.cache).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';
import { type TufRepositoryServer, startTufRepository } from '../harness/tuf-repository.js';

const registry = useRegistry();
const work = makeTempDir('ocikit-cli-tuf-');
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const KEYLESS = ['--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER];

let mock: SigstoreMock;
let repository: TufRepositoryServer;
let ref: string;
let signature: string;

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return ocikit(args, { cwd: work, env });
}

const digestIn = (text: string): string => /Digest: (sha256:[0-9a-f]{64})/.exec(text)![1]!;

beforeAll(async () => {
  mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
  repository = await startTufRepository({ 'trusted_root.json': JSON.stringify(mock.trustedRoot) });
  ref = `${registry.host}/cli-tuf/app:v1`;
  await writeFile(join(work, 'app.bin'), 'the app\n');
  expect((await cli(['push', ref, 'app.bin'])).code).toBe(0);
  const github = { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken, SIGSTORE_ID_TOKEN: '' };
  const signed = await cli(['sign', ref, '--keyless', '--fulcio-url', mock.url, '--rekor-url', mock.url, '--tsa-url', mock.url], github);
  expect(signed.code).toBe(0);
  signature = digestIn(signed.stdout);
});
afterAll(async () => {
  await Promise.all([mock.close(), repository.close()]);
});

describe('ocikit verify keyless, the trusted root through TUF', () => {
  it('verifies with only --tuf-mirror and --tuf-root; the second run takes it from the cache with no request', async () => {
    const cache = { XDG_CACHE_HOME: makeTempDir('ocikit-cache-home-') };
    const tuf = ['--tuf-mirror', repository.url, '--tuf-root', repository.rootPath];
    const first = await cli(['verify', ref, ...KEYLESS, ...tuf], cache);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`  verified  ${registry.host}/cli-tuf/app@${signature}: signed by ${IDENTITY} (issuer ${ISSUER}); 1 Rekor entry, 1 timestamp\n`);
    const asked = repository.requests.length;
    expect(asked).toBe(5);

    const second = await cli(['verify', ref, ...KEYLESS, '--tuf-mirror', repository.url], cache);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`  verified  ${registry.host}/cli-tuf/app@${signature}`);
    expect(repository.requests.length).toBe(asked);
  });

  it('--trusted-root wins over TUF, and a key verify never asks it', async () => {
    await writeFile(join(work, 'trusted_root.json'), JSON.stringify(mock.trustedRoot));
    const before = repository.requests.length;
    const cache = { XDG_CACHE_HOME: makeTempDir('ocikit-cache-home-') };
    const tuf = ['--tuf-mirror', repository.url, '--tuf-root', repository.rootPath];
    expect((await cli(['verify', ref, ...KEYLESS, '--trusted-root', 'trusted_root.json', ...tuf], cache)).code).toBe(0);
    const { publicKey } = await import('node:crypto').then((c) => c.generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    await writeFile(join(work, 'cosign.pub'), publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const keyed = await cli(['verify', ref, '--key', 'cosign.pub', ...tuf], cache);
    expect(keyed.code).toBe(1);
    expect(keyed.stdout).toContain('signature verification failed (key): the bundle was signed keyless');
    expect(repository.requests.length).toBe(before);
  });

  it('a tampered trusted_root.json and an expired root are refused, in the CLI\'s words', async () => {
    const tampered = await startTufRepository({ 'trusted_root.json': JSON.stringify(mock.trustedRoot) });
    const expired = await startTufRepository({ 'trusted_root.json': JSON.stringify(mock.trustedRoot) }, { rootExpires: new Date(Date.now() - 3600_000) });
    try {
      const stranger = JSON.stringify(mock.trustedRoot).replace(/"rawBytes":"(.)/, (_, c: string) => `"rawBytes":"${c === 'A' ? 'B' : 'A'}`);
      tampered.tamperWithTarget('trusted_root.json', Buffer.from(stranger));
      const cache = { XDG_CACHE_HOME: makeTempDir('ocikit-cache-home-') };
      const refused = await cli(['verify', ref, ...KEYLESS, '--tuf-mirror', tampered.url, '--tuf-root', tampered.rootPath], cache);
      expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 1, stdout: '' });
      const lines = refused.stderr.split('\n');
      expect(lines[0]).toBe(`error: the TUF repository ${tampered.url} served a trusted_root.json that does not match its signed TUF metadata (tampered with or corrupted): refused`);
      expect(lines[1]).toMatch(/^ {2}detail: .*Expected hash [0-9a-f]{64} but got [0-9a-f]{64}$/);
      expect(lines[2]).toBe(
        "  hint: check --tuf-mirror is the instance's repository, and ask its maintainers; give --trusted-root (a trusted_root.json) to verify without the TUF repository",
      );

      const old = await cli(['verify', ref, ...KEYLESS, '--tuf-mirror', expired.url, '--tuf-root', expired.rootPath], cache);
      expect({ code: old.code, first: old.stderr.split('\n')[0] }).toEqual({ code: 1, first: `error: the TUF repository ${expired.url} cannot be trusted: its root metadata has expired` });
      expect(old.stderr).toContain('  hint: the repository\'s maintainers must sign it again');
    } finally {
      await Promise.all([tampered.close(), expired.close()]);
    }
  });

  it('a mirror that cannot be reached (as the public-good one offline) fails with what to try; a mirror needs its root', async () => {
    const gone = await startTufRepository({ 'trusted_root.json': '{}' });
    await gone.close();
    const cache = { XDG_CACHE_HOME: makeTempDir('ocikit-cache-home-') };
    const offline = await cli(['verify', ref, ...KEYLESS, '--tuf-mirror', gone.url, '--tuf-root', gone.rootPath], cache);
    expect(offline.code).toBe(1);
    expect(offline.stderr.split('\n')).toEqual([
      `error: the TUF repository ${gone.url} cannot be reached`,
      expect.stringMatching(/^ {2}detail: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
      '  hint: check the network and --tuf-mirror; give --trusted-root (a trusted_root.json) to verify without the TUF repository',
      '',
    ]);
    const noRoot = await cli(['verify', ref, ...KEYLESS, '--tuf-mirror', repository.url], { XDG_CACHE_HOME: makeTempDir('ocikit-cache-home-') });
    expect({ code: noRoot.code, first: noRoot.stderr.split('\n')[0] }).toEqual({
      code: 2,
      first: `error: the TUF repository ${repository.url} is not the public-good Sigstore instance's, and no TUF root was given to trust it by`,
    });
  });
});
