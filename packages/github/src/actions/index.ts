/**
 * index: assemble or update a multi-platform image index from manifests pushed
 * one platform each (matrix jobs), the same core calls as `ocikit index
 * create|add|remove` (createIndexFromReferences, addToIndexByReference,
 * removeFromIndexByReference).
 */
import * as actions from '@actions/core';
import {
  type IndexReferenceOptions,
  OcikitError,
  addToIndexByReference,
  createIndexFromReferences,
  givenCredentialRegistries,
  indexResultJson,
  parseAnnotationArguments,
  parseIndexSourceArgument,
  parseReference,
  removeFromIndexByReference,
  sourceDateEpoch,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getList, getPositiveInteger, getRequired, getString } from '../inputs.js';
import { announcePushed } from '../announce.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { withRunAnnotations } from '../run-annotations.js';
import { writeIndexSummary } from '../summaries/index.js';
import { registryHosts, startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

const COMMANDS = ['create', 'add', 'remove'] as const;

export async function run(env: Env = process.env): Promise<void> {
  await runAction('index', async (secrets, signal) => {
    const { progress, connection, reference, command, sources } = startStep(env, secrets, signal, () => {
      const reference = parseReference(getRequired('reference', env));
      const command = getChoice('command', COMMANDS, 'create', env);
      const sources = getList('sources', {}, env);
      // create and add read manifests that may live in other repositories or registries; remove names entries.
      const sourceReferences = command === 'remove' ? [] : sources.map((s) => parseIndexSourceArgument(s, reference).reference);
      return { reference, command, sources, registries: registryHosts(reference, ...sourceReferences), givenFor: givenCredentialRegistries(reference, sourceReferences) };
    });
    const userAnnotations = parseAnnotationArguments(getList('annotations', {}, env), 'index');
    const artifactType = getString('artifact-type', env);
    if (command === 'remove' && (Object.keys(userAnnotations).length > 0 || artifactType)) {
      throw new OcikitError('INVALID_INPUT', 'inputs "annotations" and "artifact-type" apply to command create and add, not remove');
    }
    const epoch = sourceDateEpoch(env);
    const options: IndexReferenceOptions = {
      ...connection,
      ...uploadInputs(env),
      concurrency: getPositiveInteger('concurrency', 3, env),
      progress,
      tags: getList('tags', { comma: true }, env),
      ...(command === 'remove' ? {} : { annotations: withRunAnnotations(userAnnotations, env) }),
      ...(artifactType ? { artifactType } : {}),
      ...(getBoolean('allow-duplicates', false, env) ? { allowDuplicates: true } : {}),
      ...(getBoolean('replace', false, env) ? { replace: true } : {}),
      ...(getBoolean('anonymous-mount', false, env) ? { anonymousMount: true } : {}),
      ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
    };
    const result =
      command === 'create'
        ? await createIndexFromReferences(reference, sources, options)
        : command === 'add'
          ? await addToIndexByReference(reference, sources, options)
          : await removeFromIndexByReference(reference, sources, options);
    const json = indexResultJson(result);
    actions.info(`Pushed ${json.reference} (${json.manifests.length} entries)`);
    setOutputs({ digest: json.digest, reference: json.reference, json });
    await announcePushed(json.reference, env);
    await writeIndexSummary(command, json);
  });
}
