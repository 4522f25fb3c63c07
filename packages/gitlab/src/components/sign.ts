/** templates/sign.yml: a cosign-format signature attached as a referrer (`ocikit sign`). */
import type { SignResultsJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf } from '../component.js';
import { annotationOptions } from '../pipeline.js';
import { SIGNING_COMPONENT, SIGNING_INPUTS, SIGNING_SUBJECT_INPUTS, signingOptions, signingSubjects } from './signing.js';

export const sign: Component<SignResultsJson> = {
  verb: 'sign',
  inputs: {
    string: [...SIGNING_SUBJECT_INPUTS.string, ...SIGNING_INPUTS.string, 'annotations', 'referrers-mode'],
    boolean: [...SIGNING_SUBJECT_INPUTS.boolean, ...SIGNING_INPUTS.boolean],
    number: ['chunk-size'],
  },
  ...SIGNING_COMPONENT,
  plan(inputs) {
    const references = signingSubjects(inputs);
    const options = [
      ...signingOptions(inputs, 'sign'),
      ...referrersModeOptions(inputs),
      // Claims signed along: the user's only.
      ...annotationOptions(inputs.lines('annotations'), {}),
    ];
    return { command: ['sign'], options, positionals: references, registries: [...new Set(registriesOf(...references))] };
  },
  report: signatureReport('signed'),
};

/**
 * What sign and attest report: for each signature the subject, the signer, the
 * evidence and the referrer; SUBJECT (the first) for later jobs, and SIGNATURES,
 * how many (each is in the job's JSON file, `signatures`).
 */
export function signatureReport(did: string): Component<SignResultsJson>['report'] {
  return (result) => {
    // A CLI older than the list reports one signature at the top level.
    const signatures = result.signatures ?? [result];
    return {
      summary: signatures.flatMap((signature) => {
        const signer = signature.signer;
        return [
          `${did} ${signature.subject?.reference}${signature.listedBy ? ` (listed by ${signature.listedBy})` : ''}`,
          `by ${signer?.kind === 'key' ? `key ${signer.hint}` : `${signer?.identity} (keyless)`}`,
          `evidence: ${signature.transparencyLogEntries ?? 0} Rekor entries, ${signature.signedTimestamps ?? 0} timestamps`,
          `${did === 'attested' ? 'attestation' : 'signature'}: ${signature.reference}`,
        ];
      }),
      outputs: { SUBJECT: result.subject?.reference, SIGNATURES: String(signatures.length) },
    };
  };
}
