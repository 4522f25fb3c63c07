/**
 * templates/referrers-tidy.yml: the sha256-<hex> referrers indexes of a repository
 * repaired and pruned (`ocikit referrers tidy`), a dry run unless the `apply` input.
 * What changed (or would) goes to the log, the JSON and the dotenv counts.
 */
import { renderTidy, type TidyReferrersResult } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf } from '../component.js';
import { COMPONENT_WORDS } from '../front-end-words.js';

export const referrersTidy: Component<TidyReferrersResult> = {
  verb: 'referrers-tidy',
  // No chunk-size: tidy uploads no blob.
  inputs: { string: ['reference', 'referrers-mode'], boolean: ['apply', 'referrers'] },
  switches: ['apply', 'referrers', 'plain-http', 'insecure'],
  numbers: ['concurrency'],
  plan(inputs) {
    const reference = inputs.required('reference');
    return { command: ['referrers', 'tidy'], options: referrersModeOptions(inputs), positionals: [reference], registries: registriesOf(reference) };
  },
  report(result) {
    return {
      summary: renderTidy(result, COMPONENT_WORDS).trimEnd().split('\n'),
      // No manifest of its own: DIGEST is the subject's when one was given, REFERENCE what was tidied.
      outputs: {
        DIGEST: result.subject,
        REFERENCE: result.subject ? `${result.repository}@${result.subject}` : result.repository,
        CHANGES: String(result.changes),
        FAILED: String(result.failed),
        REFUSED: String(result.refused),
      },
    };
  },
};
