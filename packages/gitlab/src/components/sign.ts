/** templates/sign.yml: a cosign-format signature attached as a referrer (`ocikit sign`). */
import { OcikitError, type SignResultJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf, valueOption } from '../component.js';
import { annotationOptions } from '../pipeline.js';
import { keyOption } from './verify.js';

export const sign: Component<SignResultJson> = {
  verb: 'sign',
  inputs: { string: ['reference', 'key', 'rekor-url', 'fulcio-url', 'tsa-url', 'annotations', 'referrers-mode'], boolean: ['keyless', 'tlog'], number: ['chunk-size'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  keyInputs: ['key'],
  plan(inputs) {
    const reference = inputs.required('reference');
    const key = inputs.text('key');
    const keyless = inputs.flag('keyless');
    if (key && keyless) throw new OcikitError('INVALID_INPUT', 'the inputs key and keyless cannot both be given');
    if (!key && !keyless) {
      throw new OcikitError('INVALID_INPUT', 'sign needs the input key or keyless: true', { hint: 'key: a masked CI/CD variable, of type file or holding the PEM' });
    }
    const options = [
      ...(key ? keyOption(inputs, 'key') : ['--keyless']),
      ...(inputs.flag('tlog') ? [] : ['--no-tlog']),
      ...valueOption(inputs, 'rekor-url'),
      ...valueOption(inputs, 'fulcio-url'),
      ...valueOption(inputs, 'tsa-url'),
      ...referrersModeOptions(inputs),
      // Claims signed along: the user's only.
      ...annotationOptions(inputs.lines('annotations'), {}),
    ];
    return { command: ['sign'], options, positionals: [reference], registries: registriesOf(reference) };
  },
  report(result) {
    const signer = result.signer;
    return {
      summary: [
        `signed ${result.subject?.reference}`,
        `by ${signer?.kind === 'key' ? `key ${signer.hint}` : `${signer?.identity} (keyless)`}`,
        `evidence: ${result.transparencyLogEntries ?? 0} Rekor entries, ${result.signedTimestamps ?? 0} timestamps`,
        `signature: ${result.reference}`,
      ],
      outputs: { SUBJECT: result.subject?.reference },
    };
  },
};
