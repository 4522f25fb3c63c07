/** templates/sign.yml: a cosign-format signature attached as a referrer (`ocikit sign`). */
import type { SignResultJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf } from '../component.js';
import { annotationOptions } from '../pipeline.js';
import { SIGNING_INPUTS, signingOptions } from './signing.js';

export const sign: Component<SignResultJson> = {
  verb: 'sign',
  inputs: { string: ['reference', ...SIGNING_INPUTS.string, 'annotations', 'referrers-mode'], boolean: [...SIGNING_INPUTS.boolean], number: ['chunk-size'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  keyInputs: ['key'],
  plan(inputs) {
    const reference = inputs.required('reference');
    const options = [
      ...signingOptions(inputs, 'sign'),
      ...referrersModeOptions(inputs),
      // Claims signed along: the user's only.
      ...annotationOptions(inputs.lines('annotations'), {}),
    ];
    return { command: ['sign'], options, positionals: [reference], registries: registriesOf(reference) };
  },
  report: signatureReport('signed'),
};

/** What sign and attest report: the subject, the signer, the evidence and the referrer; SUBJECT for later jobs. */
export function signatureReport(did: string): Component<SignResultJson>['report'] {
  return (result) => {
    const signer = result.signer;
    return {
      summary: [
        `${did} ${result.subject?.reference}`,
        `by ${signer?.kind === 'key' ? `key ${signer.hint}` : `${signer?.identity} (keyless)`}`,
        `evidence: ${result.transparencyLogEntries ?? 0} Rekor entries, ${result.signedTimestamps ?? 0} timestamps`,
        `${did === 'attested' ? 'attestation' : 'signature'}: ${result.reference}`,
      ],
      outputs: { SUBJECT: result.subject?.reference },
    };
  };
}
