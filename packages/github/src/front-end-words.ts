/**
 * Core's messages name the options they speak of (`optionRef`); in an action they
 * are inputs. Most inputs are the CLI's long option by name; the rest say what stands
 * for the option here.
 */
import type { FrontEndWords } from '@ocikit/core';

const SPELLINGS: Record<string, string> = {
  'no-overwrite': '`overwrite: false`',
  'no-tlog': '`tlog: false`',
  'password-stdin': 'the `password` input (from a secret)',
  password: 'the `password` input (from a secret)',
  'registry-config': 'a Docker config (docker/login-action writes one)',
  annotation: 'the `annotations` input',
  'media-type': 'the `media-types` input',
  output: 'the `path` input',
  prov: 'the `provenance` input',
  tag: 'the `tags` input',
};

export const ACTION_WORDS: FrontEndWords = { option: (name) => SPELLINGS[name] ?? `the \`${name}\` input` };
