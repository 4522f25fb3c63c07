/**
 * release: one artifact per platform (a binary each) and the index over them, so
 * `pull` and `setup` on any machine take the file for it; the same core call as
 * `ocikit release` (releaseArtifacts).
 */
import * as actions from '@actions/core';
import {
  openTarget,
  parseAnnotationArgumentList,
  parseReleaseArgument,
  pushTags,
  releaseArtifacts,
  releaseResultJson,
  sourceDateEpoch,
  unprefixedAnnotations,
} from '@ocikit/core';
import { type Env, getBoolean, getList, getPositiveInteger, getString } from '../inputs.js';
import { announcePushed } from '../announce.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { runAnnotations } from '../run-annotations.js';
import { writeReleaseSummary } from '../summaries/release.js';
import { referenceInput, startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('release', async (secrets, signal) => {
    const { progress, connection, reference } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const files = getList('files', {}, env).map(parseReleaseArgument);
    // The run's first: a later argument wins, so what the user sets is theirs (core's manifestAnnotations rule).
    const annotations = [...unprefixedAnnotations(runAnnotations(env)), ...parseAnnotationArgumentList(getList('annotations', {}, env))];
    const artifactType = getString('artifact-type', env);
    const allowDuplicates = getBoolean('allow-duplicates', false, env);
    const concurrency = getPositiveInteger('concurrency', 3, env);
    const epoch = sourceDateEpoch(env);
    const tags = pushTags(reference, getList('tags', { comma: true }, env));
    const overwrite = getBoolean('overwrite', true, env);

    const { target } = await openTarget(reference, { ...connection, ...uploadInputs(env), create: true });
    try {
      const result = await releaseArtifacts(target, {
        files,
        tags,
        annotations,
        ...(artifactType ? { artifactType } : {}),
        ...(allowDuplicates ? { allowDuplicates: true } : {}),
        ...(overwrite ? {} : { noOverwrite: true }),
        ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
        concurrency,
        progress,
      });
      const json = releaseResultJson(reference, result);
      for (const a of json.artifacts) actions.info(`  ${a.platform.padEnd(20)} ${a.digest} ${a.file}`);
      actions.info(`Pushed ${json.reference}`);
      setOutputs({ digest: json.digest, reference: json.reference, json });
      await announcePushed(json.reference, env);
      await writeReleaseSummary(json, result);
    } finally {
      await target.close();
    }
  });
}
