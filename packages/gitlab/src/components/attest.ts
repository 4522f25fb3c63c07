/** templates/attest.yml: an in-toto statement about an image or artifact, signed and attached as a referrer (`ocikit attest`). */
import type { SignResultsJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf } from '../component.js';
import { signatureReport } from './sign.js';
import { SIGNING_COMPONENT, SIGNING_INPUTS, SIGNING_SUBJECT_INPUTS, signingOptions, signingSubjects } from './signing.js';

export const attest: Component<SignResultsJson> = {
  verb: 'attest',
  inputs: {
    string: [...SIGNING_SUBJECT_INPUTS.string, 'predicate', 'type', ...SIGNING_INPUTS.string, 'referrers-mode'],
    boolean: [...SIGNING_SUBJECT_INPUTS.boolean, ...SIGNING_INPUTS.boolean],
    number: ['chunk-size'],
  },
  ...SIGNING_COMPONENT,
  plan(inputs) {
    const references = signingSubjects(inputs);
    const options = [
      // The CLI reads the predicate file (core's readPredicateFile) and checks the type before anything is sent.
      '--predicate',
      inputs.required('predicate'),
      '--type',
      inputs.required('type'),
      ...signingOptions(inputs, 'attest'),
      ...referrersModeOptions(inputs),
    ];
    return { command: ['attest'], options, positionals: references, registries: [...new Set(registriesOf(...references))] };
  },
  report: signatureReport('attested'),
};
