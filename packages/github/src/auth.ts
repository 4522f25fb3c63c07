/**
 * Registry credentials with no configuration on GitHub, first match wins:
 *   1. the `username` + `password` inputs (or OCIKIT_USERNAME / OCIKIT_PASSWORD), for any registry;
 *   2. for ghcr.io, the `github-token` input (default `${{ github.token }}`) as the
 *      password of `username` or else `github.actor` (before 1. when the step also
 *      names another registry: see chooseCredentials);
 *   3. Docker's config.json and its credential helpers, as docker/login-action
 *      leaves them (core's chain: DOCKER_CONFIG, REGISTRY_AUTH_FILE, ~/.docker);
 *   4. anonymous.
 * Every secret goes to the runner's masker (`core.setSecret`) the moment it is
 * known: the inputs before anything else runs, a config or helper secret when a
 * registry first asks for it.
 */
import {
  type Credential,
  type CredentialProvider,
  OcikitError,
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
  /** Answers for the registries the step names, and no other. */
  provider: CredentialProvider;
  /** Where each named registry's credential comes from, by canonical host, for the log (never a secret). */
  sources: Record<string, string>;
}

export type Mask = (secret: string) => void;

/** Reads the auth inputs and masks every secret among them at once. */
export function readAuthInputs(env: Env, mask: Mask): AuthInputs {
  const password = getString('password', env);
  const githubToken = getString('github-token', env);
  for (const secret of [password, githubToken]) if (secret !== '') mask(secret);
  return { username: getString('username', env), password, githubToken, actor: (env.GITHUB_ACTOR ?? '').trim() };
}

/**
 * The credentials for the registries a step names (one for most verbs; copy,
 * recompress and index may name two or more), each chosen by the rules above.
 * With ghcr.io and another registry in one step, github-token serves ghcr.io and
 * `username`/`password` the other (a copy from GHCR to a mirror needs no login
 * step). With two or more registries besides ghcr.io's token, `username`/`password`
 * go only to `givenFor` (the destination's registry: core's givenCredentialRegistries),
 * never to another registry's token service; the others get their login from the
 * Docker config (docker/login-action), or none.
 */
export function chooseCredentials(
  registries: readonly string[],
  inputs: AuthInputs,
  env: Env,
  mask: Mask,
  givenFor: readonly string[] = registries,
): ActionCredentials {
  const hosts = [...new Set(registries.map(canonicalRegistryHost))];
  if (inputs.password !== '' && inputs.username === '') {
    throw new OcikitError('INVALID_INPUT', 'input "password" was given without "username"', { hint: 'add `username:` to the step' });
  }
  const ghcrToken: Credential | undefined =
    hosts.includes(GHCR) && inputs.githubToken !== '' && (inputs.password === '' || hosts.length > 1)
      ? { username: (hosts.length > 1 ? '' : inputs.username) || inputs.actor || 'github-actions', password: inputs.githubToken }
      : undefined;
  const needingGiven = hosts.filter((host) => !(host === GHCR && ghcrToken));
  if (needingGiven.length > 0 && inputs.username !== '' && inputs.password === '' && !env.OCIKIT_PASSWORD) {
    throw new OcikitError('INVALID_INPUT', `input "username" (${inputs.username}) was given without "password"`, {
      hint: 'add `password: ${{ secrets.<NAME> }}` to the step',
    });
  }
  const given = needingGiven.length > 0 ? givenCredential({ username: inputs.username, password: inputs.password }, env) : undefined;
  for (const secret of credentialSecrets(given)) mask(secret);
  const fromConfig = dockerConfigCredentials({ env });

  const givenHosts = needingGiven.length > 1 ? new Set(givenFor.map(canonicalRegistryHost)) : new Set(needingGiven);

  const chosen = new Map<string, { source: string; provide: CredentialProvider }>();
  for (const host of hosts) {
    if (host === GHCR && ghcrToken) {
      chosen.set(host, { source: `github-token as ${ghcrToken.username}`, provide: async () => ghcrToken });
    } else if (given && givenHosts.has(host)) {
      chosen.set(host, { source: `username ${given.username}`, provide: async () => given });
    } else {
      chosen.set(host, {
        source: `the Docker config ${dockerConfigPath({ env })} if it has a login for ${host}, else anonymous`,
        provide: async (registry) => {
          const credential = await fromConfig(registry);
          for (const secret of credentialSecrets(credential)) mask(secret);
          return credential;
        },
      });
    }
  }
  return {
    provider: async (registry) => chosen.get(canonicalRegistryHost(registry))?.provide(registry),
    sources: Object.fromEntries([...chosen].map(([host, { source }]) => [host, source])),
  };
}
