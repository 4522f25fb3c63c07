/**
 * The signer a signing action (sign, attest) builds from its inputs: a key (`key`:
 * PEM text from a secret, a path or env://NAME, as the CLI's --key) or keyless
 * (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio), with the
 * transparency log and timestamp inputs. Every secret is masked before it can be printed.
 */
import * as actions from '@actions/core';
import { type ImageSigner, signerFromChoice, signingKeySecrets } from '@ocikit/core';
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
  const rekorUrl = getString('rekor-url', env);
  const fulcioUrl = getString('fulcio-url', env);
  const tsaUrl = getString('tsa-url', env);
  return signerFromChoice(
    { ...(key !== '' ? { key } : {}), keyless: getBoolean('keyless', false, env), tlog: getBoolean('tlog', true, env), rekorUrl, fulcioUrl, tsaUrl },
    {
      key: 'the inputs key',
      keyless: 'keyless',
      noTlog: 'the inputs tlog: false',
      rekorUrl: 'rekor-url',
      fulcioUrl: 'the input fulcio-url',
      keySource: 'the input key',
      neither: {
        message: `${verb === 'attach' ? 'attach with sign: true' : verb} needs the input key (a PEM private key, from a secret) or keyless: true`,
        hint: 'keyless needs the job to have `permissions: id-token: write`',
      },
    },
    env,
    (secret) => mask([secret], secrets),
  );
}
