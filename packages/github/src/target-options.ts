/**
 * The inputs every action that talks to a registry shares (`reference`, `username`,
 * `password`, `github-token`, `plain-http`, `insecure`, `concurrency`) turned
 * into the options core's openTarget takes, as the CLI's remote flags are.
 */
import * as actions from '@actions/core';
import { type OpenTargetOptions, type ProgressListener, type Reference, parseReference } from '@ocikit/core';
import { chooseCredentials, readAuthInputs } from './auth.js';
import { type Env, getBoolean, getPositiveInteger, getRequired } from './inputs.js';
import type { Secrets } from './run-action.js';

export interface RemoteInputs {
  reference: Reference;
  /** The `reference` input as given. */
  referenceText: string;
  options: OpenTargetOptions;
  concurrency: number;
}

/**
 * Masks the secrets first, then reads the reference and the rest. Nothing is
 * printed or thrown before the password and token are known to the masker.
 */
export function readRemoteInputs(env: Env, secrets: Secrets, progress: ProgressListener): RemoteInputs {
  const mask = (secret: string): void => {
    if (secrets.add(secret)) actions.setSecret(secret);
  };
  const auth = readAuthInputs(env, mask);
  const referenceText = getRequired('reference', env);
  const reference = parseReference(referenceText);
  const credentials = chooseCredentials(reference, auth, env, mask);
  if (reference.kind === 'registry') actions.info(`Registry ${reference.registry}: ${credentials.source}`);
  return {
    reference,
    referenceText,
    concurrency: getPositiveInteger('concurrency', 3, env),
    options: {
      credentials: credentials.provider,
      plainHttp: getBoolean('plain-http', false, env),
      insecure: getBoolean('insecure', false, env),
      onWarning: (message) => progress.warning?.(message),
    },
  };
}
