/** templates/attach.yml: files attached to an image or artifact as its OCI 1.1 referrer (`ocikit attach`). */
import { type AttachResultJson, OcikitError } from '@ocikit/core';
import { type Component, fileArguments, referrersModeOptions, registriesOf, valueOption } from '../component.js';
import { annotationOptions, pipelineAnnotations } from '../pipeline.js';

export const attach: Component<AttachResultJson> = {
  verb: 'attach',
  inputs: { string: ['subject', 'files', 'artifact-type', 'annotations', 'referrers-mode'], number: ['chunk-size'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  plan(inputs, job) {
    const subject = inputs.required('subject');
    const files = fileArguments(inputs, 'attached');
    if (files.length === 0) throw new OcikitError('INVALID_INPUT', 'the input files is empty', { hint: 'list the files to attach, one per line' });
    const options = [
      ...valueOption(inputs, 'artifact-type'),
      ...referrersModeOptions(inputs),
      ...annotationOptions(inputs.lines('annotations'), pipelineAnnotations(job.env, ['source', 'revision', 'created'])),
    ];
    return { command: ['attach'], options, positionals: [subject, ...files], registries: registriesOf(subject) };
  },
  report(result) {
    const listed = result.referrers;
    return {
      summary: [
        `attached ${result.reference}`,
        `subject: ${result.subject?.reference}`,
        `artifact type: ${result.artifactType}`,
        ...(result.files ?? []).map((f) => `  ${f.path}: ${f.kind ? `${f.kind}, ` : ''}${f.mediaType}`),
        listed?.via === 'tag'
          ? `listed in the referrers index ${listed.tag} (the registry has no referrers API)`
          : `listed by ${listed?.via === 'api' ? 'the registry (referrers API)' : 'the layout'}`,
      ],
      outputs: { SUBJECT: result.subject?.reference },
    };
  },
};
