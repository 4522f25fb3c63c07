/** templates/pull.yml: an artifact's files into a directory, kept as the job's artifacts (`ocikit pull`). */
import { OcikitError, type PullResultJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf, valueOption } from '../component.js';

/** An empty path input: the project directory, the CLI's default (the template's is `pulled`, which the job keeps as artifacts). */
const OUTPUT = '.';

export const pull: Component<PullResultJson> = {
  verb: 'pull',
  inputs: {
    string: ['reference', 'path', 'media-types', 'artifact-type', 'platform', 'referrers-mode'],
    boolean: ['keep-old-files', 'compatible-platforms'],
    number: ['max-unpack-bytes'],
  },
  switches: ['keep-old-files', 'compatible-platforms', 'plain-http', 'insecure'],
  numbers: ['max-unpack-bytes', 'concurrency'],
  plan(inputs) {
    const output = inputs.text('path') || OUTPUT;
    if (output === '-') throw new OcikitError('INVALID_INPUT', 'the input path is - (standard output), which is not for a job', { hint: 'give a directory' });
    const reference = inputs.required('reference');
    const options = [
      '--output',
      output,
      ...inputs.list('media-types').flatMap((mediaType) => ['--media-type', mediaType]),
      ...valueOption(inputs, 'platform'),
      ...valueOption(inputs, 'artifact-type'),
      ...referrersModeOptions(inputs),
    ];
    return { command: ['pull'], options, positionals: [reference], registries: registriesOf(reference) };
  },
  report(result, inputs) {
    return {
      summary: [`pulled ${result.reference}`, ...(result.files ?? []).map((f) => `  ${f.unpacked ? 'unpacked' : 'wrote'} ${f.path}`)],
      outputs: { PATH: inputs.text('path') || OUTPUT },
    };
  },
};
