/**
 * Registry credentials with no configuration on GitHub, first match wins:
 *   1. the `username` + `password` inputs (or OCIKIT_USERNAME / OCIKIT_PASSWORD), for any registry;
 *   2. for ghcr.io, the `github-token` input (default `${{ github.token }}`) as the
 *      password of `username` or else `github.actor`;
 *   3. Docker's config.json and its credential helpers, as docker/login-action
 *      leaves them (core's chain: DOCKER_CONFIG, REGISTRY_AUTH_FILE, ~/.docker);
 *   4. anonymous.
 * Every secret goes to the runner's masker (`core.setSecret`) the moment it is
 * known: the inputs before anything else runs, a config or helper secret when a
 * registry first asks for it.
 */
import * as actions from '@actions/core';
import {
  type Credential,
  type CredentialProvider,
  OcikitError,
  type Reference,
  canonicalRegistryHost,
  credentialSecrets,
  dockerConfigCredentials,
  dockerConfigPath,
  givenCredential,
} from '@ocikit/core';
import { type Env, getString } from './inputs.js';

const GHCR = 'ghcr.io';

export interface AuthInputs {
  username: string;
  password: string;
  githubToken: string;
  /** `github.actor` (GITHUB_ACTOR): who the token belongs to. */
  actor: string;
}

export interface ActionCredentials {
  provider: CredentialProvider;
  /** What was chosen, for the log (never a secret). */
  source: string;
}

export type Mask = (secret: string) => void;

/** Reads the auth inputs and masks every secret among them at once. */
export function readAuthInputs(env: Env, mask: Mask): AuthInputs {
  const password = getString('password', env);
  const githubToken = getString('github-token', env);
  for (const secret of [password, githubToken]) if (secret !== '') mask(secret);
  return { username: getString('username', env), password, githubToken, actor: (env.GITHUB_ACTOR ?? '').trim() };
}

/** The credentials for the registry a reference names, and where they come from. */
export function chooseCredentials(reference: Reference, inputs: AuthInputs, env: Env, mask: Mask): ActionCredentials {
  if (reference.kind === 'oci-layout') return { provider: async () => undefined, source: 'none (OCI layout)' };
  const host = canonicalRegistryHost(reference.registry);
  if (inputs.password !== '' && inputs.username === '') {
    throw new OcikitError('INVALID_INPUT', 'input "password" was given without "username"', { hint: 'add `username:` to the step' });
  }
  if (host === GHCR && inputs.password === '' && inputs.githubToken !== '') {
    const username = inputs.username || inputs.actor || 'github-actions';
    return { provider: only(host, { username, password: inputs.githubToken }), source: `github-token as ${username}` };
  }
  if (inputs.username !== '' && inputs.password === '' && !env.OCIKIT_PASSWORD) {
    throw new OcikitError('INVALID_INPUT', `input "username" (${inputs.username}) was given without "password"`, {
      hint: 'add `password: ${{ secrets.<NAME> }}` to the step',
    });
  }
  const given = givenCredential({ username: inputs.username, password: inputs.password }, env);
  if (given) {
    for (const secret of credentialSecrets(given)) mask(secret);
    return { provider: only(host, given), source: `username ${given.username}` };
  }
  const fromConfig = dockerConfigCredentials({ env });
  return {
    provider: async (registry) => {
      const credential = await fromConfig(registry);
      for (const secret of credentialSecrets(credential)) mask(secret);
      return credential;
    },
    source: `the Docker config ${dockerConfigPath({ env })} if it has a login for ${host}, else anonymous`,
  };
}

/** A credential for one registry and no other. */
function only(host: string, credential: Credential): CredentialProvider {
  return async (registry) => (canonicalRegistryHost(registry) === host ? credential : undefined);
}
