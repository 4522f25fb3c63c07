/** templates/pull.yml: an artifact's files into a directory, kept as the job's artifacts (`ocikit pull`). */
import { OcikitError, type PullResultJson } from '@ocikit/core';
import { type Component, registriesOf } from '../component.js';

export const pull: Component<PullResultJson> = {
  verb: 'pull',
  inputs: { string: ['reference', 'path', 'media-types'], boolean: ['keep-old-files'] },
  switches: ['keep-old-files', 'plain-http', 'insecure'],
  numbers: ['concurrency'],
  plan(inputs) {
    const output = inputs.text('path') || '.';
    if (output === '-') throw new OcikitError('INVALID_INPUT', 'the input path is - (standard output), which is not for a job', { hint: 'give a directory' });
    const reference = inputs.required('reference');
    const options = ['--output', output, ...inputs.list('media-types').flatMap((mediaType) => ['--media-type', mediaType])];
    return { command: ['pull'], options, positionals: [reference], registries: registriesOf(reference) };
  },
  report(result, inputs) {
    return {
      summary: [`pulled ${result.reference}`, ...(result.files ?? []).map((f) => `  ${f.unpacked ? 'unpacked' : 'wrote'} ${f.path}`)],
      outputs: { PATH: inputs.text('path') || '.' },
    };
  },
};
