/**
 * attest: signs an in-toto statement about the manifest `reference` names (SLSA
 * provenance, a vulnerability report, any predicate) and attaches the Sigstore
 * bundle as its referrer, as `cosign attest` does; the same core call as `ocikit
 * attest` (attestReference). Signed with a key or keyless, as the sign action.
 */
import * as actions from '@actions/core';
import { REFERRERS_MODES, attestReference, explainUnreachableRekor, openTarget, readPredicateFile, signResultJson, sourceDateEpoch } from '@ocikit/core';
import { type Env, getChoice, getRequired } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { TLOG_HINT, maskSigningKeyInput, signerFromInputs } from '../signer-inputs.js';
import { writeSignSummary } from '../summaries/sign.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('attest', async (secrets, signal) => {
    maskSigningKeyInput(env, secrets);
    const { progress, connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const predicateType = getRequired('type', env);
    const predicate = await readPredicateFile(getRequired('predicate', env));
    const signer = await signerFromInputs('attest', env, secrets);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const epoch = sourceDateEpoch(env);

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await attestReference(target, selector, {
        signer,
        predicateType,
        predicate,
        // cosign attest names the subject by its repository; a layout directory is no such name.
        ...(reference.kind === 'registry' ? { subjectName: target.name } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        progress,
      }).catch((error: unknown) => {
        throw explainUnreachableRekor(error, signer, TLOG_HINT);
      });
      const json = signResultJson(reference, result);
      const by = json.signer.kind === 'key' ? `key ${json.signer.hint}` : json.signer.identity;
      actions.info(`Attested ${json.subject.reference} (${predicateType}) with ${by}: ${json.reference}`);
      setOutputs({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
      await writeSignSummary(json, 'attest');
    } finally {
      await target.close();
    }
  });
}
