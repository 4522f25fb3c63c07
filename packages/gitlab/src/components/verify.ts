/** templates/verify.yml: the signatures (or attestations) attached to an image or artifact, verified (`ocikit verify`; exit 1 unless one verifies). */
import { OcikitError, type VerifyResultJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf, valueOption } from '../component.js';
import { keyOption } from './signing.js';

export const verify: Component<VerifyResultJson> = {
  verb: 'verify',
  // No chunk-size: verify uploads nothing.
  inputs: { string: ['reference', 'public-key', 'certificate-identity', 'certificate-oidc-issuer', 'trusted-root', 'tuf-mirror', 'tuf-root', 'type', 'referrers-mode'], boolean: ['insecure-ignore-tlog'] },
  switches: ['insecure-ignore-tlog', 'plain-http', 'insecure'],
  numbers: ['concurrency'],
  plan(inputs) {
    const reference = inputs.required('reference');
    const key = inputs.text('public-key');
    const keyless = Boolean(inputs.text('certificate-identity') || inputs.text('certificate-oidc-issuer'));
    if (key && keyless) throw new OcikitError('INVALID_INPUT', 'the inputs public-key and certificate-identity/certificate-oidc-issuer cannot both be given');
    if (!key && !keyless) {
      throw new OcikitError('INVALID_INPUT', 'verify needs the input public-key, or certificate-identity and certificate-oidc-issuer with trusted-root');
    }
    const options = [
      ...(key ? keyOption(inputs, 'public-key') : []),
      ...valueOption(inputs, 'certificate-identity'),
      ...valueOption(inputs, 'certificate-oidc-issuer'),
      ...valueOption(inputs, 'trusted-root'),
      // Keyless without trusted-root the CLI fetches the trusted root through TUF, cached under $XDG_CACHE_HOME or ~/.cache.
      ...valueOption(inputs, 'tuf-mirror'),
      ...valueOption(inputs, 'tuf-root'),
      ...valueOption(inputs, 'type'),
      ...referrersModeOptions(inputs),
    ];
    return { command: ['verify'], options, positionals: [reference], registries: registriesOf(reference) };
  },
  report(result) {
    return {
      summary: [
        `subject: ${result.subject?.reference}`,
        ...(result.referrers ?? []).map((r) => `  ${r.outcome} ${r.digest}${r.outcome === 'verified' ? '' : `${r.check ? ` (${r.check})` : ''}: ${r.message}`}`),
        `verified: ${result.verified}`,
      ],
      // DIGEST and REFERENCE name the subject, as discover's do (verify pushes nothing).
      outputs: { DIGEST: result.subject?.digest, REFERENCE: result.subject?.reference, VERIFIED: String(result.verified), SUBJECT: result.subject?.reference },
    };
  },
};
