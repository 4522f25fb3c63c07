import type { Dispatcher } from 'undici';
import { OcikitError, optionRef } from '../errors.js';
import { type Credential, type CredentialProvider, IDENTITY_TOKEN_USER, credentialSecrets, isBasicCredential } from './credentials.js';
import { redactSecrets } from '../util/text.js';
import { requestDeadline } from './deadline.js';
import { readBounded } from '../util/read-bounded.js';
import { registryAnswer } from './registry-error.js';
import { mergeScopes, scopeCovers } from './scope.js';
import type { AuthChallenge } from './www-authenticate.js';

interface CachedToken {
  /** The scopes it was asked for (merged), which it is used for and for any narrower request. */
  scope: string;
  authorization: string;
  /** From here on a new token is fetched before a request rather than risking a 401 mid-upload. */
  renewAt: number;
}

/** Tokens are renewed this long before they expire (less for short-lived ones, see renewalTime). */
const EXPIRY_MARGIN_MS = 10_000;
/** The distribution spec's default lifetime when a token response names none. */
const DEFAULT_TOKEN_LIFETIME_S = 60;
const TOKEN_RESPONSE_LIMIT = 1024 * 1024;
const CLIENT_ID = 'ocikit';

export interface AuthenticatorOptions {
  registry: string;
  credentials: CredentialProvider;
  dispatcher: Pick<Dispatcher, 'request'>;
  userAgent: string;
  /** Whether plain HTTP is acceptable for a token realm on a non-loopback host. */
  allowPlainHttpRealm: boolean;
  isLoopbackHost: (host: string) => boolean;
  /** The whole of one token request, answer included. */
  requestTimeoutMs: number;
}

interface TokenAnswer {
  token?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
  issued_at?: unknown;
}

/**
 * Answers a registry's `WWW-Authenticate` challenges: Basic with the stored
 * credential, Bearer by fetching a token for the request's scope (anonymously,
 * with Basic credentials, or with an identity token's OAuth2 refresh grant).
 * Tokens are cached per scope, serve any request they cover, are fetched once
 * however many requests want them at the same time, and are renewed shortly
 * before they expire, or when the registry answers 401 to one.
 */
export class Authenticator {
  private basicHeader: string | undefined;
  private bearer: { realm: URL; service: string | undefined } | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<CachedToken>>();
  /** Token services that answered 404/405 to the OAuth2 POST: identity tokens go by GET there. */
  private readonly noOAuthRealms = new Set<string>();
  private credential: Promise<Credential | undefined> | undefined;
  /** The token service's refusal of our credentials: not sent again (accounts may lock), reported again. */
  private refusal: OcikitError | undefined;

  constructor(private readonly options: AuthenticatorOptions) {}

  /**
   * The `Authorization` value to send with a request for this scope, if any. Once
   * the registry has asked for Bearer tokens, a missing or nearly expired token is
   * fetched here, before the request, so a streamed upload does not go out only
   * to be refused.
   */
  async authorize(scope: string): Promise<string | undefined> {
    if (this.basicHeader) return this.basicHeader;
    const cached = this.cachedToken(scope);
    if (cached) return cached.authorization;
    if (!this.bearer) return undefined;
    return (await this.tokenFor(mergeScopes(scope))).authorization;
  }

  /**
   * Prepares credentials for a retry after a 401; false when a retry cannot help
   * (the credential or the token was refused as it stands). Throws when the
   * registry wants credentials we do not have, or the token service refuses.
   */
  async respond(challenges: AuthChallenge[], scope: string, what: string, sentAuthorization?: string): Promise<boolean> {
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer?.params.realm) {
      this.bearer = { realm: this.checkedRealm(bearer.params.realm), service: bearer.params.service };
      // The registry may want more than we asked for (its challenge names the scope it checks).
      const needed = mergeScopes(scope, bearer.params.scope);
      const sent = [...this.tokens.values()].find((t) => t.authorization === sentAuthorization);
      if (sent) {
        // A token asked for all of this and still short: the token service grants no more.
        if (bearer.params.error === 'insufficient_scope' && scopeCovers(sent.scope, needed)) return false;
        this.tokens.delete(sent.scope); // expired, revoked, or too narrow
      }
      // Another request may have fetched a fresh token meanwhile.
      const fresh = this.cachedToken(needed);
      if (fresh && fresh.authorization !== sentAuthorization) return true;
      await this.tokenFor(needed);
      return true;
    }
    if (basic) {
      // Credentials the registry refused are not sent again (accounts may lock);
      // a request that went out before we had them is retried with them.
      if (this.basicHeader && sentAuthorization === this.basicHeader) return false;
      const credential = await this.lookupCredential();
      if (!credential || !isBasicCredential(credential)) {
        throw new OcikitError('UNAUTHORIZED', `${what}: ${this.options.registry} requires a username and password`, {
          hint: 'provide a username and password or token: the username and password options of this command or step, or a login stored by `ocikit login` / `docker login`',
          status: 401,
        });
      }
      this.basicHeader = basicAuthorization(credential.username, credential.password);
      return true;
    }
    throw new OcikitError('UNAUTHORIZED', `${what}: ${this.options.registry} asked for an authentication scheme ocikit does not speak`, {
      detail: challenges.map((c) => c.scheme).join(', ') || 'no WWW-Authenticate challenge',
      status: 401,
    });
  }

  /** A cached token still good for `scope` (its own, or any that covers it). Stale ones are dropped. */
  private cachedToken(scope: string): CachedToken | undefined {
    const key = mergeScopes(scope);
    const now = Date.now();
    for (const [cachedScope, token] of this.tokens) {
      if (token.renewAt <= now) this.tokens.delete(cachedScope);
    }
    for (const token of this.tokens.values()) {
      if (scopeCovers(token.scope, key)) return token;
    }
    return undefined;
  }

  /** One fetch per scope at a time: concurrent requests wait for the same token. */
  private tokenFor(scope: string): Promise<CachedToken> {
    // A fetch under way for this scope, or for one that covers it (a scope covers itself).
    for (const [pendingScope, pending] of this.pendingTokens) {
      if (scopeCovers(pendingScope, scope)) return pending;
    }
    const pending = this.fetchToken(scope).finally(() => this.pendingTokens.delete(scope));
    this.pendingTokens.set(scope, pending);
    return pending;
  }

  private lookupCredential(): Promise<Credential | undefined> {
    this.credential ??= this.options.credentials(this.options.registry);
    return this.credential;
  }

  private async fetchToken(scope: string): Promise<CachedToken> {
    const { realm, service } = this.bearer!;
    const credential = await this.lookupCredential();
    if (credential && this.refusal) throw this.refusal;
    const scopes = scope.split(' ').filter(Boolean);
    const secrets = credentialSecrets(credential);
    let response: Dispatcher.ResponseData | undefined;
    let basic: string | undefined;
    if (credential && !isBasicCredential(credential)) {
      if (!this.noOAuthRealms.has(realm.href)) {
        // OAuth2 refresh-token grant, as `docker login` identity tokens require.
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: CLIENT_ID });
        if (service) form.set('service', service);
        if (scopes.length) form.set('scope', scopes.join(' '));
        response = await this.requestToken(realm, 'POST', form.toString(), undefined);
        if (response.statusCode === 404 || response.statusCode === 405) {
          // A token service without OAuth2 grants (docker's fallback): the identity token as a Basic password.
          await response.body.dump().catch(() => {});
          this.noOAuthRealms.add(realm.href);
          response = undefined;
        }
      }
      basic = basicAuthorization(credential.username ?? IDENTITY_TOKEN_USER, credential.identityToken);
    } else if (credential) {
      basic = basicAuthorization(credential.username, credential.password);
    }
    if (!response) {
      const url = new URL(realm);
      if (service) url.searchParams.set('service', service);
      for (const each of scopes) url.searchParams.append('scope', each);
      response = await this.requestToken(url, 'GET', undefined, basic);
    }

    const what = `getting a token for ${this.options.registry} (${scope || 'no scope'}) from ${realm.origin}`;
    if (response.statusCode !== 200) {
      const answer = redactSecrets(await registryAnswer(response.statusCode, response.body), secrets);
      const refused = response.statusCode === 401 || response.statusCode === 403;
      const error = new OcikitError(refused ? 'UNAUTHORIZED' : 'REGISTRY_ERROR', `${what} failed (HTTP ${response.statusCode})`, {
        detail: answer,
        hint: credential
          ? 'the token service refused these credentials; check the username and password or token'
          : 'the token service refused anonymous access; provide a username and password or token (the username and password options of this command or step, or a login stored by `ocikit login` / `docker login`)',
        status: response.statusCode,
      });
      if (refused && credential) this.refusal = error;
      throw error;
    }
    const receivedAt = Date.now();
    const answer = parseTokenAnswer(await readBounded(response.body, TOKEN_RESPONSE_LIMIT, 'token response'), what);
    const value = typeof answer.token === 'string' && answer.token ? answer.token : answer.access_token;
    if (typeof value !== 'string' || !value) {
      throw new OcikitError('REGISTRY_ERROR', `${what}: the token service answered without a token`, {
        hint: 'the realm the registry names may not be a token service; check the registry configuration',
      });
    }
    const entry: CachedToken = { scope, authorization: `Bearer ${value}`, renewAt: renewalTime(answer, receivedAt) };
    this.tokens.set(scope, entry);
    return entry;
  }

  private async requestToken(url: URL, method: 'GET' | 'POST', form: string | undefined, basic: string | undefined): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent };
    if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (basic) headers.authorization = basic;
    const deadline = requestDeadline(this.options.requestTimeoutMs, `getting a token for ${this.options.registry} from ${url.origin}`);
    try {
      const response = await this.options.dispatcher.request({ origin: url.origin, path: url.pathname + url.search, method, headers, body: form ?? null, signal: deadline.signal });
      response.body.once('close', deadline.clear);
      return response;
    } catch (error) {
      deadline.clear();
      if (error instanceof OcikitError) throw error;
      const code = (error as { code?: string }).code;
      // The cause keeps the network code, so an idempotent request is retried as for the registry itself.
      throw new OcikitError('NETWORK', `getting a token for ${this.options.registry}: could not reach the token service ${url.origin}`, {
        detail: `${code ?? ''} ${(error as Error).message ?? String(error)}`.trim(),
        hint: 'the registry sends clients to this address for tokens; check the network, or the registry configuration',
        cause: error,
      });
    }
  }

  private checkedRealm(realm: string): URL {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new OcikitError('REGISTRY_ERROR', `${this.options.registry} named a token realm that is not a URL: "${realm.slice(0, 200)}"`);
    }
    const plainOk = this.options.allowPlainHttpRealm || this.options.isLoopbackHost(url.host);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainOk)) {
      throw new OcikitError('REGISTRY_ERROR', `${this.options.registry} asked for credentials to be sent to ${url.origin} without TLS; refused`, {
        hint: `use ${optionRef('plain-http')} only for registries you trust on a private network`,
      });
    }
    return url;
  }
}

function parseTokenAnswer(bytes: Buffer, what: string): TokenAnswer {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as TokenAnswer;
  } catch {
    // reported below
  }
  throw new OcikitError('REGISTRY_ERROR', `${what}: the token service answered something that is not a JSON object`, {
    detail: bytes.toString('utf8').slice(0, 200),
  });
}

/**
 * When to stop using a token: `issued_at` + `expires_in` (default 60 s), less a
 * margin of at most a quarter of what is left. An `issued_at` ahead of our clock
 * cannot lengthen a token, and one so far behind that the token would be expired
 * on arrival is the token service's clock, not the token's age, so it is ignored.
 */
function renewalTime(answer: TokenAnswer, receivedAt: number): number {
  const lifetimeMs =
    (typeof answer.expires_in === 'number' && Number.isFinite(answer.expires_in) && answer.expires_in > 0
      ? answer.expires_in
      : DEFAULT_TOKEN_LIFETIME_S) * 1000;
  const issued = typeof answer.issued_at === 'string' ? Date.parse(answer.issued_at) : Number.NaN;
  let expiresAt = (Number.isNaN(issued) ? receivedAt : Math.min(issued, receivedAt)) + lifetimeMs;
  if (expiresAt <= receivedAt) expiresAt = receivedAt + lifetimeMs;
  return expiresAt - Math.min(EXPIRY_MARGIN_MS, (expiresAt - receivedAt) / 4);
}


function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
