/**
 * The root action: push files and directories as an OCI artifact. Inputs → the
 * same core calls as `ocikit push` (openTarget, parseFileArgument,
 * parseAnnotationArguments, pushArtifact) → outputs and the job summary.
 */
import * as actions from '@actions/core';
import {
  DIRECTORY_COMPRESSIONS,
  openTarget,
  parseAnnotationArguments,
  parseFileArgument,
  parsePlatform,
  pushArtifact,
  pushTags,
  pushResultJson,
  readAnnotationFile,
  sourceDateEpoch,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getList, getPositiveInteger, getString } from '../inputs.js';
import { announcePushed } from '../announce.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { runAnnotations } from '../run-annotations.js';
import { writePushSummary } from '../summary.js';
import { referenceInput, startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('push', async (secrets, signal) => {
    const { progress, connection, reference } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const files = getList('files', {}, env).map((file) => parseFileArgument(file));
    const annotations = parseAnnotationArguments(getList('annotations', {}, env), 'push');
    const annotationFile = getString('annotation-file', env);
    const config = getString('config', env);
    const artifactType = getString('artifact-type', env);
    const platform = getString('platform', env);
    const inlineMax = getPositiveInteger('inline-max', undefined, env);
    const concurrency = getPositiveInteger('concurrency', 3, env);
    const epoch = sourceDateEpoch(env);
    const tags = pushTags(reference, getList('tags', { comma: true }, env));
    const overwrite = getBoolean('overwrite', true, env);
    const compression = getChoice('compression', DIRECTORY_COMPRESSIONS, 'gzip', env);

    const { target } = await openTarget(reference, { ...connection, ...uploadInputs(env), create: true });
    try {
      const result = await pushArtifact(target, {
        files,
        tags,
        ...(artifactType ? { artifactType } : {}),
        annotations,
        ...(annotationFile ? { annotationFile: await readAnnotationFile(annotationFile) } : {}),
        // Under the user's keys, the annotation file's `$manifest` included: core keeps the rule.
        runAnnotations: runAnnotations(env),
        ...(config ? { config: parseFileArgument(config) } : {}),
        ...(platform ? { platform: parsePlatform(platform) } : {}),
        ...(inlineMax ? { inlineMax } : {}),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        concurrency,
        ...(overwrite ? {} : { noOverwrite: true }),
        compression,
        progress,
        signal,
      });
      const json = pushResultJson(reference, result);
      actions.info(`Pushed ${json.reference}`);
      setOutputs({ digest: result.descriptor.digest, reference: json.reference, json });
      await announcePushed(json.reference, env);
      await writePushSummary(json.reference, result);
    } finally {
      await target.close();
    }
  });
}
