/**
 * An error as the CLI prints it: core's message, registry answer and hint, then
 * what to do in this CLI's own terms. Core's hints name no front end ("the
 * username and password options of this command or step"); the flags are ours.
 */
import type { ErrorCode, OcikitError } from '@ocikit/core';

const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED:
    'in the CLI: -u <user> --password-stdin (or -p, or OCIKIT_USERNAME / OCIKIT_PASSWORD), or `ocikit login <registry>` once',
};

export function describeError(error: OcikitError): string {
  const hint = CLI_HINTS[error.code];
  return hint ? `${error.describe()}\n  ${hint}` : error.describe();
}
