/**
 * attach: files (an SBOM, a SARIF report, a signature) as a referrer of a subject,
 * the same core call as `ocikit attach` (attachArtifact), then the subject's
 * referrers graph in the job summary.
 */
import * as actions from '@actions/core';
import {
  REFERRERS_MODES,
  attachArtifact,
  attachResultJson,
  openTarget,
  parseAnnotationArguments,
  parseFileArgument,
  sourceDateEpoch,
} from '@ocikit/core';
import { type Env, getChoice, getList, getPositiveInteger, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { withRunAnnotations } from '../run-annotations.js';
import { writeAttachSummary } from '../summaries/attach.js';
import { graphForSummary } from '../summaries/referrers-graph.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('attach', async (secrets, signal) => {
    const { progress, connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'subject'));
    const files = getList('files', {}, env).map((file) => parseFileArgument(file));
    const artifactType = getString('artifact-type', env);
    const annotations = withRunAnnotations(parseAnnotationArguments(getList('annotations', {}, env), 'attach'), env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const concurrency = getPositiveInteger('concurrency', 3, env);
    const epoch = sourceDateEpoch(env);

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await attachArtifact(target, selector, {
        files,
        ...(artifactType ? { artifactType } : {}),
        annotations,
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        concurrency,
        progress,
      });
      const json = attachResultJson(reference, result);
      actions.info(`Attached ${json.reference} (${json.artifactType}) to ${json.subject.reference}`);
      setOutputs({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
      const graph = await graphForSummary(target, result.subject.digest, (message) => progress.warning(message));
      await writeAttachSummary(json, graph, target.name);
    } finally {
      await target.close();
    }
  });
}
