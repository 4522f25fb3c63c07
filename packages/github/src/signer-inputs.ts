/**
 * The signer a signing action (sign, attest) builds from its inputs: a key (`key`:
 * PEM text from a secret, a path or env://NAME, as the CLI's --key) or keyless
 * (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio), with the
 * transparency log and timestamp inputs. Every secret is masked before it can be printed.
 */
import * as actions from '@actions/core';
import {
  DEFAULT_FULCIO_URL,
  DEFAULT_REKOR_URL,
  type ImageSigner,
  OcikitError,
  keySigner,
  keylessSignerFromEnvironment,
  loadGivenSigningKey,
  oidcTokenSecrets,
  signingKeySecrets,
  signingKeySource,
  sigstoreServiceURL,
} from '@ocikit/core';
import { type Env, getBoolean, getString, inputVariable } from './inputs.js';
import type { Secrets } from './run-action.js';

/**
 * The signing inputs set to something that would change a signature (keyless: false
 * and tlog: true are what signing does anyway): an action that signs only on request
 * refuses them without it, as the CLI refuses its signing flags without --sign.
 */
export function signingInputsGiven(env: Env): string[] {
  const neutral: Record<string, string> = { keyless: 'false', tlog: 'true' };
  return ['key', 'keyless', 'tlog', 'rekor-url', 'fulcio-url', 'tsa-url'].filter((name) => {
    const value = getString(name, env);
    return value !== '' && value !== neutral[name];
  });
}

/** What to do when Rekor cannot be reached, in the inputs' words. */
export const TLOG_HINT = 'where Rekor cannot be reached, set `tlog: false`, or give your own log with `rekor-url`';

/** The key input's text, masked first thing: before any input is parsed or any line printed. */
export function maskSigningKeyInput(env: Env, secrets: Secrets): void {
  mask(signingKeySecrets(env[inputVariable('key')] ?? ''), secrets);
}

function mask(values: string[], secrets: Secrets): void {
  for (const value of values) if (secrets.add(value)) actions.setSecret(value);
}

export async function signerFromInputs(verb: 'sign' | 'attest' | 'attach', env: Env, secrets: Secrets): Promise<ImageSigner> {
  const key = getString('key', env);
  const keyless = getBoolean('keyless', false, env);
  const tlog = getBoolean('tlog', true, env);
  const rekorInput = getString('rekor-url', env);
  const fulcioInput = getString('fulcio-url', env);
  const tsaInput = getString('tsa-url', env);
  if (key !== '' && keyless) throw usage('the inputs key and keyless cannot both be given', 'sign with a key of your own (a secret), or keyless with the job\'s OIDC identity');
  if (key === '' && !keyless) {
    throw usage(`${verb} needs the input key (a PEM private key, from a secret) or keyless: true`, 'keyless needs the job to have `permissions: id-token: write`');
  }
  if (!tlog && rekorInput) throw usage('the inputs tlog: false and rekor-url cannot both be given');
  const rekorURL = tlog ? sigstoreServiceURL(rekorInput || DEFAULT_REKOR_URL, 'Rekor') : false;
  const tsaURL = tsaInput ? sigstoreServiceURL(tsaInput, 'timestamp authority') : undefined;
  if (key !== '') {
    if (fulcioInput) throw usage('the input fulcio-url is for keyless signing; a key signature has no certificate');
    // What the CLI's --key takes (a path, env://NAME), or the PEM itself from a secret.
    const source = signingKeySource(key, env, 'the input key');
    if (source.pem !== undefined) mask(signingKeySecrets(source.pem), secrets);
    return keySigner(await loadGivenSigningKey(source), { rekorURL, ...(tsaURL ? { tsaURL } : {}) });
  }
  mask(oidcTokenSecrets(env), secrets);
  return keylessSignerFromEnvironment({
    fulcioURL: sigstoreServiceURL(fulcioInput || DEFAULT_FULCIO_URL, 'Fulcio'),
    rekorURL,
    ...(tsaURL ? { tsaURL } : {}),
  });
}

function usage(message: string, hint?: string): OcikitError {
  return new OcikitError('INVALID_INPUT', message, hint ? { hint } : {});
}
