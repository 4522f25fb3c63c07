import type { Command } from 'commander';
import { type ReferrersMode, parseReferrersMode } from '@ocikit/core';
import { positiveInteger } from './remote-options.js';

export interface ReferrersModeFlags {
  referrersMode: ReferrersMode;
}

export const REFERRERS_MODE_HELP =
  'how referrers are found and recorded: auto (detect), api (only the OCI 1.1 referrers API) or tag (only the sha256-<hex> tag schema); ' +
  "oras's --distribution-spec v1.1-referrers-api / v1.1-referrers-tag";

/** `--referrers-mode auto|api|tag`, for the verbs that read or write referrers. */
export function addReferrersModeOption(command: Command): Command {
  return command.option('--referrers-mode <mode>', REFERRERS_MODE_HELP, parseReferrersMode, 'auto' as ReferrersMode);
}

/** `--inline-max <bytes>`, for the verbs that push layers. */
export function addInlineMaxOption(command: Command): Command {
  return command.option(
    '--inline-max <bytes>',
    'also put layers of at most this many bytes inside the manifest (OCI 1.1 data field); they are uploaded all the same',
    positiveInteger,
  );
}
