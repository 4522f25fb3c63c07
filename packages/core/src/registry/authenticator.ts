import type { Dispatcher } from 'undici';
import { OcikitError } from '../errors.js';
import { type Credential, type CredentialProvider, isBasicCredential } from './credentials.js';
import { readBounded } from './read-bounded.js';
import { registryAnswer } from './registry-error.js';
import { mergeScopes } from './scope.js';
import type { AuthChallenge } from './www-authenticate.js';

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Tokens are renewed this long before the registry says they expire. */
const EXPIRY_MARGIN_MS = 10_000;
/** The distribution spec's default lifetime when a token response names none. */
const DEFAULT_TOKEN_LIFETIME_S = 60;
const TOKEN_RESPONSE_LIMIT = 1024 * 1024;

export interface AuthenticatorOptions {
  registry: string;
  credentials: CredentialProvider;
  dispatcher: Dispatcher;
  userAgent: string;
  /** Whether plain HTTP is acceptable for a token realm on a non-loopback host. */
  allowPlainHttpRealm: boolean;
  isLoopbackHost: (host: string) => boolean;
}

/**
 * Answers a registry's `WWW-Authenticate` challenges: Basic with the stored
 * credential, Bearer by fetching a token for the scope (anonymously or with the
 * credential), cached per scope until shortly before it expires.
 */
export class Authenticator {
  private basicHeader: string | undefined;
  private bearer: { realm: string; service: string | undefined } | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<void>>();
  private credential: Promise<Credential | undefined> | undefined;

  constructor(private readonly options: AuthenticatorOptions) {}

  /** The `Authorization` value to send up front for this scope, if one is known. */
  authorizationFor(scope: string): string | undefined {
    if (this.basicHeader) return this.basicHeader;
    const token = this.tokens.get(mergeScopes(scope));
    if (token && token.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return `Bearer ${token.value}`;
    return undefined;
  }

  /**
   * Prepares credentials for a retry after a 401; false when a retry cannot help
   * (the credential was refused). Throws when the registry wants credentials we
   * do not have.
   */
  async respond(challenges: AuthChallenge[], scope: string, what: string, sentAuthorization?: string): Promise<boolean> {
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer?.params.realm) {
      this.bearer = { realm: bearer.params.realm, service: bearer.params.service };
      const key = mergeScopes(scope);
      const cached = this.tokens.get(key);
      if (cached && sentAuthorization === `Bearer ${cached.value}`) this.tokens.delete(key); // expired or revoked
      // Another request may have fetched a fresh token meanwhile; one fetch per scope at a time.
      if (this.authorizationFor(scope) && this.authorizationFor(scope) !== sentAuthorization) return true;
      let pending = this.pendingTokens.get(key);
      if (!pending) {
        pending = this.fetchToken(mergeScopes(scope, bearer.params.scope), scope).finally(() => this.pendingTokens.delete(key));
        this.pendingTokens.set(key, pending);
      }
      await pending;
      return true;
    }
    if (basic) {
      // Credentials the registry refused are not sent again (accounts may lock);
      // a request that went out before we had them is retried with them.
      if (this.basicHeader && sentAuthorization === this.basicHeader) return false;
      if (this.basicHeader) return true;
      const credential = await this.lookupCredential();
      if (!credential || !isBasicCredential(credential)) {
        throw new OcikitError('UNAUTHORIZED', `${what}: ${this.options.registry} requires a username and password`, {
          hint: 'pass -u <user> with -p or --password-stdin, or log in with `ocikit login` / `docker login`',
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

  private lookupCredential(): Promise<Credential | undefined> {
    this.credential ??= this.options.credentials(this.options.registry);
    return this.credential;
  }

  private async fetchToken(tokenScope: string, cacheScope: string): Promise<void> {
    const { realm, service } = this.bearer!;
    const realmUrl = this.checkedRealm(realm);
    const credential = await this.lookupCredential();
    const scopes = tokenScope.split(' ').filter(Boolean);
    let response: Dispatcher.ResponseData;
    if (credential && !isBasicCredential(credential)) {
      // OAuth2 refresh-token grant, as `docker login` identity tokens require.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: 'ocikit' });
      if (service) form.set('service', service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      response = await this.options.dispatcher.request({
        origin: realmUrl.origin,
        path: realmUrl.pathname + realmUrl.search,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.options.userAgent },
        body: form.toString(),
      });
    } else {
      const url = new URL(realmUrl);
      if (service) url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent };
      if (credential) headers.authorization = basicAuthorization(credential.username, credential.password);
      response = await this.options.dispatcher.request({ origin: url.origin, path: url.pathname + url.search, method: 'GET', headers });
    }
    if (response.statusCode !== 200) {
      const answer = await registryAnswer(response.statusCode, response.body);
      throw new OcikitError(
        response.statusCode === 401 || response.statusCode === 403 ? 'UNAUTHORIZED' : 'REGISTRY_ERROR',
        `getting a token from ${realmUrl.origin} for ${this.options.registry} failed (HTTP ${response.statusCode})`,
        {
          detail: answer,
          hint: credential
            ? 'the registry refused these credentials; check the username and password or token'
            : 'the registry refused anonymous access; pass credentials with -u/-p or log in first',
          status: response.statusCode,
        },
      );
    }
    const body = JSON.parse((await readBounded(response.body, TOKEN_RESPONSE_LIMIT, 'token response')).toString('utf8')) as {
      token?: string;
      access_token?: string;
      expires_in?: number;
    };
    const value = body.token ?? body.access_token;
    if (!value) {
      throw new OcikitError('UNAUTHORIZED', `the token service ${realmUrl.origin} answered without a token`);
    }
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_LIFETIME_S;
    const entry = { value, expiresAt: Date.now() + lifetime * 1000 };
    this.tokens.set(mergeScopes(cacheScope), entry);
    this.tokens.set(mergeScopes(tokenScope), entry);
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
        hint: 'use --plain-http only for registries you trust on a private network',
      });
    }
    return url;
  }
}

function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
