/**
 * The inputs every action that talks to a registry shares (`username`,
 * `password`, `github-token`, `plain-http`, `insecure`) turned into the options
 * core's openTarget and the verbs take, as the CLI's remote flags are. Every such
 * action starts with `startStep`, which does it in the one safe order: the
 * credential inputs masked first, then the action's own reference inputs read
 * (`reference`, `subject`, `source`...), then the connection for the registries they
 * name, so nothing is printed or thrown before the password and token are known to
 * the masker.
 */
import * as actions from '@actions/core';
import { type HttpListener, type OpenTargetOptions, type ProgressListener, type Reference, httpDebugLine, parseReference, requestTimeoutFromEnv } from '@ocikit/core';
import { type AuthInputs, type Mask, chooseCredentials, readAuthInputs } from './auth.js';
import { type Env, getBoolean, getRequired } from './inputs.js';
import { type ActionProgress, type Secrets, actionProgress } from './run-action.js';

/** What openTarget and the reference-taking verbs need (the same fields `OpenTargetOptions` has). */
export type ConnectionOptions = Pick<OpenTargetOptions, 'credentials' | 'plainHttp' | 'insecure' | 'onWarning' | 'signal' | 'timeouts' | 'onHttp'>;

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
    ...httpDebugInput(env, secrets),
  };
}

/** What an action's own reference inputs name: the references, and the registries they are on. */
export interface StepReferences {
  registries: readonly string[];
  /** The registries the `username`/`password` inputs are for, in a step that reads one registry and writes another. */
  givenFor?: readonly string[];
}

/**
 * The start of every action that talks to a registry, in order: the credential
 * inputs read and masked, `readReferences` (the action's own reference inputs,
 * parsed: they may fail with their text, now that the secrets are masked), then the
 * connection for the registries they name. Returns what `readReferences` returned,
 * with the progress listener and the connection options.
 */
export function startStep<R extends StepReferences>(
  env: Env,
  secrets: Secrets,
  signal: AbortSignal,
  readReferences: () => R,
): R & { progress: ActionProgress; connection: ConnectionOptions } {
  const progress = actionProgress(secrets);
  const auth = readCredentialInputs(env, secrets);
  const references = readReferences();
  const connection = readConnectionInputs(env, secrets, progress, auth, references.registries, signal, references.givenFor);
  return { ...references, progress, connection };
}

/** For `startStep`: the one reference input an action names its target by (`reference`, `subject`), and its registry. */
export function referenceInput(env: Env, input: string): () => { reference: Reference; registries: string[] } {
  return () => {
    const reference = parseReference(getRequired(input, env));
    return { reference, registries: registryHosts(reference) };
  };
}

/**
 * The `debug` input, as the CLI's `--debug`: a line in the log per HTTP request and its
 * answer (nothing secret in it, and the known secrets masked besides). Without it, a
 * re-run with GitHub's debug logging on gets the same lines as debug messages.
 */
function httpDebugInput(env: Env, secrets: Secrets): { onHttp?: HttpListener } {
  if (getBoolean('debug', false, env)) return { onHttp: (exchange) => actions.info(secrets.redact(httpDebugLine(exchange))) };
  if (actions.isDebug()) return { onHttp: (exchange) => actions.debug(secrets.redact(httpDebugLine(exchange))) };
  return {};
}
