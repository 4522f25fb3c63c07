// The Bearer token flow against the real registry (distribution 2.8.2) in token
// mode: it verifies every token (ES256, x5c chained to its root bundle, iss, aud,
// exp, access) that the loopback token issuer of the harness signs. Slow pushes read
// their source slowly; what the registry answered is read from its access log. Only
// the mid-upload PUT goes through the fault proxy, which holds it until its token is dead.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Credential,
  type Descriptor,
  MediaType,
  OcikitError,
  RegistryClient,
  RemoteRepository,
  type RemoteRepositoryOptions,
  digestOf,
  pullArtifact,
  pushArtifact,
  staticCredentials,
} from '@ocikit/core';
import { failureOf, fullText, readAll } from '../harness/outcomes.js';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { startRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { DEFAULT_USERS, type TokenRequest, createSigningKey, signJwt, useTokenIssuer } from '../harness/token-issuer.js';

const issuer = useTokenIssuer();
const registry = useRegistry({ auth: 'token', tokenIssuer: issuer });
const USER: Credential = { username: 'ocikit', password: DEFAULT_USERS.ocikit! };
const IDENTITY_TOKEN = 'idt-3f9c2e7a-ocikit-refresh';

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy?.stop();
});

const opened: RemoteRepository[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((repo) => repo.close()));
  proxy.setRules([]);
  proxy.requests.splice(0);
});

/** A repository on the registry (or on the proxy in front of it), closed after the test. */
function open(repository: string, options: RemoteRepositoryOptions & { via?: 'proxy' } = {}): RemoteRepository {
  const { via, ...rest } = options;
  const repo = new RemoteRepository({ registry: via === 'proxy' ? proxy.host : registry.host, repository }, rest);
  opened.push(repo);
  return repo;
}

/** What the issuer was asked, one line per request: `METHOD auth status scopes`. */
function asked(): string[] {
  return issuer.requests.map((r: TokenRequest) => `${r.method} ${r.auth} ${r.status} ${r.scopes.join(' ')}`);
}

/** Files of random bytes in a fresh directory; returns their paths. */
async function randomFiles(sizes: number[]): Promise<string[]> {
  const dir = makeTempDir();
  return Promise.all(
    sizes.map(async (size, i) => {
      const path = join(dir, `part-${i}.bin`);
      await writeFile(path, randomBytes(size));
      return path;
    }),
  );
}

/**
 * An in-memory blob whose every opened stream is counted, so a test can see none
 * is left open. A read from `start` trickles out over `readMs(start)` milliseconds.
 */
function countedBlob(size: number, readMs: (start: number) => number = () => 0) {
  const bytes = randomBytes(size);
  const descriptor: Descriptor = { mediaType: MediaType.OctetStream, digest: digestOf(bytes), size };
  const streams = { opened: 0, closed: 0 };
  const source = {
    descriptor,
    open: (start = 0, end = size - 1) => {
      streams.opened++;
      const part = bytes.subarray(start, end + 1);
      const ms = readMs(start);
      const stream = Readable.from(ms > 0 ? trickle(part, ms) : pieces(part));
      stream.once('close', () => streams.closed++);
      return stream;
    },
  };
  return { bytes, descriptor, source, streams };
}

const PIECE = 64 * 1024;

function* pieces(bytes: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += PIECE) yield bytes.subarray(offset, offset + PIECE);
}

async function* trickle(bytes: Buffer, ms: number): AsyncGenerator<Buffer> {
  const count = Math.ceil(bytes.length / PIECE);
  for (const piece of pieces(bytes)) {
    await sleep(ms / count);
    yield piece;
  }
}

/** The statuses the registry's access log shows for this method on paths starting with `prefix`, in order. */
function registryAnswered(method: string, prefix: string): number[] {
  const line = new RegExp(`"${method} ${prefix.replace(/[/.]/g, '\\$&')}\\S* HTTP/1\\.1" (\\d{3}) `, 'g');
  return [...registry.logs().matchAll(line)].map((match) => Number(match[1]));
}

describe('pulls and pushes', () => {
  test('an anonymous pull of a public repository asks for an anonymous pull token, once', async () => {
    const [file] = await randomFiles([4096]);
    await pushArtifact(open('public/app', { credentials: staticCredentials(USER) }), { files: [{ path: file! }], tags: ['v1'] });
    issuer.requests.splice(0);

    const out = makeTempDir();
    const pulled = await pullArtifact(open('public/app'), 'v1', { outputDir: out });
    expect(pulled.files).toHaveLength(1);
    expect((await readFile(join(out, pulled.files[0]!.title))).equals(await readFile(file!))).toBe(true);
    expect(asked()).toEqual(['GET anonymous 200 repository:public/app:pull']);
    expect(issuer.requests[0]!.service).toBe(issuer.service);
  });

  test('a push with credentials gets one pull token, then one pull,push token, both for the user', async () => {
    const [file] = await randomFiles([2048]);
    const pushed = await pushArtifact(open('team/app', { credentials: staticCredentials(USER) }), { files: [{ path: file! }], tags: ['v1'] });
    expect(asked()).toEqual(['GET basic 200 repository:team/app:pull', 'GET basic 200 repository:team/app:pull,push']);
    expect(issuer.requests.map((r) => r.subject)).toEqual(['ocikit', 'ocikit']);
    expect((await open('team/app').resolve('v1')).digest).toBe(pushed.descriptor.digest);
  });

  test('a wrong password is UNAUTHORIZED with the token service answer, asked once, and never shown', async () => {
    const password = 'not-the-s3cret-4711';
    const files = await randomFiles([100, 200, 300]);
    const repo = open('team/app', { credentials: staticCredentials({ username: 'ocikit', password }) });
    const error = await failureOf(pushArtifact(repo, { files: files.map((path) => ({ path })), tags: ['v1'] }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.status).toBe(401);
    expect(error.message).toBe(`getting a token for ${registry.host} (repository:team/app:pull) from ${issuer.url} failed (HTTP 401)`);
    expect(error.detail).toBe('UNAUTHORIZED: invalid username or password');
    const text = fullText(error);
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(`ocikit:${password}`).toString('base64'));
    // Four blobs were pushed at once: the credentials were refused once and not sent again.
    expect(asked()).toEqual(['GET basic 401 repository:team/app:pull']);
  });

  test('an anonymous push gets a token without push and stops at the registry 401, without asking again', async () => {
    const [file] = await randomFiles([512]);
    const error = await failureOf(pushArtifact(open('team/anonymous'), { files: [{ path: file! }], tags: ['v1'] }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(new RegExp(`^uploading sha256:[0-9a-f]{64} to ${registry.host}/team/anonymous: opening an upload session failed \\(HTTP 401\\)$`));
    expect(error.detail).toContain('UNAUTHORIZED: authentication required');
    expect(asked()).toEqual(['GET anonymous 200 repository:team/anonymous:pull', 'GET anonymous 200 repository:team/anonymous:pull,push']);
  });

  test('a 3-layer push of 30 MiB with concurrency 3 fetches exactly one push token', async () => {
    const files = await randomFiles([10 << 20, 10 << 20, 10 << 20]);
    const repo = open('team/big', { credentials: staticCredentials(USER) });
    const pushed = await pushArtifact(repo, { files: files.map((path) => ({ path })), tags: ['v1'], concurrency: 3 });
    expect(pushed.layers.map((l) => l.outcome)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    expect(asked()).toEqual(['GET basic 200 repository:team/big:pull', 'GET basic 200 repository:team/big:pull,push']);
  });

  test('one token covers a request that names several repositories, and serves the narrower requests after it', async () => {
    const client = new RegistryClient({ registry: registry.host, credentials: staticCredentials(USER) });
    try {
      const both = 'repository:multi/dst:pull,push repository:multi/src:pull';
      const first = await client.send({ method: 'GET', url: '/v2/multi/dst/tags/list', scope: both, idempotent: true });
      await first.body.resume();
      expect(first.status).toBe(404); // authorised; the repository just does not exist yet
      const second = await client.send({
        method: 'GET',
        url: '/v2/multi/src/tags/list',
        scope: 'repository:multi/src:pull',
        idempotent: true,
      });
      await second.body.resume();
      expect(second.status).toBe(404);
      expect(asked()).toEqual(['GET basic 200 repository:multi/dst:pull,push repository:multi/src:pull']);
    } finally {
      await client.close();
    }
  });
});

describe('identity tokens', () => {
  test('go by the OAuth2 refresh-token POST grant; an access_token-only answer is used', async () => {
    issuer.setPolicy({ identityTokens: { [IDENTITY_TOKEN]: 'ocikit' }, tokenFields: ['access_token'] });
    const [file] = await randomFiles([1000]);
    const pushed = await pushArtifact(open('idt/post', { credentials: staticCredentials({ identityToken: IDENTITY_TOKEN }) }), {
      files: [{ path: file! }],
      tags: ['v1'],
    });
    expect(asked()).toEqual(['POST refresh_token 200 repository:idt/post:pull', 'POST refresh_token 200 repository:idt/post:pull,push']);
    expect(issuer.requests.map((r) => [r.grantType, r.clientId, r.subject, r.service])).toEqual([
      ['refresh_token', 'ocikit', 'ocikit', issuer.service],
      ['refresh_token', 'ocikit', 'ocikit', issuer.service],
    ]);
    expect((await open('idt/post').resolve('v1')).digest).toBe(pushed.descriptor.digest);
  });

  test.each([404, 405])('fall back to GET with Basic <token> when the POST answers %i, and stay there', async (status) => {
    issuer.setPolicy({ identityTokens: { [IDENTITY_TOKEN]: 'ocikit' }, postStatus: status });
    const [file] = await randomFiles([1000]);
    const pushed = await pushArtifact(open(`idt/get${status}`, { credentials: staticCredentials({ identityToken: IDENTITY_TOKEN }) }), {
      files: [{ path: file! }],
      tags: ['v1'],
    });
    expect(asked()).toEqual([
      `POST anonymous ${status} `,
      `GET basic 200 repository:idt/get${status}:pull`,
      `GET basic 200 repository:idt/get${status}:pull,push`,
    ]);
    expect(issuer.requests.slice(1).map((r) => r.subject)).toEqual(['ocikit', 'ocikit']);
    expect((await open(`idt/get${status}`).resolve('v1')).digest).toBe(pushed.descriptor.digest);
  });

  test('a refused identity token is UNAUTHORIZED and never shown', async () => {
    const error = await failureOf(open('idt/post', { credentials: staticCredentials({ identityToken: 'idt-unknown-4711' }) }).resolve('v1'));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.detail).toBe('UNAUTHORIZED: invalid refresh token');
    expect(fullText(error)).not.toContain('idt-unknown-4711');
    expect(asked()).toEqual(['POST refresh_token 401 repository:idt/post:pull']);
  });
});

describe('token lifetimes', () => {
  test('issued_at counts: a 60 s token issued 59.5 s ago is renewed before the next request', async () => {
    const [file] = await randomFiles([100]);
    await pushArtifact(open('life/issued', { credentials: staticCredentials(USER) }), { files: [{ path: file! }], tags: ['v1'] });
    issuer.requests.splice(0);
    issuer.setPolicy({ expiresIn: 60, issuedAtOffsetSeconds: -59.5 });
    const repo = open('life/issued');
    await repo.resolve('v1');
    await repo.resolve('v1');
    expect(asked()).toEqual(['GET anonymous 200 repository:life/issued:pull']);
    await sleep(500);
    await repo.resolve('v1');
    expect(asked()).toEqual(['GET anonymous 200 repository:life/issued:pull', 'GET anonymous 200 repository:life/issued:pull']);
  });

  test('a 1 s token that says so is renewed before it runs out during a slow chunked push: no chunk is refused', async () => {
    issuer.setPolicy({ lifetimeSeconds: 1 });
    // Each 1 MiB chunk takes 200 ms to read: six of them outlive the token.
    const blob = countedBlob(6 << 20, () => 200);
    const repo = open('life/honest', { credentials: staticCredentials(USER), chunkSize: 1 << 20 });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');

    const pushTokens = issuer.requests.filter((r) => r.scopes.includes('repository:life/honest:pull,push'));
    expect(pushTokens.length).toBeGreaterThanOrEqual(2);
    expect(registryAnswered('PATCH', '/v2/life/honest/blobs/uploads/')).toEqual([202, 202, 202, 202, 202, 202]);
    expect(blob.streams).toEqual({ opened: 6, closed: 6 });
    expect((await readAll(await open('life/honest', { credentials: staticCredentials(USER) }).fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(
      true,
    );
  });

  test('a token that stops working after 2 s without saying so is renewed on the 401 mid-push, and the push goes on', async () => {
    // No expires_in: the client assumes 60 s, the registry refuses the token after 2 s.
    issuer.setPolicy({ lifetimeSeconds: 2, expiresIn: null });
    // The second chunk takes 3.05 s to read, so the third starts once the token is dead
    // (the issuer rounds exp up: the registry takes it for 2 to 3 s). Straight to the registry:
    // its own answer (401 with Connection: close while the body is coming) is what is tested.
    const blob = countedBlob(4 << 20, (start) => (start === 1 << 20 ? 3050 : 0));
    const repo = open('life/silent', { credentials: staticCredentials(USER), chunkSize: 1 << 20 });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');

    const pushTokens = issuer.requests.filter((r) => r.scopes.includes('repository:life/silent:pull,push'));
    expect(pushTokens).toHaveLength(2);
    // The third chunk was refused and sent again with the new token.
    expect(registryAnswered('PATCH', '/v2/life/silent/blobs/uploads/')).toEqual([202, 202, 401, 202, 202]);
    expect(registryAnswered('PUT', '/v2/life/silent/blobs/uploads/')).toEqual([201]);
    expect(blob.streams).toEqual({ opened: 5, closed: 5 });
    expect((await readAll(await open('life/silent', { credentials: staticCredentials(USER) }).fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(
      true,
    );
  });

  test('a single streamed PUT refused mid-upload because its token ran out is sent again with a new token', async () => {
    issuer.setPolicy({ lifetimeSeconds: 1, expiresIn: null });
    // Held at the proxy until the token is dead; the client has been streaming the body into it.
    proxy.setRules([{ match: { method: 'PUT', path: /\/blobs\/uploads\// }, nth: [1], fault: { kind: 'stall', ms: 2100 } }]);
    const blob = countedBlob(16 << 20);
    const repo = open('life/put', { via: 'proxy', credentials: staticCredentials(USER) });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');

    expect(registryAnswered('PUT', '/v2/life/put/blobs/uploads/')).toEqual([401, 201]);
    const puts = proxy.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[0]!.headers.authorization).not.toBe(puts[1]!.headers.authorization);
    expect(issuer.requests.filter((r) => r.scopes.includes('repository:life/put:pull,push'))).toHaveLength(2);
    expect(blob.streams).toEqual({ opened: 2, closed: 2 });
    expect((await readAll(await open('life/put', { credentials: staticCredentials(USER) }).fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });
});

describe('what the registry and the client refuse', () => {
  test('the registry rejects a token signed by another key, whichever certificate it names', async () => {
    const rogue = await createSigningKey('rogue issuer');
    const genuine = issuer.issue(undefined, ['repository:public/app:pull']);
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const status = async (token: string) => {
      const response = await fetch(`${registry.url}/v2/public/app/tags/list`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return [response.status, response.headers.get('www-authenticate')?.match(/error="([^"]+)"/)?.[1]];
    };
    expect(await status(genuine)).toEqual([200, undefined]);
    expect(await status(signJwt(claims, rogue))).toEqual([401, 'invalid_token']);
    // The trusted certificate in x5c, but a signature by the other key.
    expect(await status(signJwt(claims, { ...rogue, certificateBase64Der: issuer.signingKey.certificateBase64Der }))).toEqual([401, 'invalid_token']);
  });

  test('a token realm on another host over plain HTTP is refused before anything is sent there', async () => {
    const elsewhere = await startRegistry({ auth: 'token', tokenIssuer: { ...issuer, realm: 'http://token.ocikit.invalid/token' } });
    try {
      const other = new RemoteRepository({ registry: elsewhere.host, repository: 'public/app' }, { credentials: staticCredentials(USER) });
      opened.push(other);
      const error = await failureOf(other.resolve('v1'));
      expect(error.code).toBe('REGISTRY_ERROR');
      expect(error.message).toBe(`${elsewhere.host} asked for credentials to be sent to http://token.ocikit.invalid without TLS; refused`);
      expect(fullText(error)).not.toContain(DEFAULT_USERS.ocikit);
      expect(issuer.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});
