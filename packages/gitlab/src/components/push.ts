/** templates/push.yml: files and directories to one OCI artifact (`ocikit push`). */
import { type PushResultJson, readAnnotationFile } from '@ocikit/core';
import { resolve } from 'node:path';
import { type Component, fileArguments, registriesOf, valueOption } from '../component.js';
import { annotationOptions, pipelineAnnotations } from '../pipeline.js';
import { shippedArtifact } from '../shipped-artifact.js';

export const push: Component<PushResultJson> = {
  verb: 'push',
  inputs: {
    string: ['reference', 'files', 'artifact-type', 'annotations', 'annotation-file', 'config', 'tags', 'platform', 'compression'],
    boolean: ['overwrite'],
    number: ['inline-max', 'chunk-size'],
  },
  switches: ['plain-http', 'insecure'],
  numbers: ['inline-max', 'concurrency', 'chunk-size'],
  async plan(inputs, job) {
    const reference = inputs.required('reference');
    const files = fileArguments(inputs, 'pushed');
    const annotationFile = inputs.text('annotation-file');
    // The file's $manifest keys are the user's too: the pipeline's go only under the others.
    const fromFile = annotationFile ? ((await readAnnotationFile(resolve(job.cwd, annotationFile))).$manifest ?? {}) : {};
    const options = [
      ...valueOption(inputs, 'artifact-type'),
      ...valueOption(inputs, 'config'),
      ...inputs.list('tags').flatMap((tag) => ['--tag', tag]),
      ...valueOption(inputs, 'platform'),
      ...valueOption(inputs, 'compression'),
      ...(inputs.flag('overwrite') ? [] : ['--no-overwrite']),
      ...(annotationFile ? ['--annotation-file', annotationFile] : []),
      ...annotationOptions(inputs.lines('annotations'), pipelineAnnotations(job.env, ['source', 'revision', 'created']), fromFile),
    ];
    return { command: ['push'], options, positionals: [reference, ...files], registries: registriesOf(reference) };
  },
  report(result) {
    return {
      summary: [`pushed ${result.reference}`, `tags: ${(result.tags ?? []).join(', ')}`, `layers: ${(result.layers ?? []).length}`],
      outputs: shippedArtifact(result.reference),
    };
  },
};
