/**
 * Which credential goes to which registry in a GitLab job, as CLI options. First
 * that applies:
 *   1. the `username` and `password` inputs (both or neither);
 *   2. OCIKIT_USERNAME / OCIKIT_PASSWORD, which the CLI reads itself;
 *   3. for $CI_REGISTRY only, the job's own: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD,
 *      else gitlab-ci-token / CI_JOB_TOKEN;
 *   4. DOCKER_AUTH_CONFIG (the JSON, or a file variable's path), as the runner reads it
 *      for private images;
 *   5. the CLI's own Docker config lookup, or none.
 * A run that talks to several registries (copy, index, recompress) gets one Docker
 * config with each registry's credential, so the job token never reaches another
 * registry and the inputs go only to the registry written to. Hosts are compared
 * and config entries edited by core's rules (canonicalRegistryHost, setAuthEntry).
 */
import {
  type BasicCredential,
  type DockerConfig,
  OcikitError,
  authEntriesFor,
  canonicalRegistryHost,
  credentialHelperFor,
  dockerConfigPath,
  isOcikitError,
  parseDockerConfig,
  readDockerConfig,
  setAuthEntry,
} from '@ocikit/core';
import type { Env } from './inputs.js';

export interface CredentialOptions {
  /** `--username` and `--password`, or `--registry-config`, or nothing. */
  options: string[];
  /** The secrets among the options, never to be printed. */
  secrets: string[];
  /** Where each registry's credential comes from, for the log (never a secret). */
  sources: string[];
}

/** Writes a file only this user can read, removed when the job's program ends; returns its path. */
export type PrivateFileWriter = (name: string, content: string) => Promise<string>;

interface SourcedCredential extends BasicCredential {
  /** Where it came from, for the log. */
  from: string;
}

const INPUTS = 'the username and password inputs';

/** The `username` and `password` inputs: both, or neither. */
export function inputCredential(username: string, password: string): SourcedCredential | undefined {
  if (!username && !password) return undefined;
  if (!username || !password) {
    const [empty, set] = username ? ['password', 'username'] : ['username', 'password'];
    throw new OcikitError('INVALID_INPUT', `the ${empty} input is empty while the ${set} input is set`, {
      hint: 'give both or neither (a variable named there may be undefined in this job, e.g. a protected variable on an unprotected branch)',
    });
  }
  return { username, password, from: INPUTS };
}

/** The job's own credential, for $CI_REGISTRY and no other registry. */
export function jobCredential(env: Env, registry: string): SourcedCredential | undefined {
  if (!env.CI_REGISTRY || canonicalRegistryHost(env.CI_REGISTRY) !== registry) return undefined;
  if (env.CI_REGISTRY_USER && env.CI_REGISTRY_PASSWORD) {
    return { username: env.CI_REGISTRY_USER, password: env.CI_REGISTRY_PASSWORD, from: 'CI_REGISTRY_USER / CI_REGISTRY_PASSWORD' };
  }
  if (env.CI_JOB_TOKEN) return { username: 'gitlab-ci-token', password: env.CI_JOB_TOKEN, from: 'gitlab-ci-token / CI_JOB_TOKEN' };
  return undefined;
}

/**
 * The credential options for a run on these registries (canonical hosts, the one
 * written to first; an OCI layout has none).
 */
export async function credentialOptions(
  registries: readonly string[],
  given: SourcedCredential | undefined,
  env: Env,
  privateFile: PrivateFileWriter,
): Promise<CredentialOptions> {
  const hosts = [...new Set(registries)];
  return hosts.length > 1 ? combined(hosts, given, env, privateFile) : single(hosts[0], given, env, privateFile);
}

function flags(credential: SourcedCredential, registry: string | undefined): CredentialOptions {
  // In the same process as the CLI: the password is on no command line and in no environment.
  return {
    options: ['--username', credential.username, '--password', credential.password],
    secrets: [credential.password],
    sources: [`credentials for ${registry ?? 'the target'}: ${credential.from}`],
  };
}

async function single(registry: string | undefined, given: SourcedCredential | undefined, env: Env, privateFile: PrivateFileWriter): Promise<CredentialOptions> {
  const none: CredentialOptions = { options: [], secrets: [], sources: [] };
  if (given) return flags(given, registry);
  if (!registry) return none;
  if (env.OCIKIT_USERNAME || env.OCIKIT_PASSWORD) return { ...none, sources: [`credentials for ${registry}: OCIKIT_USERNAME / OCIKIT_PASSWORD`] };
  const job = jobCredential(env, registry);
  if (job) return flags(job, registry);
  const docker = await dockerAuthConfig(env, privateFile);
  if (docker) return { options: ['--registry-config', docker.path], secrets: [], sources: [`credentials for ${registry}: DOCKER_AUTH_CONFIG`] };
  return none;
}

/**
 * Several registries: DOCKER_AUTH_CONFIG (else the CLI's own Docker config), with the
 * job's credential for $CI_REGISTRY and the inputs for the first registry written over
 * whatever it held for those hosts, in one temporary file.
 */
async function combined(registries: string[], given: SourcedCredential | undefined, env: Env, privateFile: PrivateFileWriter): Promise<CredentialOptions> {
  if (env.OCIKIT_USERNAME || env.OCIKIT_PASSWORD) {
    return { options: [], secrets: [], sources: [`credentials for ${registries.join(', ')}: OCIKIT_USERNAME / OCIKIT_PASSWORD`] };
  }
  const docker = await dockerAuthConfig(env, privateFile);
  const baseName = docker ? 'DOCKER_AUTH_CONFIG' : dockerConfigPath({ env });
  const config = docker ? docker.config : await readDockerConfig(baseName);
  const set = new Map<string, string>();
  const secrets: string[] = [];
  for (const registry of registries) {
    const credential = registry === registries[0] && given ? given : jobCredential(env, registry);
    if (!credential) continue;
    // This credential wins over the config's for the host: its helper too, which core would ask first.
    for (const key of Object.keys(config.credHelpers ?? {})) if (canonicalRegistryHost(key) === registry) delete config.credHelpers![key];
    setAuthEntry(config, registry, credential);
    set.set(registry, credential.from);
    secrets.push(credential.password);
  }
  const listed = (registry: string): boolean => authEntriesFor(config, registry).length > 0 || credentialHelperFor(config, registry) !== undefined;
  const sources = registries.map((registry) => `credentials for ${registry}: ${set.get(registry) ?? (listed(registry) ? baseName : 'none (anonymous)')}`);
  if (set.size === 0) return { options: docker ? ['--registry-config', docker.path] : [], secrets, sources };
  return { options: ['--registry-config', await privateFile('config.json', JSON.stringify(config))], secrets, sources };
}

/** DOCKER_AUTH_CONFIG, checked: a plain variable holds the JSON (written to a private file), a file variable its path. */
async function dockerAuthConfig(env: Env, privateFile: PrivateFileWriter): Promise<{ path: string; config: DockerConfig } | undefined> {
  const value = (env.DOCKER_AUTH_CONFIG ?? '').trim();
  if (value === '') return undefined;
  try {
    if (value.startsWith('{')) {
      // Checked before it is written: an error names the variable, never the text it holds.
      const config = parseDockerConfig(value, 'DOCKER_AUTH_CONFIG');
      return { path: await privateFile('config.json', value), config };
    }
    return { path: value, config: await readDockerConfig(value) };
  } catch (error) {
    if (!isOcikitError(error)) throw error;
    throw new OcikitError('INVALID_INPUT', error.message, {
      ...(error.detail ? { detail: error.detail } : {}),
      hint: 'DOCKER_AUTH_CONFIG holds a Docker config.json, as for the runner\'s private images: {"auths": {"<host>": {"auth": "<base64 user:password>"}}}',
      cause: error,
    });
  }
}
