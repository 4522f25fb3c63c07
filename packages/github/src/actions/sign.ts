/**
 * sign: signs the manifest `reference` names as `cosign sign` does (a Sigstore
 * bundle) and attaches the bundle as its referrer, the same core call as
 * `ocikit sign` (signReference). With a key (`key`: the PEM text, from a secret)
 * or keyless (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio).
 * The key text and the OIDC request token are masked before anything runs.
 */
import * as actions from '@actions/core';
import {
  DEFAULT_FULCIO_URL,
  DEFAULT_REKOR_URL,
  type ImageSigner,
  OcikitError,
  REFERRERS_MODES,
  explainUnreachableRekor,
  keySigner,
  keylessSignerFromEnvironment,
  loadGivenSigningKey,
  oidcTokenSecrets,
  openTarget,
  parseAnnotationArguments,
  signReference,
  signResultJson,
  signingKeySecrets,
  signingKeySource,
  sigstoreServiceURL,
  sourceDateEpoch,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getList, getString, inputVariable } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { type Secrets, runAction } from '../run-action.js';
import { writeSignSummary } from '../summaries/sign.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('sign', async (secrets, signal) => {
    // The key's text first: masked before any input is parsed or any line printed.
    mask(signingKeySecrets(env[inputVariable('key')] ?? ''), secrets);
    const { progress, connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const signer = await signerFromInputs(env, secrets);
    const annotations = parseAnnotationArguments(getList('annotations', {}, env), 'sign');
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const epoch = sourceDateEpoch(env);

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await signReference(target, selector, {
        signer,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        progress,
      }).catch((error: unknown) => {
        throw explainUnreachableRekor(error, signer, 'where Rekor cannot be reached, set `tlog: false`, or give your own log with `rekor-url`');
      });
      const json = signResultJson(reference, result);
      const by = json.signer.kind === 'key' ? `key ${json.signer.hint}` : json.signer.identity;
      actions.info(`Signed ${json.subject.reference} with ${by}: ${json.reference}`);
      setOutputs({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
      await writeSignSummary(json);
    } finally {
      await target.close();
    }
  });
}

function mask(values: string[], secrets: Secrets): void {
  for (const value of values) if (secrets.add(value)) actions.setSecret(value);
}

async function signerFromInputs(env: Env, secrets: Secrets): Promise<ImageSigner> {
  const key = getString('key', env);
  const keyless = getBoolean('keyless', false, env);
  const tlog = getBoolean('tlog', true, env);
  const rekorInput = getString('rekor-url', env);
  const fulcioInput = getString('fulcio-url', env);
  const tsaInput = getString('tsa-url', env);
  if (key !== '' && keyless) throw usage('the inputs key and keyless cannot both be given', 'sign with a key of your own (a secret), or keyless with the job\'s OIDC identity');
  if (key === '' && !keyless) {
    throw usage('sign needs the input key (a PEM private key, from a secret) or keyless: true', 'keyless needs the job to have `permissions: id-token: write`');
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
