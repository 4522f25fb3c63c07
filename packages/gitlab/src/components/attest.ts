/** templates/attest.yml: an in-toto statement about an image or artifact, signed and attached as a referrer (`ocikit attest`). */
import type { SignResultJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf } from '../component.js';
import { signatureReport } from './sign.js';
import { SIGNING_INPUTS, signingOptions } from './signing.js';

export const attest: Component<SignResultJson> = {
  verb: 'attest',
  inputs: { string: ['reference', 'predicate', 'type', ...SIGNING_INPUTS.string, 'referrers-mode'], boolean: [...SIGNING_INPUTS.boolean], number: ['chunk-size'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  keyInputs: ['key'],
  plan(inputs) {
    const reference = inputs.required('reference');
    const options = [
      // The CLI reads the predicate file (core's readPredicateFile) and checks the type before anything is sent.
      '--predicate',
      inputs.required('predicate'),
      '--type',
      inputs.required('type'),
      ...signingOptions(inputs, 'attest'),
      ...referrersModeOptions(inputs),
    ];
    return { command: ['attest'], options, positionals: [reference], registries: registriesOf(reference) };
  },
  report: signatureReport('attested'),
};
