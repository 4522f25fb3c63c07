/**
 * The inputs every action that talks to a registry shares (`username`,
 * `password`, `github-token`, `plain-http`, `insecure`) turned into the options
 * core's openTarget and the verbs take, as the CLI's remote flags are. Each
 * action reads its own reference inputs (`reference`, `subject`, `source`...)
 * between the two steps:
 *
 *   const auth = readCredentialInputs(env, secrets);      // masks the secrets first
 *   const subject = parseReference(...its own input...);
 *   const options = readConnectionInputs(env, secrets, progress, auth, registryHosts(subject), signal);
 *
 * so nothing is printed or thrown before the password and token are known to the masker.
 */
import * as actions from '@actions/core';
import { type OpenTargetOptions, type ProgressListener, type Reference, requestTimeoutFromEnv } from '@ocikit/core';
import { type AuthInputs, type Mask, chooseCredentials, readAuthInputs } from './auth.js';
import { type Env, getBoolean } from './inputs.js';
import type { Secrets } from './run-action.js';

/** What openTarget and the reference-taking verbs need (the same fields `OpenTargetOptions` has). */
export type ConnectionOptions = Pick<OpenTargetOptions, 'credentials' | 'plainHttp' | 'insecure' | 'onWarning' | 'signal' | 'timeouts'>;

function masker(secrets: Secrets): Mask {
  return (secret) => {
    if (secrets.add(secret)) actions.setSecret(secret);
  };
}

/** The credential inputs, every secret among them masked at once: read them before anything else. */
export function readCredentialInputs(env: Env, secrets: Secrets): AuthInputs {
  return readAuthInputs(env, masker(secrets));
}

/** The registry hosts of references (an OCI layout has none). */
export function registryHosts(...references: Reference[]): string[] {
  return references.flatMap((reference) => (reference.kind === 'registry' ? [reference.registry] : []));
}

/**
 * Credentials for the registries the step names (logged: which credential, never
 * the secret), `plain-http`, `insecure`, registry warnings as warnings, and the
 * step's cancellation (runAction's `signal`). `givenFor`: the registries the
 * `username`/`password` inputs are for, in a step that reads from one and writes another.
 */
export function readConnectionInputs(
  env: Env,
  secrets: Secrets,
  progress: ProgressListener,
  auth: AuthInputs,
  registries: readonly string[],
  signal: AbortSignal,
  givenFor?: readonly string[],
): ConnectionOptions {
  const credentials = chooseCredentials(registries, auth, env, masker(secrets), givenFor);
  for (const [registry, source] of Object.entries(credentials.sources)) actions.info(`Registry ${registry}: ${source}`);
  return {
    credentials: credentials.provider,
    plainHttp: getBoolean('plain-http', false, env),
    insecure: getBoolean('insecure', false, env),
    // A workflow's `env: OCIKIT_REQUEST_TIMEOUT` (seconds), as for the CLI in any job.
    ...requestTimeoutFromEnv(env),
    onWarning: (message) => progress.warning?.(message),
    signal,
  };
}
