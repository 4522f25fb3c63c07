/**
 * The parts of a Docker config that belong to one registry: its `auths` entries
 * (under any spelling of its host), its helper, and the edits `login`/`logout` make.
 */
import { OcikitError } from '../errors.js';
import type { BasicCredential, Credential } from '../registry/credentials.js';
import type { DockerAuthEntry, DockerConfig } from './docker-config.js';
import { canonicalRegistryHost, dockerServerAddress } from './registry-host.js';

export interface AuthEntryMatch {
  key: string;
  entry: DockerAuthEntry;
}

/** Fields of an `auths` entry that hold a secret (and the username that goes with it). */
const SECRET_FIELDS = ['auth', 'username', 'password', 'identitytoken', 'registrytoken'] as const;

/** The `auths` entries for a registry: Docker's own key first, then other spellings in file order. */
export function authEntriesFor(config: DockerConfig, registry: string): AuthEntryMatch[] {
  const host = canonicalRegistryHost(registry);
  const preferred = dockerServerAddress(host);
  const matches = Object.entries(config.auths ?? {})
    .filter(([key]) => canonicalRegistryHost(key) === host)
    .map(([key, entry]) => ({ key, entry }));
  return [...matches.filter((m) => m.key === preferred), ...matches.filter((m) => m.key !== preferred)];
}

/** `credHelpers[host]`, matched by canonical host as `auths` keys are. */
export function hostCredentialHelper(config: DockerConfig, registry: string): string | undefined {
  const host = canonicalRegistryHost(registry);
  const helpers = Object.entries(config.credHelpers ?? {});
  return (helpers.find(([key]) => key === host) ?? helpers.find(([key]) => canonicalRegistryHost(key) === host))?.[1] || undefined;
}

/** The helper that holds this registry's secret, if the config names one. */
export function credentialHelperFor(config: DockerConfig, registry: string): string | undefined {
  return hostCredentialHelper(config, registry) ?? (config.credsStore || undefined);
}

/** The addresses a helper may know this registry by: Docker's, then the `auths` keys Docker left for it. */
export function serverAddressesFor(config: DockerConfig, registry: string): string[] {
  return [...new Set([dockerServerAddress(registry), ...authEntriesFor(config, registry).map((m) => m.key)])];
}

/**
 * The credential an entry holds, or undefined for an empty one (Docker writes `{}`
 * when the secret went to a helper). `where` names the entry in errors; the
 * secret itself never appears in one.
 */
export function credentialFromAuthEntry(entry: DockerAuthEntry, where: string): Credential | undefined {
  let username = typeof entry.username === 'string' ? entry.username : '';
  let password = typeof entry.password === 'string' ? entry.password : '';
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = decodeAuth(entry.auth);
    if (!decoded) {
      throw new OcikitError('INVALID_INPUT', `${where}: "auth" is not base64 of user:password`, {
        hint: 'log in again (ocikit login or docker login) to rewrite it',
      });
    }
    ({ username, password } = decoded);
  }
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
    return { identityToken: entry.identitytoken, ...(username ? { username } : {}) };
  }
  if (!username && !password) return undefined;
  if (!username || !password) {
    throw new OcikitError('INVALID_INPUT', `${where} has a ${username ? 'username without a password' : 'password without a username'}`, {
      hint: 'log in again (ocikit login or docker login) to rewrite it',
    });
  }
  return { username, password };
}

/** Docker's `auth` field for a credential. */
export function encodeAuth(credential: BasicCredential): string {
  return Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64');
}

/**
 * Stores `auth` under Docker's key for the registry, keeping the entry's other
 * fields (e.g. `email`) and dropping stale secrets under other spellings.
 */
export function setAuthEntry(config: DockerConfig, registry: string, credential: BasicCredential): void {
  removeAuthSecrets(config, registry);
  const key = dockerServerAddress(registry);
  const auths = (config.auths ??= {});
  auths[key] = { ...auths[key], auth: encodeAuth(credential) };
}

/**
 * Strips secret fields from every entry of the registry (an entry left empty goes);
 * true when the config changed. For a login whose secret went to a helper: an old
 * plain-text entry must not outlive it, nor shadow it (`auths` is read before `credsStore`).
 */
export function removeAuthSecrets(config: DockerConfig, registry: string): boolean {
  let changed = false;
  for (const { key, entry } of authEntriesFor(config, registry)) {
    for (const field of SECRET_FIELDS) {
      if (field in entry) {
        delete entry[field];
        changed = true;
      }
    }
    if (Object.keys(entry).length === 0 && key !== dockerServerAddress(registry)) {
      delete config.auths![key];
      changed = true;
    }
  }
  return changed;
}

/** Removes every entry of the registry, as `docker logout` does; says whether one held a secret. */
export function deleteAuthEntries(config: DockerConfig, registry: string): { changed: boolean; hadSecret: boolean } {
  let changed = false;
  let hadSecret = false;
  for (const { key, entry } of authEntriesFor(config, registry)) {
    hadSecret ||= SECRET_FIELDS.some((field) => typeof entry[field] === 'string' && entry[field] !== '');
    delete config.auths![key];
    changed = true;
  }
  return { changed, hadSecret };
}

function decodeAuth(auth: string): { username: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(auth.trim())) return undefined;
  const text = Buffer.from(auth.trim(), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
