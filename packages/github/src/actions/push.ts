/**
 * The root action: push files and directories as an OCI artifact. Inputs → the
 * same core calls as `ocikit push` (openTarget, parseFileArgument,
 * parseAnnotationArguments, pushArtifact) → outputs and the job summary.
 */
import * as actions from '@actions/core';
import { openTarget, parseAnnotationArguments, parseFileArgument, pushArtifact, readAnnotationFile } from '@ocikit/core';
import { type Env, getList, getPositiveInteger, getString } from '../inputs.js';
import { pinnedReference, pushResultJson, setOutputs } from '../outputs.js';
import { actionProgress, runAction } from '../run-action.js';
import { sourceDateEpoch, withRunAnnotations } from '../run-annotations.js';
import { writePushSummary } from '../summary.js';
import { readRemoteInputs } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction(async (secrets) => {
    const progress = actionProgress(secrets);
    const remote = readRemoteInputs(env, secrets, progress);
    const files = getList('files', {}, env).map((file) => parseFileArgument(file));
    const annotations = withRunAnnotations(parseAnnotationArguments(getList('annotations', {}, env)), env);
    const annotationFile = getString('annotation-file', env);
    const config = getString('config', env);
    const artifactType = getString('artifact-type', env);
    const chunkSize = getPositiveInteger('chunk-size', undefined, env);
    const epoch = sourceDateEpoch(env);
    const { reference } = remote;
    const tags = [...(reference.tag ? [reference.tag] : reference.digest ? [] : ['latest']), ...getList('tags', { comma: true }, env)];

    const { target } = await openTarget(reference, { ...remote.options, ...(chunkSize ? { chunkSize } : {}), create: true });
    try {
      const result = await pushArtifact(target, {
        files,
        tags,
        ...(artifactType ? { artifactType } : {}),
        annotations,
        ...(annotationFile ? { annotationFile: await readAnnotationFile(annotationFile) } : {}),
        ...(config ? { config: parseFileArgument(config) } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        concurrency: remote.concurrency,
        progress,
      });
      const pushed = pinnedReference(reference, tags[0], result.descriptor.digest);
      actions.info(`Pushed ${pushed}`);
      setOutputs({ digest: result.descriptor.digest, reference: pushed, json: pushResultJson(pushed, result) });
      await writePushSummary(pushed, result);
    } finally {
      await target.close();
    }
  });
}
