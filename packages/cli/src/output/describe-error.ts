/**
 * An error as the CLI prints it: core's message, registry answer and hint, then
 * what to do in this CLI's own terms. Core's hints name no front end ("the
 * username and password options of this command or step"); the flags are ours.
 */
import { CLI_WORDS, type OcikitError } from '@ocikit/core';
import type { FrontEndAdvice } from '../context.js';

export const CLI_ADVICE: FrontEndAdvice = {
  ...CLI_WORDS,
  hints: {
    UNAUTHORIZED:
      'in the CLI: -u <user> --password-stdin (or -p, or OCIKIT_USERNAME / OCIKIT_PASSWORD), or `ocikit login <registry>` once',
  },
};

export function describeError(error: OcikitError, advice: FrontEndAdvice = CLI_ADVICE): string {
  const hint = advice.hints[error.code];
  const described = error.describe(advice);
  return hint ? `${described}\n  ${hint}` : described;
}
