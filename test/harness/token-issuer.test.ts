// Proves the token issuer of the harness: what it grants whom, the OAuth2 grants,
// and that its JWTs are ES256 signed by the key its certificate names. Whether the
// registry takes them is proven in test/core/token-auth.test.ts.
import { describe, expect, test } from '@jest/globals';
import { X509Certificate, verify } from 'node:crypto';
import { ANONYMOUS, DEFAULT_USERS, REGISTRY_EXP_LEEWAY_S, useTokenIssuer } from './token-issuer.js';

const issuer = useTokenIssuer();
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function decode(token: string) {
  const [header, claims, signature] = token.split('.') as [string, string, string];
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header), claims: json(claims), signingInput: `${header}.${claims}`, signature: Buffer.from(signature, 'base64url') };
}

async function getToken(query: string, authorization?: string) {
  const response = await fetch(`${issuer.realm}?${query}`, authorization ? { headers: { authorization } } : {});
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function postToken(form: Record<string, string>) {
  const response = await fetch(issuer.realm, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /token', () => {
  test('signs ES256 with the key of the certificate in x5c; grants anonymous pull only', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body } = await getToken(`service=${issuer.service}&scope=repository:a/b:pull,push&scope=repository:c:pull`);
    expect(status).toBe(200);
    expect(body.token).toBe(body.access_token);
    expect(body.expires_in).toBe(300);
    const jwt = decode(String(body.token));
    expect(jwt.header).toEqual({ alg: 'ES256', typ: 'JWT', x5c: [issuer.signingKey.certificateBase64Der] });
    const certificate = new X509Certificate(issuer.certificatePem);
    expect(verify('sha256', Buffer.from(jwt.signingInput), { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, jwt.signature)).toBe(true);
    expect(jwt.claims).toMatchObject({
      iss: issuer.issuer,
      sub: '',
      aud: issuer.service,
      access: [
        { type: 'repository', name: 'a/b', actions: ['pull'] },
        { type: 'repository', name: 'c', actions: ['pull'] },
      ],
    });
    // exp is set back by the registry's leeway, so the token works for 300 s, not 360.
    expect(Number(jwt.claims.exp) + REGISTRY_EXP_LEEWAY_S - before).toBeGreaterThanOrEqual(300);
    expect(Number(jwt.claims.exp) + REGISTRY_EXP_LEEWAY_S - before).toBeLessThanOrEqual(302);
    expect(issuer.requests).toMatchObject([{ method: 'GET', auth: 'anonymous', scopes: ['repository:a/b:pull,push', 'repository:c:pull'], status: 200 }]);
  });

  test('grants a user what the policy says, per repository; refuses a wrong password', async () => {
    issuer.setPolicy({ access: { [ANONYMOUS]: {}, ocikit: { 'only/this': ['pull', 'push'] } } });
    const ok = await getToken('scope=repository:only/this:pull,push,delete&scope=repository:other:pull', basic('ocikit', DEFAULT_USERS.ocikit!));
    expect(decode(String(ok.body.token)).claims).toMatchObject({ sub: 'ocikit', access: [{ name: 'only/this', actions: ['pull', 'push'] }] });
    const wrong = await getToken('scope=repository:only/this:pull', basic('ocikit', 'nope'));
    expect(wrong).toEqual({ status: 401, body: { errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] } });
    expect(issuer.requests.map((r) => [r.auth, r.subject, r.status])).toEqual([
      ['basic', 'ocikit', 200],
      ['basic', undefined, 401],
    ]);
  });
});

describe('POST /token', () => {
  test('a password grant with access_type=offline gives a refresh token that the refresh grant then takes', async () => {
    const form = { service: issuer.service, client_id: 'test', scope: 'repository:x:pull' };
    const first = await postToken({ ...form, grant_type: 'password', username: 'ocikit', password: DEFAULT_USERS.ocikit!, access_type: 'offline' });
    expect(first.status).toBe(200);
    expect(typeof first.body.refresh_token).toBe('string');
    const second = await postToken({ ...form, grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeUndefined();
    expect(decode(String(second.body.access_token)).claims).toMatchObject({ sub: 'ocikit', access: [{ name: 'x', actions: ['pull'] }] });
    expect((await postToken({ ...form, grant_type: 'refresh_token', refresh_token: 'unknown' })).status).toBe(401);
    expect((await postToken({ ...form, client_id: '', grant_type: 'password', username: 'ocikit', password: 'x' })).status).toBe(400);
    expect(issuer.requests.map((r) => `${r.auth} ${r.grantType} ${r.status}`)).toEqual([
      'password password 200',
      'refresh_token refresh_token 200',
      'refresh_token refresh_token 401',
      'anonymous password 400',
    ]);
  });

  test('answers postStatus when POST is switched off', async () => {
    issuer.setPolicy({ postStatus: 405 });
    const response = await fetch(issuer.realm, { method: 'POST', body: 'grant_type=password' });
    await response.arrayBuffer();
    expect(response.status).toBe(405);
  });
});
