// A token service for the real registry in token-auth mode (distribution's
// `auth.token`): the part Docker Hub, GHCR and Harbor run next to their registry.
// Its keys and certificate are made by openssl and its ES256 JWTs signed with
// Node's crypto, so the registry's own verification (x5c chained to the root
// bundle, iss, aud, exp, nbf, access) is what decides whether a token works.
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { type KeyObject, X509Certificate, createPrivateKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './peers.js';

/** The key of `TokenPolicy.access` that stands for requests without credentials. */
export const ANONYMOUS = '';

export interface TokenPolicy {
  /** Username → password, for Basic auth on GET and the password grant on POST. */
  users: Record<string, string>;
  /** Identity (refresh) token → the user it stands for: the POST refresh_token grant, or Basic `<token>:<identity token>` on GET. */
  identityTokens: Record<string, string>;
  /** User (or ANONYMOUS) → repository name (or '*' for any other) → the actions granted there. */
  access: Record<string, Record<string, string[]>>;
  /** How long a token really works at the registry, in seconds. */
  lifetimeSeconds: number;
  /** The `expires_in` the answer states: default `lifetimeSeconds`; null leaves it out (clients then assume 60 s). */
  expiresIn?: number | null;
  /** Shifts the answered `issued_at` (a token service whose clock differs from ours); seconds. */
  issuedAtOffsetSeconds: number;
  /** Which fields carry the token in the answer (OAuth2 services answer `access_token` only). */
  tokenFields: Array<'token' | 'access_token'>;
  /** When set, POST /token answers this status (404, 405: a service without OAuth2 grants). */
  postStatus?: number;
}

export interface TokenRequest {
  method: 'GET' | 'POST';
  /** `service` as asked. */
  service: string | undefined;
  /** Every scope asked for, in order (repeated `scope` parameters and space-separated lists alike). */
  scopes: string[];
  /** How the client identified itself. */
  auth: 'anonymous' | 'basic' | 'refresh_token' | 'password';
  /** POST `grant_type` as sent. */
  grantType?: string;
  /** POST `client_id` as sent. */
  clientId?: string;
  /** Who the token was issued to; undefined when anonymous or refused. */
  subject?: string;
  /** What the issuer answered. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface SigningKey {
  privateKey: KeyObject;
  certificatePem: string;
  /** The certificate as it goes into a JWT's `x5c` header: base64 DER. */
  certificateBase64Der: string;
}

export interface TokenIssuer {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** The realm a registry names in its challenge: `<url>/token`. */
  realm: string;
  /** The `aud` of every token (the registry's `auth.token.service`). */
  service: string;
  /** The `iss` of every token (the registry's `auth.token.issuer`). */
  issuer: string;
  /** The certificate the registry trusts (its `auth.token.rootcertbundle`). */
  certificatePem: string;
  signingKey: SigningKey;
  /** Every request to /token, in order of arrival. */
  requests: TokenRequest[];
  /** The policy in force. */
  readonly policy: TokenPolicy;
  /** Replaces the policy with the issuer's defaults plus these changes (not on top of earlier changes). */
  setPolicy(changes?: Partial<TokenPolicy>): void;
  /** The default policy and no recorded requests. */
  reset(): void;
  /** Signs a token for `subject` with the access the policy grants for `scopes`, as GET /token would. */
  issue(subject: string | undefined, scopes: string[]): string;
  stop(): Promise<void>;
}

export interface TokenIssuerOptions {
  service?: string;
  issuer?: string;
  policy?: Partial<TokenPolicy>;
}

export const DEFAULT_USERS: Readonly<Record<string, string>> = { ocikit: 'the-s3cret-pass' };

function defaultPolicy(): TokenPolicy {
  return {
    users: { ...DEFAULT_USERS },
    identityTokens: {},
    access: { [ANONYMOUS]: { '*': ['pull'] }, ocikit: { '*': ['pull', 'push', 'delete'] } },
    lifetimeSeconds: 300,
    issuedAtOffsetSeconds: 0,
    tokenFields: ['token', 'access_token'],
  };
}

/**
 * distribution 2.8.2 accepts a token up to 60 s past its `exp` (and before its
 * `nbf`) for clock skew (registry/auth/token `Leeway`). The issuer writes `exp`
 * that much earlier, so a token stops working after `lifetimeSeconds`, not 60 s later.
 */
export const REGISTRY_EXP_LEEWAY_S = 60;

const FORM_LIMIT = 64 * 1024;

/** An EC P-256 key and a self-signed certificate for it, made by openssl. */
export async function createSigningKey(commonName = 'ocikit test token issuer'): Promise<SigningKey> {
  const dir = await mkdtemp(join(tmpdir(), 'ocikit-token-key-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const result = await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', `/CN=${commonName}`,
    ]);
    if (result.code !== 0) throw new Error(`openssl could not make a signing key: ${result.stderr}`);
    const certificatePem = await readFile(certPath, 'utf8');
    return {
      privateKey: createPrivateKey(await readFile(keyPath)),
      certificatePem,
      certificateBase64Der: new X509Certificate(certificatePem).raw.toString('base64'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A compact ES256 JWT whose header carries `key`'s certificate in `x5c`. */
export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const header = { alg: 'ES256', typ: 'JWT', x5c: [key.certificateBase64Der] };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  // JWS wants r||s (IEEE P1363), not the DER Node produces by default.
  const signature = sign('sha256', Buffer.from(signingInput), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${base64url(signature)}`;
}

export async function startTokenIssuer(options: TokenIssuerOptions = {}): Promise<TokenIssuer> {
  const service = options.service ?? 'ocikit-test-registry';
  const issuerName = options.issuer ?? 'ocikit-test-token-issuer';
  const signingKey = await createSigningKey();
  const requests: TokenRequest[] = [];
  const basePolicy = (): TokenPolicy => ({ ...defaultPolicy(), ...options.policy });
  let policy = basePolicy();
  /** Refresh tokens handed out by password grants with access_type=offline → user. */
  const issuedRefreshTokens = new Map<string, string>();

  function issue(subject: string | undefined, scopes: string[]): string {
    const nowMs = Date.now();
    const now = Math.floor(nowMs / 1000);
    return signJwt(
      {
        iss: issuerName,
        sub: subject ?? '',
        aud: service,
        // Rounded up, so the registry never stops a token before the lifetime the answer states.
        exp: Math.ceil(nowMs / 1000 + policy.lifetimeSeconds) - REGISTRY_EXP_LEEWAY_S,
        nbf: now,
        iat: now,
        jti: randomUUID(),
        access: grantedAccess(subject, scopes),
      },
      signingKey,
    );
  }

  function grantedAccess(subject: string | undefined, scopes: string[]): Array<{ type: string; name: string; actions: string[] }> {
    const byUser = policy.access[subject ?? ANONYMOUS] ?? {};
    const access: Array<{ type: string; name: string; actions: string[] }> = [];
    for (const scope of scopes) {
      const parsed = parseScope(scope);
      if (!parsed || parsed.type !== 'repository') continue;
      const allowed = byUser[parsed.name] ?? byUser['*'] ?? [];
      const actions = parsed.actions.filter((action) => allowed.includes(action));
      if (actions.length > 0) access.push({ type: 'repository', name: parsed.name, actions });
    }
    return access;
  }

  function answerToken(res: ServerResponse, subject: string | undefined, scopes: string[], refreshToken?: string): void {
    const token = issue(subject, scopes);
    const body: Record<string, unknown> = {};
    for (const field of policy.tokenFields) body[field] = token;
    const expiresIn = policy.expiresIn === undefined ? policy.lifetimeSeconds : policy.expiresIn;
    if (expiresIn !== null) body.expires_in = expiresIn;
    body.issued_at = new Date(Date.now() + policy.issuedAtOffsetSeconds * 1000).toISOString();
    if (refreshToken) body.refresh_token = refreshToken;
    sendJson(res, 200, body);
  }

  /** The user a Basic header names, `null` for wrong credentials, undefined for none. */
  function basicUser(header: string | undefined): string | null | undefined {
    if (!header) return undefined;
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match) return null;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    // docker's convention: user `<token>` with an identity token as the password.
    if (username === '<token>') return identityUser(password) ?? null;
    return Object.hasOwn(policy.users, username) && policy.users[username] === password ? username : null;
  }

  function identityUser(token: string): string | undefined {
    return Object.hasOwn(policy.identityTokens, token) ? policy.identityTokens[token] : issuedRefreshTokens.get(token);
  }

  function refuse(res: ServerResponse, status: number, code: string, message: string): void {
    const headers: Record<string, string> = status === 401 ? { 'www-authenticate': `Basic realm="${issuerName}"` } : {};
    sendJson(res, status, { errors: [{ code, message }] }, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://issuer');
    const at = Date.now();
    if (url.pathname !== '/token' || (req.method !== 'GET' && req.method !== 'POST')) {
      req.resume();
      return refuse(res, 404, 'NOT_FOUND', 'no such endpoint');
    }
    const record = (entry: Omit<TokenRequest, 'at' | 'method'>): void => {
      requests.push({ method: req.method as 'GET' | 'POST', at, ...entry });
    };

    if (req.method === 'GET') {
      req.resume();
      const asked = url.searchParams.get('service') ?? undefined;
      const scopes = splitScopes(url.searchParams.getAll('scope'));
      const user = basicUser(req.headers.authorization);
      const auth = req.headers.authorization ? 'basic' : 'anonymous';
      if (asked !== undefined && asked !== service) {
        record({ service: asked, scopes, auth, status: 400 });
        return refuse(res, 400, 'INVALID_REQUEST', `unknown service "${asked}"`);
      }
      if (user === null) {
        record({ service: asked, scopes, auth, status: 401 });
        return refuse(res, 401, 'UNAUTHORIZED', 'invalid username or password');
      }
      record({ service: asked, scopes, auth, ...(user ? { subject: user } : {}), status: 200 });
      return answerToken(res, user, scopes);
    }

    if (policy.postStatus !== undefined) {
      req.resume();
      record({ service: undefined, scopes: [], auth: 'anonymous', status: policy.postStatus });
      res.writeHead(policy.postStatus, { 'content-type': 'text/plain' });
      res.end(`POST ${url.pathname} is not supported here\n`);
      return;
    }
    const form = new URLSearchParams(await readLimited(req, FORM_LIMIT));
    const asked = form.get('service') ?? undefined;
    const scopes = splitScopes(form.getAll('scope'));
    const grantType = form.get('grant_type') ?? undefined;
    const clientId = form.get('client_id') ?? undefined;
    const base = { service: asked, scopes, grantType, ...(clientId === undefined ? {} : { clientId }) };
    if (!clientId) {
      record({ ...base, auth: 'anonymous', status: 400 });
      return refuse(res, 400, 'INVALID_REQUEST', 'client_id is required');
    }
    if (asked !== service) {
      record({ ...base, auth: 'anonymous', status: 400 });
      return refuse(res, 400, 'INVALID_REQUEST', `unknown service "${asked ?? ''}"`);
    }
    if (grantType === 'refresh_token') {
      const user = identityUser(form.get('refresh_token') ?? '');
      record({ ...base, auth: 'refresh_token', ...(user ? { subject: user } : {}), status: user ? 200 : 401 });
      if (!user) return refuse(res, 401, 'UNAUTHORIZED', 'invalid refresh token');
      return answerToken(res, user, scopes);
    }
    if (grantType === 'password') {
      const username = form.get('username') ?? '';
      const ok = Object.hasOwn(policy.users, username) && policy.users[username] === form.get('password');
      record({ ...base, auth: 'password', ...(ok ? { subject: username } : {}), status: ok ? 200 : 401 });
      if (!ok) return refuse(res, 401, 'UNAUTHORIZED', 'invalid username or password');
      let refreshToken: string | undefined;
      if (form.get('access_type') === 'offline') {
        refreshToken = randomBytes(24).toString('base64url');
        issuedRefreshTokens.set(refreshToken, username);
      }
      return answerToken(res, username, scopes, refreshToken);
    }
    record({ ...base, auth: 'anonymous', status: 400 });
    return refuse(res, 400, 'UNSUPPORTED_GRANT_TYPE', `grant_type "${grantType ?? ''}" is not supported`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    realm: `${url}/token`,
    service,
    issuer: issuerName,
    certificatePem: signingKey.certificatePem,
    signingKey,
    requests,
    get policy() {
      return policy;
    },
    setPolicy(changes = {}) {
      policy = { ...basePolicy(), ...changes };
    },
    reset() {
      policy = basePolicy();
      requests.splice(0);
      issuedRefreshTokens.clear();
    },
    issue,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/**
 * A token issuer for the tests of a describe block (or file): started in beforeAll,
 * reset (default policy, no recorded requests) after each test, stopped in afterAll.
 * Declare it before `useRegistry({ auth: 'token', tokenIssuer })`, so it runs first.
 */
export function useTokenIssuer(options?: TokenIssuerOptions): TokenIssuer {
  let current: TokenIssuer | undefined;
  beforeAll(async () => {
    current = await startTokenIssuer(options);
  });
  afterEach(() => current?.reset());
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  const the = (): TokenIssuer => {
    if (!current) throw new Error('useTokenIssuer(): the issuer runs only between its beforeAll and afterAll');
    return current;
  };
  return {
    get url() { return the().url; },
    get realm() { return the().realm; },
    get service() { return the().service; },
    get issuer() { return the().issuer; },
    get certificatePem() { return the().certificatePem; },
    get signingKey() { return the().signingKey; },
    get requests() { return the().requests; },
    get policy() { return the().policy; },
    setPolicy: (changes) => the().setPolicy(changes),
    reset: () => the().reset(),
    issue: (subject, scopes) => the().issue(subject, scopes),
    stop: () => the().stop(),
  };
}

/** `type:name:actions` (the name may hold colons only in non-repository types; actions split on commas). */
function parseScope(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return undefined;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',').filter(Boolean) };
}

function splitScopes(values: string[]): string[] {
  return values.flatMap((value) => value.split(' ')).filter(Boolean);
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

async function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
