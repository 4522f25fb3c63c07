/**
 * attach: files (an SBOM, a SARIF report, a signature) as a referrer of a subject,
 * the same core call as `ocikit attach` (attachArtifact), then the subject's
 * referrers graph in the job summary.
 */
import * as actions from '@actions/core';
import {
  OcikitError,
  REFERRERS_MODES,
  attachArtifact,
  attachResultJson,
  explainUnreachableRekor,
  openTarget,
  parseAnnotationArguments,
  parseFileArgument,
  signResultJson,
  sourceDateEpoch,
  withSelector,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getList, getPositiveInteger, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { TLOG_HINT, maskSigningKeyInput, signerFromInputs, signingInputsGiven } from '../signer-inputs.js';
import { withRunAnnotations } from '../run-annotations.js';
import { writeAttachSummary } from '../summaries/attach.js';
import { graphForSummary } from '../summaries/referrers-graph.js';
import { referenceInput, startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('attach', async (secrets, signal) => {
    maskSigningKeyInput(env, secrets);
    const { progress, connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'subject'));
    const files = getList('files', {}, env).map((file) => parseFileArgument(file));
    const artifactType = getString('artifact-type', env);
    const annotations = withRunAnnotations(parseAnnotationArguments(getList('annotations', {}, env), 'attach'), env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const concurrency = getPositiveInteger('concurrency', 3, env);
    const inlineMax = getPositiveInteger('inline-max', undefined, env);
    const epoch = sourceDateEpoch(env);
    const sign = getBoolean('sign', false, env);
    const signingInputs = signingInputsGiven(env);
    if (!sign && signingInputs.length > 0) {
      throw new OcikitError('INVALID_INPUT', `the signing inputs ${signingInputs.join(', ')} were given without sign: true`, { hint: 'add `sign: true` to sign what is attached' });
    }
    // Built before anything is pushed: a key that cannot be used fails first.
    const signer = sign ? await signerFromInputs('attach', env, secrets) : undefined;

    const { target, reference, selector } = await openTarget(subject, { ...connection, ...uploadInputs(env), referrersMode });
    try {
      const result = await attachArtifact(target, selector, {
        files,
        ...(artifactType ? { artifactType } : {}),
        annotations,
        ...(inlineMax ? { inlineMax } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        concurrency,
        progress,
        ...(signer ? { sign: signer } : {}),
      }).catch((error: unknown) => {
        throw signer ? explainUnreachableRekor(error, signer, TLOG_HINT) : error;
      });
      const attached = attachResultJson(reference, result);
      const signature = result.signature ? signResultJson(withSelector(reference, { digest: result.descriptor.digest }), result.signature) : undefined;
      const json = signature ? { ...attached, signature } : attached;
      actions.info(`Attached ${json.reference} (${json.artifactType}) to ${json.subject.reference}`);
      if (signature) actions.info(`Signed it: ${signature.reference}`);
      setOutputs({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
      const graph = await graphForSummary(target, result.subject.digest, (message) => progress.warning(message));
      await writeAttachSummary(json, graph, target.name);
    } finally {
      await target.close();
    }
  });
}
