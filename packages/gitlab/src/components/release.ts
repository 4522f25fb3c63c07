/** templates/release.yml: one artifact per platform and the index over them (`ocikit release`). */
import { OcikitError, type ReleaseResultJson, parseReleaseArgument } from '@ocikit/core';
import { type Component, registriesOf, valueOption } from '../component.js';
import { annotationOptions, pipelineAnnotations } from '../pipeline.js';
import { shippedArtifact } from '../shipped-artifact.js';

export const release: Component<ReleaseResultJson> = {
  verb: 'release',
  inputs: { string: ['reference', 'files', 'artifact-type', 'annotations', 'tags'], boolean: ['allow-duplicates', 'overwrite'], number: ['chunk-size'] },
  switches: ['allow-duplicates', 'plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  plan(inputs, job) {
    const reference = inputs.required('reference');
    const files = inputs.lines('files');
    if (files.length === 0) throw new OcikitError('INVALID_INPUT', 'the input files is empty', { hint: 'list path=os/arch[/variant] lines' });
    // Checked as the CLI checks them (core's parser), before anything is sent.
    for (const file of files) parseReleaseArgument(file);
    const options = [
      ...valueOption(inputs, 'artifact-type'),
      ...inputs.list('tags').flatMap((tag) => ['--tag', tag]),
      ...(inputs.flag('overwrite') ? [] : ['--no-overwrite']),
      ...annotationOptions(inputs.lines('annotations'), pipelineAnnotations(job.env, ['source', 'revision', 'created'])),
    ];
    return { command: ['release'], options, positionals: [reference, ...files], registries: registriesOf(reference) };
  },
  report(result) {
    return {
      summary: [
        `released ${result.reference}`,
        `tags: ${(result.tags ?? []).join(', ')}`,
        ...(result.artifacts ?? []).map((a) => `  ${a.platform.padEnd(20)} ${a.digest} ${a.file}`),
      ],
      outputs: shippedArtifact(result.reference),
    };
  },
};
