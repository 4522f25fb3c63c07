// The Authenticator's decisions one by one, against a scripted token service on
// loopback. It is a fake (hostile-registry.ts): no real token service answers null, a
// token of the wrong type, or a token issued an hour ago on demand. The token flow
// against a real registry and token issuer is token-auth.test.ts; this file pins down
// what that flow cannot show (and kills the mutants of registry/authenticator.ts:
// docs/reliability.md). Where token lifetimes matter, Date.now is held still.
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { Agent } from 'undici';
import { isLoopbackRegistry } from '../../packages/core/src/reference/reference.js';
import { Authenticator, type AuthenticatorOptions } from '../../packages/core/src/registry/authenticator.js';
import type { Credential } from '../../packages/core/src/registry/credentials.js';
import type { AuthChallenge } from '../../packages/core/src/registry/www-authenticate.js';
import { USER_AGENT } from '../../packages/core/src/version.js';
import { type HostileRequest, type HostileServer, json, send, startHostileServer } from '../harness/hostile-registry.js';
import { failureOf } from '../harness/outcomes.js';

const PULL_A = 'repository:a:pull';
const PUSH_A = 'repository:a:pull,push';
const PULL_B = 'repository:b:pull';
const USER: Credential = { username: 'ocikit', password: 'the-s3cret-pass' };

/** What the token service answers to its n-th request (1-based); by default a token `tok-<n>`. */
type Answer = (request: HostileRequest, n: number, res: ServerResponse) => void;
const issue: Answer = (_request, n, res) => json(res, 200, { token: `tok-${n}` });
let answer: Answer = issue;

let service: HostileServer;
const agent = new Agent();
beforeAll(async () => {
  service = await startHostileServer((request, res) => {
    answer(request, service.requests.length, res);
    return true;
  });
});
afterEach(() => {
  answer = issue;
  service.requests.splice(0);
  jest.restoreAllMocks();
});
afterAll(async () => {
  await agent.close();
  await service.stop();
});

function authenticator(options: Partial<AuthenticatorOptions> & { credential?: Credential } = {}): Authenticator {
  const { credential, ...rest } = options;
  return new Authenticator({
    registry: 'registry.test',
    credentials: async () => credential,
    dispatcher: agent,
    userAgent: USER_AGENT,
    allowPlainHttpRealm: false,
    isLoopbackHost: isLoopbackRegistry,
    requestTimeoutMs: 10_000,
    ...rest,
  });
}

function bearer(params: Record<string, string> = {}): AuthChallenge[] {
  return [{ scheme: 'bearer', params: { realm: `${service.url}/token`, service: 'registry.test', ...params } }];
}

/** The token requests so far: method and path (query included). */
const asked = () => service.requests.map((r) => `${r.method} ${r.path}`);

describe('Bearer tokens', () => {
  test('a challenge fetches one anonymous token for the scope, which then serves the requests', async () => {
    const auth = authenticator();
    expect(await auth.authorize(PULL_A)).toBeUndefined(); // nothing asked before the registry asks
    expect(await auth.respond(bearer({ scope: PULL_A }), PULL_A, 'GET x')).toBe(true);
    expect(asked()).toEqual([`GET /token?service=registry.test&scope=${encodeURIComponent(PULL_A)}`]);
    const [request] = service.requests;
    expect(request!.headers['user-agent']).toBe(USER_AGENT);
    expect(request!.headers['content-type']).toBeUndefined();
    expect(request!.headers.authorization).toBeUndefined();
    expect(await auth.authorize(PULL_A)).toBe('Bearer tok-1');
    // A second 401 for a request sent before the token existed: retry with it, no new token.
    expect(await auth.respond(bearer({ scope: PULL_A }), PULL_A, 'GET x')).toBe(true);
    expect(asked()).toHaveLength(1);
  });

  test('a token for one repository is not sent for another', async () => {
    const auth = authenticator();
    await auth.respond(bearer(), PULL_A, 'GET x');
    expect(await auth.authorize(PULL_A)).toBe('Bearer tok-1');
    expect(await auth.authorize(PULL_B)).toBe('Bearer tok-2');
  });

  test('a refused token is dropped; a wider one fetched for the challenge then serves the narrower requests', async () => {
    const auth = authenticator();
    await auth.respond(bearer(), PULL_A, 'GET x');
    expect(await auth.respond(bearer({ scope: PUSH_A }), PULL_A, 'GET x', 'Bearer tok-1')).toBe(true);
    expect(service.requests[1]!.path).toContain(`scope=${encodeURIComponent(PUSH_A)}`);
    expect(await auth.authorize(PULL_A)).toBe('Bearer tok-2');
  });

  test('insufficient_scope for a token that asked for all of it is final: no new token', async () => {
    const auth = authenticator();
    await auth.respond(bearer(), PUSH_A, 'PUT x');
    expect(await auth.respond(bearer({ scope: PUSH_A, error: 'insufficient_scope' }), PUSH_A, 'PUT x', 'Bearer tok-1')).toBe(false);
    expect(asked()).toHaveLength(1);
  });

  test('requests at the same time share one fetch, also when a pending one covers theirs', async () => {
    const auth = authenticator();
    await auth.respond(bearer(), 'repository:x:pull', 'GET x');
    const tokens = await Promise.all([auth.authorize(PUSH_A), auth.authorize(PULL_A), auth.authorize(PUSH_A), auth.authorize(PULL_B)]);
    expect(tokens).toEqual(['Bearer tok-2', 'Bearer tok-2', 'Bearer tok-2', 'Bearer tok-3']);
    expect(asked()).toHaveLength(3);
  });

  test('an empty scope asks for a token without one, and says so when refused', async () => {
    const auth = authenticator();
    await auth.respond(bearer(), '', 'GET /v2/');
    expect(asked()).toEqual(['GET /token?service=registry.test']);
    answer = (_request, _n, res) => json(res, 500, { errors: [{ code: 'UNKNOWN', message: 'down' }] });
    const error = await failureOf(authenticator().respond(bearer(), '', 'GET /v2/'));
    expect(error.message).toBe(`getting a token for registry.test (no scope) from ${service.url} failed (HTTP 500)`);
  });
});

describe('identity tokens', () => {
  const IDENTITY: Credential = { identityToken: 'idt-refresh-1' };

  test('go by the OAuth2 refresh-token POST, every scope in one form field', async () => {
    answer = (_request, n, res) => json(res, 200, { access_token: `acc-${n}` });
    const auth = authenticator({ credential: IDENTITY });
    await auth.respond(bearer(), `${PULL_A} ${PULL_B}`, 'GET x');
    const [request] = service.requests;
    expect(`${request!.method} ${request!.path}`).toBe('POST /token');
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.headers['user-agent']).toBe(USER_AGENT);
    expect(Object.fromEntries(new URLSearchParams(request!.body.toString()))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'idt-refresh-1',
      client_id: 'ocikit',
      service: 'registry.test',
      scope: `${PULL_A} ${PULL_B}`,
    });
    expect(await auth.authorize(PULL_B)).toBe('Bearer acc-1');
  });

  test('leave scope out of the form when there is none', async () => {
    await authenticator({ credential: IDENTITY }).respond(bearer(), '', 'GET /v2/');
    expect(new URLSearchParams(service.requests[0]!.body.toString()).has('scope')).toBe(false);
  });
});

describe('what the token service answers', () => {
  test.each([
    [{ token: 'T' }, 'Bearer T'],
    [{ access_token: 'A' }, 'Bearer A'],
    [{ token: 'T', access_token: 'A' }, 'Bearer T'],
    [{ token: '', access_token: 'A' }, 'Bearer A'],
    [{ token: 5, access_token: 'A' }, 'Bearer A'],
  ])('%j is %j', async (body, authorization) => {
    answer = (_request, _n, res) => json(res, 200, body);
    const auth = authenticator();
    await auth.respond(bearer(), PULL_A, 'GET x');
    expect(await auth.authorize(PULL_A)).toBe(authorization);
  });

  test.each([
    [{}, 'the token service answered without a token'],
    [{ token: '' }, 'the token service answered without a token'],
    [{ access_token: 5 }, 'the token service answered without a token'],
    [null, 'the token service answered something that is not a JSON object'],
    [5, 'the token service answered something that is not a JSON object'],
    ['token', 'the token service answered something that is not a JSON object'],
  ])('%j is refused', async (body, message) => {
    answer = (_request, _n, res) => json(res, 200, body);
    const error = await failureOf(authenticator().respond(bearer(), PULL_A, 'GET x'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`getting a token for registry.test (${PULL_A}) from ${service.url}: ${message}`);
  });

  test('text that is not JSON is refused, and repeated only in part', async () => {
    answer = (_request, _n, res) => send(res, 200, Buffer.from(`<html>${'x'.repeat(1000)}`));
    const error = await failureOf(authenticator().respond(bearer(), PULL_A, 'GET x'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toContain('the token service answered something that is not a JSON object');
    expect(error.detail).toBe(`<html>${'x'.repeat(194)}`);
  });

  test('a refusal of the credentials is final: they are not sent again', async () => {
    answer = (_request, _n, res) => json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad password' }] });
    const auth = authenticator({ credential: USER });
    const first = await failureOf(auth.respond(bearer(), PULL_A, 'GET x'));
    expect(first.code).toBe('UNAUTHORIZED');
    expect(first.status).toBe(401);
    expect(service.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('ocikit:the-s3cret-pass').toString('base64')}`);
    expect(await failureOf(auth.respond(bearer(), PULL_B, 'GET y'))).toBe(first);
    expect(asked()).toHaveLength(1);
  });

  test('403 is a refusal too; an anonymous one is asked again next time', async () => {
    answer = (_request, _n, res) => json(res, 403, { errors: [{ code: 'DENIED', message: 'no' }] });
    const auth = authenticator();
    expect((await failureOf(auth.respond(bearer(), PULL_A, 'GET x'))).code).toBe('UNAUTHORIZED');
    expect((await failureOf(auth.respond(bearer(), PULL_A, 'GET x'))).status).toBe(403);
    expect(asked()).toHaveLength(2);
  });

  test('a token service failure is no refusal: the credentials are tried again next time', async () => {
    answer = (_request, _n, res) => json(res, 500, { errors: [{ code: 'UNKNOWN', message: 'down' }] });
    const auth = authenticator({ credential: USER });
    const error = await failureOf(auth.respond(bearer(), PULL_A, 'GET x'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.status).toBe(500);
    await failureOf(auth.respond(bearer(), PULL_A, 'GET x'));
    expect(asked()).toHaveLength(2);
  });
});

describe('token realms', () => {
  test('a realm that is not a URL is refused, repeated only in part', async () => {
    const error = await failureOf(authenticator().respond([{ scheme: 'bearer', params: { realm: `no url ${'x'.repeat(500)}` } }], PULL_A, 'GET x'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`registry.test named a token realm that is not a URL: "no url ${'x'.repeat(193)}"`);
  });

  test('a realm off loopback must be https, unless plain HTTP was allowed; nothing else will do', async () => {
    const offLoopback = { isLoopbackHost: () => false };
    const plain = await failureOf(authenticator(offLoopback).respond(bearer(), PULL_A, 'GET x'));
    expect(plain.code).toBe('REGISTRY_ERROR');
    expect(plain.message).toBe(`registry.test asked for credentials to be sent to ${service.url} without TLS; refused`);
    expect(asked()).toEqual([]);
    await authenticator({ ...offLoopback, allowPlainHttpRealm: true }).respond(bearer(), PULL_A, 'GET x');
    expect(asked()).toHaveLength(1);
    const ftp = await failureOf(
      authenticator({ allowPlainHttpRealm: true }).respond([{ scheme: 'bearer', params: { realm: `ftp://${service.host}/token` } }], PULL_A, 'GET x'),
    );
    expect(ftp.message).toContain('without TLS; refused');
    // https is taken anywhere: here it fails only because nothing listens.
    const https = await failureOf(authenticator(offLoopback).respond([{ scheme: 'bearer', params: { realm: 'https://127.0.0.1:1/token' } }], PULL_A, 'GET x'));
    expect(https.code).toBe('NETWORK');
    expect(https.message).toBe('getting a token for registry.test: could not reach the token service https://127.0.0.1:1');
    expect(https.detail).toBe('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1');
    expect((https.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  test('a token service that does not answer in time fails with the deadline, as it is', async () => {
    answer = () => {}; // never answers
    const error = await failureOf(authenticator({ requestTimeoutMs: 300 }).respond(bearer(), PULL_A, 'GET x'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/no complete answer within 0 s$/);
  });
});

describe('Basic and other schemes', () => {
  const BASIC: AuthChallenge[] = [{ scheme: 'basic', params: { realm: 'registry' } }];

  test('Basic sends the credential; refused as sent, it is not sent again', async () => {
    const auth = authenticator({ credential: USER });
    expect(await auth.respond(BASIC, PULL_A, 'GET x')).toBe(true);
    const header = `Basic ${Buffer.from('ocikit:the-s3cret-pass').toString('base64')}`;
    expect(await auth.authorize(PULL_B)).toBe(header);
    expect(await auth.respond(BASIC, PULL_A, 'GET x')).toBe(true); // that request went out before we had it
    expect(await auth.respond(BASIC, PULL_A, 'GET x', header)).toBe(false);
  });

  test('Basic without a username and password is UNAUTHORIZED, saying what to provide', async () => {
    for (const credential of [undefined, { identityToken: 'idt' }]) {
      const error = await failureOf(authenticator({ credential }).respond(BASIC, PULL_A, 'GET x'));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.status).toBe(401);
      expect(error.message).toBe('GET x: registry.test requires a username and password');
      expect(error.hint).toContain('provide a username and password or token');
    }
  });

  test('a scheme ocikit does not speak is UNAUTHORIZED naming it, even with credentials at hand', async () => {
    const auth = authenticator({ credential: USER });
    for (const [challenges, detail] of [
      [[{ scheme: 'negotiate', params: {} }], 'negotiate'],
      [[{ scheme: 'bearer', params: { service: 'no realm' } }, { scheme: 'ntlm', params: {} }], 'bearer, ntlm'],
      [[], 'no WWW-Authenticate challenge'],
    ] as Array<[AuthChallenge[], string]>) {
      const error = await failureOf(auth.respond(challenges, PULL_A, 'GET x'));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.status).toBe(401);
      expect(error.message).toBe('GET x: registry.test asked for an authentication scheme ocikit does not speak');
      expect(error.detail).toBe(detail);
    }
    expect(await auth.authorize(PULL_A)).toBeUndefined();
  });
});

describe('token lifetimes', () => {
  const T = Date.parse('2030-01-01T00:00:00Z');

  /**
   * An authenticator holding a token from an answer received at T (the token and `fields`,
   * JSON text: 1e400 is a number JSON can say and Infinity is not); `at(ms)` asks it for the token ms later.
   */
  async function tokenAt(fields: string) {
    answer = (_request, n, res) => send(res, 200, Buffer.from(`{"token":"tok-${n}"${fields ? `,${fields}` : ''}}`));
    const now = jest.spyOn(Date, 'now').mockReturnValue(T);
    const auth = authenticator();
    await auth.respond(bearer(), PULL_A, 'GET x');
    return async (ms: number) => {
      now.mockReturnValue(T + ms);
      return auth.authorize(PULL_A);
    };
  }

  test('expires_in counts, less a quarter of it up to 10 s', async () => {
    const at = await tokenAt('"expires_in":40');
    expect(await at(29_999)).toBe('Bearer tok-1');
    expect(await at(30_000)).toBe('Bearer tok-2');
    const short = await tokenAt('"expires_in":1');
    expect(await short(749)).toBe('Bearer tok-3');
    expect(await short(750)).toBe('Bearer tok-4');
  });

  test('no usable expires_in means the 60 s default', async () => {
    for (const fields of ['"expires_in":0', '"expires_in":-5', '"expires_in":"40"', '"expires_in":1e400', '']) {
      service.requests.splice(0);
      const at = await tokenAt(fields);
      expect(await at(49_999)).toBe('Bearer tok-1');
      expect(await at(50_000)).toBe('Bearer tok-2');
    }
  });

  test('issued_at shortens a token, but one that would be dead on arrival is taken as issued now', async () => {
    const issuedAt = (ms: number) => `"expires_in":60,"issued_at":"${new Date(T + ms).toISOString()}"`;
    const recent = await tokenAt(issuedAt(-20_000));
    expect(await recent(29_999)).toBe('Bearer tok-1');
    expect(await recent(30_000)).toBe('Bearer tok-2');
    const exactlyDead = await tokenAt(issuedAt(-60_000));
    expect(await exactlyDead(1)).toBe('Bearer tok-3');
    const hourOld = await tokenAt(issuedAt(-3_600_000));
    expect(await hourOld(49_999)).toBe('Bearer tok-4');
    const future = await tokenAt(issuedAt(3_600_000));
    expect(await future(50_000)).toBe('Bearer tok-6');
  });
});
