/**
 * Where a registry credential comes from, first match wins: what the run was given
 * (CLI -u/-p, an action's inputs), the environment (OCIKIT_USERNAME /
 * OCIKIT_PASSWORD), then Docker's config.json: `credHelpers[host]`, `auths[host]`,
 * `credsStore`. Every front end builds its provider here, so they agree.
 */
import { OcikitError, optionRef } from '../errors.js';
import type { Reference } from '../reference/reference.js';
import type { BasicCredential, Credential, CredentialProvider } from '../registry/credentials.js';
import { authEntriesFor, credentialFromAuthEntry, hostCredentialHelper, serverAddressesFor } from './auth-entries.js';
import { credentialHelperGet } from './credential-helper.js';
import { type DockerConfig, type DockerConfigLocation, type EnvironmentVariables, dockerConfigPath, readDockerConfig } from './docker-config.js';
import { canonicalRegistryHost } from './registry-host.js';

export interface GivenCredentialInput {
  username?: string;
  password?: string;
}

export interface CredentialLookup extends GivenCredentialInput, DockerConfigLocation {}

/**
 * The lookup chain of every front end: given, environment, Docker config and its
 * helpers. A given credential goes to the registries in `givenFor` only (every
 * registry when it is absent, for a run that talks to one); any other registry
 * gets its Docker config login, or none: never a password given for another.
 */
export function credentialChain(lookup: CredentialLookup = {}, givenFor?: readonly string[]): CredentialProvider {
  const given = givenCredential(lookup, lookup.env);
  if (!given) return dockerConfigCredentials(lookup);
  if (givenFor === undefined) return async () => given;
  const hosts = new Set(givenFor.map(canonicalRegistryHost));
  const fromConfig = dockerConfigCredentials(lookup);
  return async (registry) => (hosts.has(canonicalRegistryHost(registry)) ? given : fromConfig(registry));
}

/**
 * The registries a credential given to a run that reads some references and
 * writes one is for: the written one's (a source on the same registry shares
 * it), or the sources' when nothing is written to a registry. A copy from Docker
 * Hub to a private registry with `-u`/`-p` must not send the private registry's
 * password to Docker Hub's token service.
 */
export function givenCredentialRegistries(written: Reference | undefined, read: readonly Reference[]): string[] {
  if (written?.kind === 'registry') return [written.registry];
  return read.flatMap((reference) => (reference.kind === 'registry' ? [reference.registry] : []));
}

/**
 * The credential given for this run: each half from the explicit value, else from
 * OCIKIT_USERNAME / OCIKIT_PASSWORD (so `-u bot` with OCIKIT_PASSWORD set works).
 * Checked here, so a half-given credential fails before any request. Empty values
 * count as absent (CI systems pass unset inputs as '').
 */
export function givenCredential(given: GivenCredentialInput = {}, env: EnvironmentVariables = process.env): BasicCredential | undefined {
  const username = given.username || env.OCIKIT_USERNAME || '';
  const password = given.password || env.OCIKIT_PASSWORD || '';
  if (password && !username) {
    throw new OcikitError('INVALID_INPUT', 'a password was given without a username', {
      hint: 'give the username too (-u <username>, or OCIKIT_USERNAME)',
    });
  }
  if (username && !password) {
    throw new OcikitError('INVALID_INPUT', `a username (${username}) was given without a password`, {
      hint: `give the password or token too (${optionRef('password-stdin')}, or OCIKIT_PASSWORD)`,
    });
  }
  return username ? { username, password } : undefined;
}

/** The first credential any provider has. */
export function firstCredential(...providers: CredentialProvider[]): CredentialProvider {
  return async (registry) => {
    for (const provider of providers) {
      const credential = await provider(registry);
      if (credential) return credential;
    }
    return undefined;
  };
}

/**
 * Credentials from Docker's config.json (see dockerConfigPath for which file) and
 * the helpers it names. The file is read once, when a registry first asks.
 */
export function dockerConfigCredentials(location: DockerConfigLocation = {}): CredentialProvider {
  const path = dockerConfigPath(location);
  const helperOptions = location.env ? { env: location.env } : {};
  let loaded: Promise<DockerConfig> | undefined;
  return async (registry) => {
    const config = await (loaded ??= readDockerConfig(path));
    const host = canonicalRegistryHost(registry);
    // A helper named for this host is the only place its secret may be.
    const hostHelper = hostCredentialHelper(config, host);
    if (hostHelper) return fromHelper(hostHelper, serverAddressesFor(config, host), helperOptions);
    for (const { key, entry } of authEntriesFor(config, host)) {
      const credential = credentialFromAuthEntry(entry, `auths["${key}"] in ${path}`);
      if (credential) return credential;
    }
    if (config.credsStore) return fromHelper(config.credsStore, serverAddressesFor(config, host), helperOptions);
    return undefined;
  };
}

async function fromHelper(helper: string, addresses: string[], options: { env?: EnvironmentVariables }): Promise<Credential | undefined> {
  for (const address of addresses) {
    const credential = await credentialHelperGet(helper, address, options);
    if (credential) return credential;
  }
  return undefined;
}
