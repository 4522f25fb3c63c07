// Keyless verification's trusted root through TUF (trusted-root-tuf.ts, the rule in
// trusted-root-source.ts). The public-good TUF repository cannot be reached from
// here: the tests serve a repository shaped as Sigstore's on loopback
// (test/harness/tuf-repository.ts, built with the TUF project's @tufjs/models),
// whose trusted_root.json trusts the Sigstore mock's keys (@sigstore/mock, as in
// sign.test.ts); @sigstore/tuf and tuf-js, the code that talks to the real
// mirror, are what runs. Every test passes a mirror and a cache directory of its
// own, so nothing here asks the public-good mirror or touches ~/.cache.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { CLI_WORDS, OcikitError } from '../../packages/core/src/errors.js';
import type { Descriptor } from '../../packages/core/src/oci/manifest.js';
import { keylessSignerFromEnvironment, signImageDigest, verifyImageSignature } from '../../packages/core/src/sign/index.js';
import { trustedRootFromTuf, withTrustedRoot } from '../../packages/core/src/sign/trusted-root-source.js';
import { fetchTrustedRootThroughTuf, tufCacheDir } from '../../packages/core/src/sign/trusted-root-tuf.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';
import { type TufRepositoryServer, startTufRepository } from '../harness/tuf-repository.js';

const IMAGE: Descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'a1'.repeat(32)}`, size: 1234 };
const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const TOKEN = unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY });
const KEYLESS = { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER };

let mock: SigstoreMock;
let bundle: Uint8Array;
const servers: TufRepositoryServer[] = [];

async function repository(options: Parameters<typeof startTufRepository>[1] = {}, root: unknown = mock.trustedRoot): Promise<TufRepositoryServer> {
  const server = await startTufRepository({ 'trusted_root.json': JSON.stringify(root) }, options);
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<OcikitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OcikitError)) throw new Error(`expected an OcikitError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  mock = await startSigstoreMock({ oidcToken: TOKEN });
  bundle = await signImageDigest(IMAGE, keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: mock.url, rekorURL: mock.url, tsaURL: mock.url, retries: 0 }));
});
afterAll(async () => {
  await Promise.all([mock.close(), ...servers.map((s) => s.close())]);
});

describe('the trusted root through TUF', () => {
  it('is fetched and checked through the repository, and a keyless signature made against the mock verifies with it', async () => {
    const server = await repository();
    const cacheDir = makeTempDir('ocikit-tuf-cache-');
    const policy = await withTrustedRoot(KEYLESS, { mirror: server.url, initialRoot: server.rootPath, cacheDir });
    expect(JSON.parse(policy.trustedRoot as string)).toEqual(mock.trustedRoot);
    // tuf-js's client workflow: a newer root asked for (none), then timestamp, snapshot and targets, then the target by its hash.
    expect(server.requests.map((p) => p.replace(/[0-9a-f]{64}/, '<sha256>'))).toEqual([
      '/2.root.json',
      '/timestamp.json',
      '/1.snapshot.json',
      '/1.targets.json',
      '/targets/<sha256>.trusted_root.json',
    ]);
    const result = await verifyImageSignature(bundle, IMAGE, policy);
    expect(result.signer).toEqual({ kind: 'certificate', identity: IDENTITY, issuer: ISSUER });
    expect({ tlog: result.transparencyLogEntries, tsa: result.signedTimestamps }).toEqual({ tlog: 1, tsa: 1 });
  });

  it('comes from the cache the second time, with no request, while its timestamp metadata is valid', async () => {
    const server = await repository();
    const cacheDir = makeTempDir('ocikit-tuf-cache-');
    const tuf = { mirror: server.url, initialRoot: server.rootPath, cacheDir };
    const first = await fetchTrustedRootThroughTuf(tuf);
    const asked = server.requests.length;
    expect(asked).toBe(5);
    // Without the initial root too: the cache holds the root it trusts.
    expect(await fetchTrustedRootThroughTuf({ mirror: server.url, cacheDir })).toBe(first);
    expect(server.requests.length).toBe(asked);
  });

  it('a trusted root given wins, and a key policy never asks TUF', async () => {
    const server = await repository();
    const tuf = { mirror: server.url, initialRoot: server.rootPath, cacheDir: makeTempDir('ocikit-tuf-cache-') };
    const given = { ...KEYLESS, trustedRoot: mock.trustedRoot };
    expect(await withTrustedRoot(given, tuf)).toBe(given);
    const key = { publicKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    expect(await withTrustedRoot(key, tuf)).toBe(key);
    // An incomplete keyless policy is left for the policy check to refuse, before any request.
    expect(await withTrustedRoot({ certificateIdentity: IDENTITY }, tuf)).toEqual({ certificateIdentity: IDENTITY });
    expect(await withTrustedRoot(KEYLESS, false)).toBe(KEYLESS);
    expect(server.requests).toEqual([]);
    expect([trustedRootFromTuf(KEYLESS), trustedRootFromTuf(given), trustedRootFromTuf(key)]).toEqual([true, false, false]);
  });

  it('the cache lives under $XDG_CACHE_HOME, else ~/.cache', () => {
    expect(tufCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe(join('/x/cache', 'ocikit', 'tuf'));
    expect(tufCacheDir({ HOME: '/home/u' })).toBe(join('/home/u', '.cache', 'ocikit', 'tuf'));
  });
});

describe('what TUF refuses, in words', () => {
  it('an expired root: what failed, and what to try', async () => {
    const server = await repository({ rootExpires: new Date(Date.now() - 24 * 3600 * 1000) });
    const error = await failure(fetchTrustedRootThroughTuf({ mirror: server.url, initialRoot: server.rootPath, cacheDir: makeTempDir('ocikit-tuf-cache-') }));
    expect(error.code).toBe('UNVERIFIED');
    expect(error.describe(CLI_WORDS)).toBe(
      `the TUF repository ${server.url} cannot be trusted: its root metadata has expired\n` +
        '  detail: Final root.json is expired\n' +
        "  hint: the repository's maintainers must sign it again (for a private Sigstore, re-sign its TUF metadata); " +
        'meanwhile give --trusted-root (a trusted_root.json) to verify without the TUF repository',
    );
  });

  it('a trusted_root.json other than the one the targets metadata signs (tampered), even one that would verify the signature', async () => {
    const server = await repository();
    const stranger = await startSigstoreMock();
    try {
      // The same length, other keys: only the signed hash tells it apart.
      const forged = Buffer.from(JSON.stringify(mock.trustedRoot).replace(/"rawBytes":"(.)/, (_, c: string) => `"rawBytes":"${c === 'A' ? 'B' : 'A'}`));
      server.tamperWithTarget('trusted_root.json', forged);
      const error = await failure(fetchTrustedRootThroughTuf({ mirror: server.url, initialRoot: server.rootPath, cacheDir: makeTempDir('ocikit-tuf-cache-') }));
      expect(error.code).toBe('UNVERIFIED');
      expect(error.message).toBe(`the TUF repository ${server.url} served a trusted_root.json that does not match its signed TUF metadata (tampered with or corrupted): refused`);
      expect(error.detail).toMatch(/Expected hash [0-9a-f]{64} but got [0-9a-f]{64}/);
      expect(error.describe(CLI_WORDS)).toContain('hint: check --tuf-mirror is the instance\'s repository, and ask its maintainers; give --trusted-root');
      // A longer one is cut off at the signed length.
      server.tamperWithTarget('trusted_root.json', Buffer.from(JSON.stringify(stranger.trustedRoot)));
      const longer = await failure(fetchTrustedRootThroughTuf({ mirror: server.url, initialRoot: server.rootPath, cacheDir: makeTempDir('ocikit-tuf-cache-') }));
      expect(longer.message).toContain('served a trusted_root.json that does not match its signed TUF metadata');
    } finally {
      await stranger.close();
    }
  });

  it('metadata signed by keys the TUF root does not trust (another repository\'s root)', async () => {
    const server = await repository();
    const other = await repository();
    const error = await failure(fetchTrustedRootThroughTuf({ mirror: server.url, initialRoot: other.rootPath, cacheDir: makeTempDir('ocikit-tuf-cache-') }));
    expect(error.code).toBe('UNVERIFIED');
    expect(error.message).toBe(`the TUF repository ${server.url} served metadata not signed by the keys its TUF root trusts: refused`);
    expect(error.describe(CLI_WORDS)).toContain('hint: check --tuf-mirror and --tuf-root belong to the same Sigstore instance');
  });

  it('a mirror that cannot be reached, or answers with an error, or is not the public-good one with no root given', async () => {
    const server = await repository();
    await server.close();
    const cacheDir = makeTempDir('ocikit-tuf-cache-');
    const unreachable = await failure(fetchTrustedRootThroughTuf({ mirror: server.url, initialRoot: server.rootPath, cacheDir, timeoutMs: 2000 }));
    expect({ code: unreachable.code, message: unreachable.message }).toEqual({ code: 'NETWORK', message: `the TUF repository ${server.url} cannot be reached` });
    // Here "fetch failed" alone: tuf-js rewraps an error of another realm (jest's VM) without its cause; the CLI test sees ECONNREFUSED.
    expect(unreachable.detail).toContain('fetch failed');
    expect(unreachable.describe(CLI_WORDS)).toContain('hint: check the network and --tuf-mirror; give --trusted-root (a trusted_root.json) to verify without the TUF repository');

    // A mirror with no repository at that path: 404 for timestamp.json, said as the server's answer.
    const live = await repository();
    const missing = await failure(fetchTrustedRootThroughTuf({ mirror: `${live.url}/elsewhere`, initialRoot: live.rootPath, cacheDir }));
    expect({ code: missing.code, message: missing.message, detail: missing.detail }).toEqual({
      code: 'NETWORK',
      message: `the TUF repository ${live.url}/elsewhere answered HTTP 404`,
      detail: 'HTTP 404',
    });

    const noRoot = await failure(fetchTrustedRootThroughTuf({ mirror: live.url, cacheDir: makeTempDir('ocikit-tuf-cache-') }));
    expect(noRoot.code).toBe('INVALID_INPUT');
    expect(noRoot.describe(CLI_WORDS)).toBe(
      `the TUF repository ${live.url} is not the public-good Sigstore instance's, and no TUF root was given to trust it by\n` +
        "  hint: give --tuf-root (the initial root.json of that instance's TUF repository)",
    );
    const noFile = await failure(fetchTrustedRootThroughTuf({ mirror: live.url, initialRoot: join(cacheDir, 'none.json'), cacheDir }));
    expect({ code: noFile.code, message: noFile.message }).toEqual({ code: 'INVALID_INPUT', message: `the TUF root ${join(cacheDir, 'none.json')} does not exist or is not a file` });
    const plain = await failure(fetchTrustedRootThroughTuf({ mirror: 'http://tuf.example.com', cacheDir }));
    expect(plain.message).toBe('the TUF mirror URL http://tuf.example.com is not HTTPS');
    expect(live.requests).toEqual(['/elsewhere/2.root.json', '/elsewhere/timestamp.json']);
  });
});
