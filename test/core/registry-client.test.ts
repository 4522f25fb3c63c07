// The RegistryClient's own decisions, against scripted servers on loopback: fakes
// (no real registry redirects in a loop, answers 401 forever, stalls, or speaks TLS with
// a self-signed certificate on demand), each counting the connections it was given. What
// a real registry does with the client is registry-client-faults.test.ts and
// token-auth.test.ts; this file kills the mutants of registry/registry-client.ts
// (docs/reliability.md).
import { afterEach, describe, expect, test } from '@jest/globals';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { OcikitError, inFrontEndWords } from '../../packages/core/src/errors.js';
import { RegistryClient, type RegistryClientOptions, type RegistryRequest } from '../../packages/core/src/registry/registry-client.js';
import { USER_AGENT } from '../../packages/core/src/version.js';
import { createSigningKey } from '../harness/token-issuer.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

interface Scripted {
  url: string;
  host: string;
  seen: Seen[];
  /** Connections accepted so far, and how many of them have closed. */
  connections: { opened: number; closed: number };
  stop(): Promise<void>;
}

type Handler = (request: Seen, res: ServerResponse, n: number) => void;

const running: Scripted[] = [];
const clients: RegistryClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A loopback server answering with `handler` (the n-th request, 1-based); https with a self-signed certificate when asked. */
async function serve(handler: Handler, tls?: { key: unknown; cert: string }): Promise<Scripted> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const connections = { opened: 0, closed: 0 };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers };
      seen.push(request);
      handler(request, res, seen.length);
    });
  };
  const server = tls ? createHttpsServer({ key: tls.key as string, cert: tls.cert }, listener) : createServer(listener);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections.opened++;
    sockets.add(socket);
    socket.on('close', () => {
      connections.closed++;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scripted: Scripted = {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    seen,
    connections,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  running.push(scripted);
  return scripted;
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function client(options: Partial<RegistryClientOptions> & { registry: string }): RegistryClient {
  const made = new RegistryClient({ retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
  clients.push(made);
  return made;
}

const GET = (url = '/v2/app/manifests/v1', more: Partial<RegistryRequest> = {}): RegistryRequest => ({ method: 'GET', url, scope: 'repository:app:pull', idempotent: true, ...more });

async function failure(promise: Promise<unknown>): Promise<OcikitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OcikitError);
  return error as OcikitError;
}

async function drain(response: { body: AsyncIterable<unknown> }): Promise<void> {
  for await (const _ of response.body);
}

async function text(response: { body: AsyncIterable<unknown> }): Promise<string> {
  let out = '';
  for await (const chunk of response.body) out += String(chunk);
  return out;
}

describe('where requests go', () => {
  test('https unless the registry is on loopback or plain HTTP was asked for; the endpoint host when given', () => {
    expect(client({ registry: 'registry.test' }).baseUrl.href).toBe('https://registry.test/');
    expect(client({ registry: 'registry.test', plainHttp: true }).baseUrl.href).toBe('http://registry.test/');
    expect(client({ registry: '127.0.0.1:5000' }).baseUrl.href).toBe('http://127.0.0.1:5000/');
    expect(client({ registry: 'docker.io', endpointHost: 'registry-1.docker.io' }).baseUrl.href).toBe('https://registry-1.docker.io/');
  });

  test('TLS is verified, unless told not to: a self-signed certificate fails, and says what to do', async () => {
    const key = await createSigningKey('127.0.0.1');
    const server = await serve((_r, res) => answer(res, 200, {}, 'ok'), { key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }), cert: key.certificatePem });
    const strict = await failure(client({ registry: 'registry.test', endpointHost: server.host, retry: { maxAttempts: 1 } }).send(GET()));
    expect(strict.code).toBe('NETWORK');
    expect(inFrontEndWords(strict.hint!)).toBe('TLS failed: for a registry without TLS use --plain-http; for a self-signed certificate use --insecure');
    const lenient = await client({ registry: 'registry.test', endpointHost: server.host, insecure: true }).send(GET());
    expect(await text(lenient)).toBe('ok');
  });

  test('a refused connection says nothing listens there, with the code and the cause', async () => {
    const error = await failure(client({ registry: '127.0.0.1:1', retry: { maxAttempts: 1 } }).send(GET('/v2/app/tags/list?n=10')));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe('GET 127.0.0.1:1/v2/app/tags/list: could not reach http://127.0.0.1:1');
    expect(error.detail).toMatch(/^ECONNREFUSED connect ECONNREFUSED 127\.0\.0\.1:1$/);
    expect(error.hint).toBe('nothing is listening there; check the registry address and port');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  test('a connection dropped over TLS is a network fault with the plain hint, not a TLS one; likewise over HTTP', async () => {
    const key = await createSigningKey('127.0.0.1');
    const drop: Handler = (_r, res) => res.socket?.destroy();
    const tls = await serve(drop, { key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }), cert: key.certificatePem });
    const plain = await serve(drop);
    for (const registry of [client({ registry: 'registry.test', endpointHost: tls.host, insecure: true, retry: { maxAttempts: 1 } }), client({ registry: plain.host, retry: { maxAttempts: 1 } })]) {
      const error = await failure(registry.send(GET()));
      expect(error.code).toBe('NETWORK');
      expect(error.hint).toBe('check the network and the registry address; ocikit retried what was safe to retry');
    }
  });

  test('every request says who is asking', async () => {
    const server = await serve((_r, res) => answer(res, 200));
    await (await client({ registry: server.host }).send(GET())).body.resume();
    expect(server.seen[0]!.headers['user-agent']).toBe(USER_AGENT);
  });
});

describe('connections', () => {
  test('HEAD requests reuse their connection', async () => {
    const server = await serve((_r, res) => answer(res, 200));
    const registry = client({ registry: server.host });
    for (let i = 0; i < 3; i++) {
      await drain(await registry.send(GET('/v2/app/blobs/sha256:0', { method: 'HEAD' })));
      await sleep(20); // the connection back in the pool
    }
    expect(server.seen.map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'HEAD']);
    expect(server.connections.opened).toBe(1);
  });

  test('an answer that is retried is read to its end first, so its connection serves the retry', async () => {
    const big = 'x'.repeat(100 * 1024); // more than a stream buffers (unread, it would hold its connection), less than undici's dump() reads
    const server = await serve((_r, res, n) => answer(res, n < 3 ? 503 : 200, {}, n < 3 ? big : 'ok'));
    const registry = client({ registry: server.host, retry: { baseDelayMs: 50, maxDelayMs: 50 } });
    expect(await text(await registry.send(GET()))).toBe('ok');
    expect(server.seen).toHaveLength(3);
    expect(server.connections.opened).toBe(1);
  });

  test('close() closes the connections of the client\'s own pool, and never a pool it was given', async () => {
    const server = await serve((_r, res) => answer(res, 200, {}, 'ok'));
    const own = client({ registry: server.host });
    await text(await own.send(GET()));
    expect(server.connections).toEqual({ opened: 1, closed: 0 });
    await own.close();
    clients.splice(clients.indexOf(own), 1);
    await sleep(50);
    expect(server.connections.closed).toBe(1);

    const shared = new Agent();
    try {
      const borrowing = client({ registry: server.host, dispatcher: shared });
      await text(await borrowing.send(GET()));
      await borrowing.close();
      const still = await shared.request({ origin: server.url, path: '/', method: 'GET' });
      expect(still.statusCode).toBe(200);
      await still.body.dump();
    } finally {
      await shared.close();
    }
  });
});

describe('redirects', () => {
  test('are followed to another host without the credentials, and refused there if it asks for them', async () => {
    const storage = await serve((_r, res) => answer(res, 401, { 'www-authenticate': 'Basic realm="storage"' }));
    const server = await serve((request, res) => {
      if (!request.headers.authorization) return answer(res, 401, { 'www-authenticate': 'Basic realm="registry"' });
      answer(res, 307, { location: `${storage.url}/blob?sig=1` });
    });
    const registry = client({ registry: server.host, credentials: async () => ({ username: 'u', password: 'p' }) });
    const error = await failure(registry.send(GET('/v2/app/blobs/sha256:0', { followRedirects: true })));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.status).toBe(401);
    expect(error.message).toBe(`GET ${server.host}/v2/app/blobs/sha256:0: ${storage.url}, where the registry sent this request, refused it (HTTP 401)`);
    expect(error.hint).toContain(`ocikit sends ${server.host}'s credentials only to ${server.url}`);
    expect(storage.seen).toHaveLength(1);
    expect(storage.seen[0]!.headers.authorization).toBeUndefined();
  });

  test('are followed five times, not six', async () => {
    const server = await serve((_r, res, n) => answer(res, 302, { location: `/hop/${n}` }));
    const error = await failure(client({ registry: server.host }).send(GET('/v2/app/blobs/sha256:0', { followRedirects: true })));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`GET ${server.host}/v2/app/blobs/sha256:0: more than 5 redirects`);
    expect(server.seen).toHaveLength(6);
  });

  test('go to http and https only', async () => {
    const server = await serve((request, res) => answer(res, 302, { location: request.path.includes('ftp') ? 'ftp://127.0.0.1/x' : 'https://127.0.0.1:1/x' }));
    const registry = client({ registry: server.host, retry: { maxAttempts: 1 } });
    const ftp = await failure(registry.send(GET('/v2/ftp', { followRedirects: true })));
    expect(ftp.code).toBe('REGISTRY_ERROR');
    expect(ftp.message).toBe(`GET ${server.host}/v2/ftp: redirected to an unsupported URL scheme ftp:`);
    const https = await failure(registry.send(GET('/v2/https', { followRedirects: true })));
    expect(https.code).toBe('NETWORK'); // followed; nothing listens there
  });

  test('are answers like any other unless followed', async () => {
    const server = await serve((_r, res) => answer(res, 302, { location: '/elsewhere' }));
    const response = await client({ registry: server.host }).send(GET());
    expect(response.status).toBe(302);
    await response.body.resume();
    expect(server.seen).toHaveLength(1);
  });
});

describe('authentication', () => {
  test('a registry that refuses every token is asked three times, not forever', async () => {
    const tokens = await serve((_r, res, n) => answer(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ token: `t${n}` })));
    const server = await serve((_r, res) => answer(res, 401, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="s"` }));
    const response = await client({ registry: server.host }).send(GET());
    expect(response.status).toBe(401);
    await response.body.resume();
    expect(server.seen.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer t1', 'Bearer t2']);
  });

  test('a round of authentication does not use up a retry', async () => {
    const tokens = await serve((_r, res) => answer(res, 200, {}, JSON.stringify({ token: 't' })));
    const server = await serve((request, res, n) => {
      if (!request.headers.authorization) return answer(res, 401, { 'www-authenticate': `Bearer realm="${tokens.url}/token"` });
      answer(res, n < 4 ? 503 : 200);
    });
    const response = await client({ registry: server.host, retry: { maxAttempts: 3, baseDelayMs: 1 } }).send(GET());
    expect(response.status).toBe(200);
    await response.body.resume();
    expect(server.seen).toHaveLength(4);
  });

  test('a response says which Authorization it was sent with, and none when none', async () => {
    const server = await serve((request, res) => answer(res, request.headers.authorization ? 200 : 401, { 'www-authenticate': 'Basic realm="r"' }));
    const response = await client({ registry: server.host, credentials: async () => ({ username: 'u', password: 'p' }) }).send(GET());
    expect(response.sentAuthorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    await response.body.resume();
    const anonymous = await client({ registry: server.host }).send(GET()).catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(OcikitError);
  });
});

describe('deadlines and cancellation', () => {
  const stall: Handler = () => {}; // never answers

  test('a stalled registry fails at the request timeout, with the deadline\'s own error', async () => {
    const server = await serve(stall);
    const error = await failure(client({ registry: server.host, retry: { maxAttempts: 1 }, timeouts: { requestMs: 300 } }).send(GET('/v2/app/manifests/v1', { signal: new AbortController().signal })));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`GET ${server.host}/v2/app/manifests/v1: no complete answer within 0 s`);
  });

  test('the deadline grows with the blob bytes a request moves, up and down', async () => {
    const server = await serve((_r, res) => setTimeout(() => answer(res, 200), 700));
    const registry = client({ registry: server.host, retry: { maxAttempts: 1 }, timeouts: { requestMs: 300, minBytesPerSecond: 1000 } });
    await (await registry.send(GET('/v2/down', { transferBytes: 1000 }))).body.resume();
    await (await registry.send(GET('/v2/up', { method: 'PUT', headers: { 'content-length': '1000' }, body: () => 'x'.repeat(1000) }))).body.resume();
    expect((await failure(registry.send(GET('/v2/none')))).message).toContain('no complete answer within');
  });

  test('the request\'s signal and the client\'s both cancel it, with their reason', async () => {
    const server = await serve(stall);
    const mine = new AbortController();
    const registry = client({ registry: server.host, signal: mine.signal });
    const request = new AbortController();
    setTimeout(() => request.abort(new Error('user gave up')), 50);
    const byRequest = await failure(registry.send(GET('/v2/app/tags/list?n=1', { signal: request.signal })));
    expect(byRequest.code).toBe('CANCELLED');
    expect(byRequest.message).toBe(`GET ${server.host}/v2/app/tags/list: cancelled`);
    expect(byRequest.detail).toBe('user gave up');
    const sigint = new OcikitError('CANCELLED', 'interrupted (SIGINT)');
    setTimeout(() => mine.abort(sigint), 50);
    expect(await failure(registry.send(GET()))).toBe(sigint);
  });

  test('a retry\'s wait ends at once when the request is cancelled', async () => {
    const server = await serve((_r, res) => answer(res, 503, { 'retry-after': '30' }));
    const request = new AbortController();
    const registry = client({ registry: server.host, retry: { maxElapsedMs: 60_000 } });
    setTimeout(() => request.abort(), 100);
    const started = Date.now();
    const error = await failure(registry.send(GET('/v2/x', { signal: request.signal })));
    expect(error.code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a cleanup request goes out even after the client was cancelled', async () => {
    const server = await serve((_r, res) => answer(res, 204));
    const cancelled = new AbortController();
    cancelled.abort();
    const registry = client({ registry: server.host, signal: cancelled.signal });
    expect((await failure(registry.send(GET()))).code).toBe('CANCELLED');
    const response = await registry.send(GET('/v2/app/blobs/uploads/1', { method: 'DELETE', cleanup: true }));
    expect(response.status).toBe(204);
    await response.body.resume();
    expect(server.seen.map((r) => r.method)).toEqual(['DELETE']);
  });

  test('wait() waits, and ends early when its signal or the client\'s fires', async () => {
    const mine = new AbortController();
    const registry = client({ registry: '127.0.0.1:1', signal: mine.signal });
    const started = Date.now();
    await registry.wait(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const own = new AbortController();
    setTimeout(() => own.abort(), 50);
    expect((await failure(registry.wait(30_000, own.signal))).code).toBe('CANCELLED');
    setTimeout(() => mine.abort(), 50);
    const waited = await failure(registry.wait(30_000));
    expect(waited.code).toBe('CANCELLED');
    expect(waited.message).toBe('cancelled'); // no request to name
  });

  test('a cancelled request to an absolute URL (an upload Location) is named by its path, without the query', async () => {
    const server = await serve((_r, res) => answer(res, 202));
    const cancelled = new AbortController();
    cancelled.abort();
    const error = await failure(client({ registry: server.host }).send(GET(`${server.url}/v2/app/blobs/uploads/1?_state=secret`, { method: 'PATCH', signal: cancelled.signal })));
    expect(error.message).toBe(`PATCH ${server.host}/v2/app/blobs/uploads/1: cancelled`);
  });

  test('abortGraceMs: a request under way when its signal fires may finish within the grace, and is cut after it', async () => {
    const slow = (ms: number): Handler => (_r, res) => setTimeout(() => answer(res, 202, {}, 'state'), ms);
    const server = await serve(slow(300));
    const registry = client({ registry: server.host, retry: { maxAttempts: 1 } });
    // Within the grace: the answer arrives, whole.
    const graced = new AbortController();
    setTimeout(() => graced.abort(new Error('interrupted')), 50);
    const finished = await registry.send(GET('/v2/app/blobs/uploads/1', { method: 'PATCH', signal: graced.signal, abortGraceMs: 2000 }));
    expect(finished.status).toBe(202);
    expect(await text(finished)).toBe('state');
    // Past the grace: cut, as cancelled.
    const short = new AbortController();
    setTimeout(() => short.abort(new Error('interrupted')), 50);
    const started = Date.now();
    const cut = await failure(registry.send(GET('/v2/app/blobs/uploads/2', { method: 'PATCH', signal: short.signal, abortGraceMs: 100 })));
    expect(cut.code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(280);
    // A grace with no signal fired is no deadline.
    const quiet = new AbortController();
    const answered = await registry.send(GET('/v2/app/blobs/uploads/3', { method: 'PATCH', signal: quiet.signal, abortGraceMs: 50 }));
    expect(await text(answered)).toBe('state');
  });

  test('abortGraceMs: once the answer has come, the grace no longer runs: its body is read whole', async () => {
    const server = await serve((_r, res) => {
      setTimeout(() => {
        res.writeHead(202, { 'content-length': '10' });
        res.write('state');
        setTimeout(() => res.end('-more'), 400);
      }, 100);
    });
    const registry = client({ registry: server.host });
    // The signal fires after the answer came.
    const after = new AbortController();
    const response = await registry.send(GET('/v2/app/blobs/uploads/1', { method: 'PATCH', signal: after.signal, abortGraceMs: 50 }));
    after.abort(new Error('interrupted'));
    expect(await text(response)).toBe('state-more');
    // The signal fires while the request is under way; the answer comes within the grace, its body after it.
    const during = new AbortController();
    setTimeout(() => during.abort(new Error('interrupted')), 20);
    const answered = await registry.send(GET('/v2/app/blobs/uploads/2', { method: 'PATCH', signal: during.signal, abortGraceMs: 200 }));
    expect(await text(answered)).toBe('state-more');
  });
});

describe('Warning headers', () => {
  test('code 299 texts reach onWarning once each, unescaped, however they are spaced', async () => {
    const server = await serve((_r, res) => {
      res.setHeader('warning', ['299  registry.example  "spaced out"', '299 - "say \\"hi\\""', '199 - "not for users"', '299 - "say \\"hi\\""', '299 - "second"']);
      answer(res, 200);
    });
    const warnings: string[] = [];
    const registry = client({ registry: server.host, onWarning: (m) => warnings.push(m) });
    for (let i = 0; i < 2; i++) await (await registry.send(GET())).body.resume();
    expect(warnings).toEqual([`${server.host}: spaced out`, `${server.host}: say "hi"`, `${server.host}: second`]);
  });
});
