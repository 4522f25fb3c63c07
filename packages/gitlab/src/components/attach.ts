/** templates/attach.yml: files attached to an image or artifact as its OCI 1.1 referrer (`ocikit attach`). */
import { type AttachResultJson, OcikitError, type SignResultJson } from '@ocikit/core';
import { type Component, fileArguments, referrersModeOptions, registriesOf, valueOption } from '../component.js';
import { annotationOptions, pipelineAnnotations } from '../pipeline.js';
import { SIGNING_INPUTS, signingInputsGiven, signingOptions } from './signing.js';

/** With `sign: true`, the signature attached to what was attached (the CLI's attach --sign). */
type AttachedJson = AttachResultJson & { signature?: SignResultJson };

export const attach: Component<AttachedJson> = {
  verb: 'attach',
  inputs: {
    string: ['subject', 'files', 'artifact-type', 'annotations', 'referrers-mode', ...SIGNING_INPUTS.string],
    boolean: ['sign', ...SIGNING_INPUTS.boolean],
    number: ['inline-max', 'chunk-size'],
  },
  switches: ['plain-http', 'insecure'],
  numbers: ['inline-max', 'concurrency', 'chunk-size'],
  keyInputs: ['key'],
  plan(inputs, job) {
    const subject = inputs.required('subject');
    const files = fileArguments(inputs, 'attached');
    if (files.length === 0) throw new OcikitError('INVALID_INPUT', 'the input files is empty', { hint: 'list the files to attach, one per line' });
    const sign = inputs.flag('sign');
    const given = signingInputsGiven(inputs);
    if (!sign && given.length > 0) {
      throw new OcikitError('INVALID_INPUT', `the signing inputs ${given.join(', ')} were given without sign: true`, { hint: 'add `sign: true` to sign what is attached' });
    }
    const options = [
      ...valueOption(inputs, 'artifact-type'),
      ...referrersModeOptions(inputs),
      ...(sign ? ['--sign', ...signingOptions(inputs, 'attach with sign: true')] : []),
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
        ...(result.signature ? [`signed it: ${result.signature.reference}`] : []),
      ],
      outputs: { SUBJECT: result.subject?.reference },
    };
  },
};
