/**
 * sign: signs the manifest `reference` names as `cosign sign` does (a Sigstore
 * bundle) and attaches the bundle as its referrer, the same core call as
 * `ocikit sign` (signReference). With a key (`key`: the PEM text, from a secret)
 * or keyless (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio).
 * The key text and the OIDC request token are masked before anything runs.
 */
import * as actions from '@actions/core';
import { REFERRERS_MODES, explainUnreachableRekor, openTarget, parseAnnotationArguments, signReference, signResultJson, sourceDateEpoch } from '@ocikit/core';
import { type Env, getChoice, getList } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { TLOG_HINT, maskSigningKeyInput, signerFromInputs } from '../signer-inputs.js';
import { writeSignSummary } from '../summaries/sign.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('sign', async (secrets, signal) => {
    maskSigningKeyInput(env, secrets);
    const { progress, connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const signer = await signerFromInputs('sign', env, secrets);
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
        throw explainUnreachableRekor(error, signer, TLOG_HINT);
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
