// The registry client against a real registry (distribution 2.8.2) behind a proxy
// that breaks requests on purpose: retries, Retry-After, give-up, dropped and cut
// connections, Warning headers, redirects to storage, basic auth, uploads.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { OcikitError } from '../../packages/core/src/errors.js';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import { type Descriptor, type ImageManifest, describeManifest, encodeManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { type BasicCredential, type Credential, staticCredentials } from '../../packages/core/src/registry/credentials.js';
import { RemoteRepository, type RemoteRepositoryOptions } from '../../packages/core/src/registry/remote-repository.js';
import type { BlobSource } from '../../packages/core/src/target/target.js';
import { failureOf, fullText, readAll } from '../harness/outcomes.js';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../harness/fault-proxy.js';
import { type RunningRegistry, useRegistry } from '../harness/registry.js';

const REPO = 'x/y';
const RETRY = { baseDelayMs: 10, maxDelayMs: 200, maxElapsedMs: 5000 };
const MAX_ATTEMPTS = 5; // the default policy's

interface Blob {
  bytes: Buffer;
  descriptor: Descriptor;
  source: BlobSource;
}

function blobOf(bytes: Buffer, mediaType: string = MediaType.OctetStream): Blob {
  const descriptor: Descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length };
  // `end` is inclusive, as BlobSource.open defines it.
  return { bytes, descriptor, source: { descriptor, open: (start = 0, end = bytes.length - 1) => Readable.from([bytes.subarray(start, end + 1)]) } };
}

/** A layer, its config and a manifest tagged v1, pushed straight to the registry (not through the proxy). */
interface Seed {
  layer: Blob;
  config: Blob;
  manifest: { descriptor: Descriptor; bytes: Uint8Array };
}

async function seed(registry: RunningRegistry, credential?: Credential): Promise<Seed> {
  const repo = new RemoteRepository({ registry: registry.host, repository: REPO }, credential ? { credentials: staticCredentials(credential) } : {});
  try {
    const layer = blobOf(randomBytes(256 * 1024), MediaType.Layer);
    const config = blobOf(Buffer.from('{"architecture":"amd64","os":"linux"}'), MediaType.ImageConfig);
    await repo.pushBlob(layer.source);
    await repo.pushBlob(config.source);
    const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: config.descriptor, layers: [layer.descriptor] };
    const bytes = encodeManifest(manifest);
    const descriptor = describeManifest(manifest, bytes);
    await repo.pushManifest(descriptor, bytes, 'v1');
    return { layer, config, manifest: { descriptor, bytes } };
  } finally {
    await repo.close();
  }
}

/**
 * A registry behind a fault proxy for one describe block; each test gets a fresh
 * client (`open`), closed after it, and a proxy with no rules and no requests.
 */
function useProxiedRegistry(options: { auth?: 'basic' } = {}) {
  const registry = useRegistry(options.auth ? { auth: options.auth } : {});
  const state: { proxy?: FaultProxy; seed?: Seed } = {};
  const opened: RemoteRepository[] = [];
  beforeAll(async () => {
    const [user, password] = Object.entries(registry.users)[0] ?? [];
    state.seed = await seed(registry, user && password ? { username: user, password } : undefined);
    state.proxy = await startFaultProxy(registry.url);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((repo) => repo.close()));
    state.proxy?.setRules([]);
    state.proxy?.requests.splice(0);
  });
  afterAll(async () => {
    await state.proxy?.stop();
  });
  return {
    registry,
    get proxy(): FaultProxy {
      return state.proxy!;
    },
    get seed(): Seed {
      return state.seed!;
    },
    faults(...rules: FaultRule[]): void {
      state.proxy!.setRules(rules);
    },
    open(options: RemoteRepositoryOptions = {}): RemoteRepository {
      const repo = new RemoteRepository({ registry: state.proxy!.host, repository: REPO }, { retry: RETRY, ...options });
      opened.push(repo);
      return repo;
    },
    /** The requests the proxy saw with this method whose path matches. */
    seen(method: string, path: RegExp) {
      return state.proxy!.requests.filter((r) => r.method === method && path.test(r.path));
    },
  };
}

const MANIFEST_PATH = /^\/v2\/x\/y\/manifests\/v1$/;
const BLOB_PATH = /^\/v2\/x\/y\/blobs\/sha256:/;

describe('registry client against faults (anonymous registry)', () => {
  const env = useProxiedRegistry();

  describe('503 twice, then success', () => {
    const cases: Array<{ name: string; method: string; path: RegExp; run: (repo: RemoteRepository) => Promise<void> }> = [
      {
        name: 'GET manifest',
        method: 'GET',
        path: MANIFEST_PATH,
        run: async (repo) => {
          const fetched = await repo.fetchManifest('v1');
          expect(Buffer.from(fetched.bytes)).toEqual(Buffer.from(env.seed.manifest.bytes));
          expect(fetched.descriptor.digest).toBe(env.seed.manifest.descriptor.digest);
        },
      },
      {
        name: 'HEAD blob',
        method: 'HEAD',
        path: BLOB_PATH,
        run: async (repo) => {
          expect(await repo.exists(env.seed.layer.descriptor)).toBe(true);
        },
      },
      {
        name: 'GET blob',
        method: 'GET',
        path: BLOB_PATH,
        run: async (repo) => {
          expect((await readAll(await repo.fetchBlob(env.seed.layer.descriptor))).equals(env.seed.layer.bytes)).toBe(true);
        },
      },
    ];
    test.each(cases)('$name', async ({ method, path, run }) => {
      env.faults({ match: { method, path }, nth: [1, 2], fault: { kind: 'status', status: 503, body: 'try again' } });
      await run(env.open());
      expect(env.seen(method, path)).toHaveLength(3);
      expect(env.proxy.requests).toHaveLength(3);
    });
  });

  test('429 with Retry-After: 1 waits a second, then succeeds', async () => {
    env.faults({ match: { method: 'GET', path: MANIFEST_PATH }, nth: [1], fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    await env.open().fetchManifest('v1');
    const [first, second, ...rest] = env.seen('GET', MANIFEST_PATH);
    expect(rest).toHaveLength(0);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  test('a Retry-After beyond maxElapsedMs gives up at once with the 429', async () => {
    env.faults({ match: { method: 'GET', path: MANIFEST_PATH }, fault: { kind: 'status', status: 429, headers: { 'retry-after': '3600' } } });
    const started = Date.now();
    const error = await failureOf(env.open().fetchManifest('v1'));
    expect(Date.now() - started).toBeLessThan(RETRY.maxElapsedMs);
    expect(error.status).toBe(429);
    expect(error.message).toBe(`reading manifest ${env.proxy.host}/x/y:v1 failed (HTTP 429)`);
    expect(error.hint).toMatch(/throttling/);
    expect(env.proxy.requests).toHaveLength(1);
  });

  test("GHCR's 429, which says when to retry in its body and not in a header, is waited out as it says", async () => {
    const body = '{"errors":[{"code":"TOOMANYREQUESTS","message":"retry-after: 700.5ms, allowed: 44000/minute"}]}';
    env.faults({ match: { method: 'GET', path: MANIFEST_PATH }, nth: [1], fault: { kind: 'status', status: 429, body } });
    await env.open().fetchManifest('v1');
    const [first, second, ...rest] = env.seen('GET', MANIFEST_PATH);
    expect(rest).toHaveLength(0);
    // Our own backoff would have come back within RETRY.baseDelayMs.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(650);
  });

  test("a 429 whose body's wait is past maxElapsedMs gives up at once, with the registry's words", async () => {
    const body = '{"errors":[{"code":"TOOMANYREQUESTS","message":"retry-after: 1h0m0s, allowed: 2000/minute"}]}';
    env.faults({ match: { method: 'GET', path: MANIFEST_PATH }, fault: { kind: 'status', status: 429, body } });
    const error = await failureOf(env.open().fetchManifest('v1'));
    expect(error.status).toBe(429);
    expect(error.detail).toBe('TOOMANYREQUESTS: retry-after: 1h0m0s, allowed: 2000/minute');
    expect(env.proxy.requests).toHaveLength(1);
  });

  test("Docker Hub's rate-limit headers are in the error when the 429s do not end", async () => {
    const headers = { 'retry-after': '3600', 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600', 'docker-ratelimit-source': '203.0.113.7' };
    const body = '{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your unauthenticated pull rate limit."}]}';
    env.faults({ match: { method: 'GET', path: MANIFEST_PATH }, fault: { kind: 'status', status: 429, headers, body } });
    const error = await failureOf(env.open().fetchManifest('v1'));
    expect(error.detail).toBe(
      'TOOMANYREQUESTS: You have reached your unauthenticated pull rate limit.; ratelimit-limit: 100;w=21600, ratelimit-remaining: 0;w=21600, docker-ratelimit-source: 203.0.113.7, retry-after: 3600',
    );
  });

  test('a 500 every time fails after maxAttempts, naming the operation and the status', async () => {
    env.faults({ match: { path: MANIFEST_PATH }, fault: { kind: 'status', status: 500, body: '{"errors":[{"code":"UNKNOWN","message":"storage on fire"}]}' } });
    const error = await failureOf(env.open().fetchManifest('v1'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.status).toBe(500);
    expect(error.message).toBe(`reading manifest ${env.proxy.host}/x/y:v1 failed (HTTP 500)`);
    expect(error.detail).toBe('UNKNOWN: storage on fire');
    expect(env.proxy.requests).toHaveLength(MAX_ATTEMPTS);
  });

  test('a connection reset on a GET is retried', async () => {
    env.faults({ match: { method: 'GET', path: BLOB_PATH }, nth: [1], fault: { kind: 'reset' } });
    const bytes = await readAll(await env.open().fetchBlob(env.seed.layer.descriptor));
    expect(bytes.equals(env.seed.layer.bytes)).toBe(true);
    expect(env.seen('GET', BLOB_PATH)).toHaveLength(2);
  });

  test('a blob body cut short is an error naming the blob, never a read of the wrong bytes', async () => {
    env.faults({ match: { method: 'GET', path: BLOB_PATH }, fault: { kind: 'truncate-body', afterBytes: 1000 } });
    const { digest } = env.seed.layer.descriptor;
    const stream = await env.open().fetchBlob(env.seed.layer.descriptor);
    let received = 0;
    stream.on('data', (chunk: Buffer) => (received += chunk.length));
    const error = await failureOf(readAll(stream));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain(`(${digest}) from ${env.proxy.host}/x/y: the connection broke off`);
    expect(error.detail).toMatch(/UND_ERR_SOCKET/);
    // Each cut is resumed with Range (test/reliability/resume.test.ts), bounded: 1000 bytes a time is no progress.
    expect(received).toBeLessThanOrEqual(MAX_ATTEMPTS * 1000); // what arrived before the cuts, never passed off as the blob
    expect(env.seen('GET', BLOB_PATH)).toHaveLength(MAX_ATTEMPTS);
  });

  test('Warning: 299 reaches onWarning once, however many answers carry it', async () => {
    const warnings: string[] = [];
    env.faults({ match: {}, fault: { kind: 'add-headers', headers: { warning: '299 - "this repo is deprecated"' } } });
    const repo = env.open({ onWarning: (message) => warnings.push(message) });
    await repo.resolve('v1');
    await repo.fetchManifest('v1');
    expect(await repo.exists(env.seed.layer.descriptor)).toBe(true);
    expect(env.proxy.requests).toHaveLength(3);
    expect(warnings).toEqual([`${env.proxy.host}: this repo is deprecated`]);
  });

  test('pushBlob in 1 MiB chunks sends 5 PATCHes for 5 MiB, and the bytes read back', async () => {
    const blob = blobOf(randomBytes(5 * 1024 * 1024));
    const repo = env.open({ chunkSize: 1024 * 1024 });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');
    expect(env.proxy.requests.map((r) => r.method)).toEqual(['HEAD', 'POST', 'PATCH', 'PATCH', 'PATCH', 'PATCH', 'PATCH', 'PUT']);
    const ranges = env.seen('PATCH', /./).map((r) => r.headers['content-range']);
    expect(ranges).toEqual([0, 1, 2, 3, 4].map((i) => `${i * 1024 * 1024}-${(i + 1) * 1024 * 1024 - 1}`));
    expect((await readAll(await repo.fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('pushBlob without chunkSize is one POST and one PUT', async () => {
    const blob = blobOf(randomBytes(5 * 1024 * 1024));
    const repo = env.open();
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');
    expect(env.proxy.requests.map((r) => r.method)).toEqual(['HEAD', 'POST', 'PUT']);
    expect(env.proxy.requests[2]!.headers['content-length']).toBe(String(5 * 1024 * 1024));
    expect((await readAll(await repo.fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('a PATCH whose connection drops mid-body is not sent again blindly: the session is asked first', async () => {
    const blob = blobOf(randomBytes(3 * 1024 * 1024));
    env.faults({ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'drop-request-after', bytes: 64 * 1024 } });
    const repo = env.open({ chunkSize: 1024 * 1024 });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');
    // The status GET says the registry holds the first chunk: the second goes again, from there (test/reliability/).
    expect(env.proxy.requests.map((r) => r.method)).toEqual(['HEAD', 'POST', 'PATCH', 'PATCH', 'GET', 'PATCH', 'PATCH', 'PUT']);
    expect(env.seen('PATCH', /./).map((r) => r.headers['content-range'])).toEqual(['0-1048575', '1048576-2097151', '1048576-2097151', '2097152-3145727']);
    expect((await readAll(await repo.fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test("a refused manifest PUT reports the registry's own error text", async () => {
    const body = '{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid","detail":"x"}]}';
    env.faults({ match: { method: 'PUT', path: /\/manifests\// }, fault: { kind: 'status', status: 400, body } });
    const { descriptor, bytes } = env.seed.manifest;
    const repo = env.open();
    const error = await failureOf(repo.pushManifest(descriptor, bytes, 'v2'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.status).toBe(400);
    expect(error.message).toBe(`pushing manifest ${env.proxy.host}/x/y:v2 failed (HTTP 400)`);
    expect(error.detail).toBe('MANIFEST_INVALID: manifest invalid: "x"');
    expect(env.seen('PUT', /./)).toHaveLength(1); // a 400 is not retried
    // The proxy answered: the registry never stored the tag.
    expect((await failureOf(repo.fetchManifest('v2'))).code).toBe('NOT_FOUND');
  });
});

describe('registries that keep tags immutable (their refusals, played by the proxy in front of distribution)', () => {
  const env = useProxiedRegistry();

  test("ECR's refusal to move a tag is ALREADY_EXISTS, in its words, with what to do", async () => {
    const body = `{"errors":[{"code":"TAG_INVALID","message":"The image tag 'v1' already exists in the 'x/y' repository and cannot be overwritten because the repository is immutable."}]}`;
    env.faults({ match: { method: 'PUT', path: /\/manifests\/v1$/ }, fault: { kind: 'status', status: 400, body } });
    const error = await failureOf(env.open().pushManifest(env.seed.manifest.descriptor, env.seed.manifest.bytes, 'v1'));
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(error.message).toBe(`${env.proxy.host}/x/y:v1 exists and the registry keeps it immutable (HTTP 400)`);
    expect(error.detail).toMatch(/^TAG_INVALID: .*cannot be overwritten because the repository is immutable/);
    expect(error.hint).toMatch(/^push under a new tag/);
  });

  test("Harbor's 412 on the sha256-<hex> referrers index is its immutability, not an If-Match conflict: one try, and the pattern to exclude", async () => {
    const body = '{"errors":[{"code":"PRECONDITION","message":"The tag:x/y:sha256-… is immutable, cannot be overwrite."}]}';
    env.faults({ match: { method: 'PUT', path: /\/manifests\/sha256-/ }, fault: { kind: 'status', status: 412, body } });
    const { seed } = env;
    const referrer: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ImageManifest,
      artifactType: 'application/spdx+json',
      config: { mediaType: MediaType.Empty, digest: digestOf(Buffer.from('{}')), size: 2, data: 'e30=' },
      layers: [seed.config.descriptor],
      subject: seed.manifest.descriptor,
    };
    const repo = env.open({ referrersMode: 'tag' });
    await repo.pushBlob(blobOf(Buffer.from('{}'), MediaType.Empty).source);
    const bytes = encodeManifest(referrer);
    const error = await failureOf(repo.pushManifest(describeManifest(referrer, bytes), bytes));
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(error.status).toBe(412);
    expect(error.hint).toContain('exclude the pattern sha256-* from the immutability rule');
    expect(env.seen('PUT', /\/manifests\/sha256-/)).toHaveLength(1);
  });
});

/** Object storage stand-in (none can run here): serves bytes at any path and records what it was sent. */
async function startStorage(body: Buffer): Promise<{ url: string; requests: IncomingHttpHeaders[]; stop(): Promise<void> }> {
  const requests: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('registry client against faults (basic-auth registry)', () => {
  const env = useProxiedRegistry({ auth: 'basic' });
  const credential = (): BasicCredential => {
    const [username, password] = Object.entries(env.registry.users)[0]!;
    return { username, password };
  };

  test('a blob redirected to storage is read and verified; storage never sees the credentials', async () => {
    const storage = await startStorage(env.seed.layer.bytes);
    try {
      env.faults({ match: { method: 'GET', path: BLOB_PATH }, fault: { kind: 'redirect', location: `${storage.url}/bucket/blob?sig=abc` } });
      const repo = env.open({ credentials: staticCredentials(credential()) });
      // Authenticates first (401, then Basic), so the blob GET carries credentials from the start.
      expect(await repo.exists(env.seed.layer.descriptor)).toBe(true);
      const bytes = await readAll(await repo.fetchBlob(env.seed.layer.descriptor));
      expect(bytes.equals(env.seed.layer.bytes)).toBe(true);
      const blobGets = env.seen('GET', BLOB_PATH);
      expect(blobGets).toHaveLength(1);
      expect(blobGets[0]!.headers.authorization).toMatch(/^Basic /);
      expect(storage.requests).toHaveLength(1);
      expect(storage.requests[0]!.authorization).toBeUndefined();
    } finally {
      await storage.stop();
    }
  });

  test('storage answering other bytes is a DIGEST_MISMATCH', async () => {
    const other = Buffer.from(env.seed.layer.bytes);
    other[0] = other[0]! ^ 0xff;
    const storage = await startStorage(other);
    try {
      env.faults({ match: { method: 'GET', path: BLOB_PATH }, fault: { kind: 'redirect', location: `${storage.url}/bucket/blob` } });
      const repo = env.open({ credentials: staticCredentials(credential()) });
      const error = await failureOf(repo.fetchBlob(env.seed.layer.descriptor).then(readAll));
      expect(error.code).toBe('DIGEST_MISMATCH');
      expect(storage.requests).toHaveLength(1);
    } finally {
      await storage.stop();
    }
  });

  test('a wrong password is UNAUTHORIZED, and the error never shows it', async () => {
    const { username } = credential();
    const password = 'wrong-pass-4711';
    const error = await failureOf(env.open({ credentials: staticCredentials({ username, password }) }).fetchManifest('v1'));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.status).toBe(401);
    expect(error.message).toBe(`reading manifest ${env.proxy.host}/x/y:v1 failed (HTTP 401)`);
    const text = fullText(error);
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(`${username}:${password}`).toString('base64'));
    // One anonymous request, then the credentials once: refused credentials are not sent again.
    const gets = env.seen('GET', MANIFEST_PATH);
    expect(gets.map((r) => r.headers.authorization === undefined)).toEqual([true, false]);
  });

  test('the right password works', async () => {
    const fetched = await env.open({ credentials: staticCredentials(credential()) }).fetchManifest('v1');
    expect(fetched.descriptor.digest).toBe(env.seed.manifest.descriptor.digest);
    expect(env.seen('GET', MANIFEST_PATH).map((r) => r.headers.authorization === undefined)).toEqual([true, false]);
  });
});
