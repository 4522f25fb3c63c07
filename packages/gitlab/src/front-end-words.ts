/**
 * Core's messages name the options they speak of (`optionRef`); in a component they
 * are `spec:inputs`. Most inputs are the CLI's long option by name; the rest say what
 * stands for the option here.
 */
import type { ErrorCode, FrontEndWords } from '@ocikit/core';

const SPELLINGS: Record<string, string> = {
  'no-overwrite': 'the `overwrite: false` input',
  'no-tlog': 'the `tlog: false` input',
  'password-stdin': 'the `password` input (from a masked CI/CD variable)',
  password: 'the `password` input (from a masked CI/CD variable)',
  'registry-config': 'a Docker config in the DOCKER_AUTH_CONFIG variable',
  annotation: 'the `annotations` input',
  'media-type': 'the `media-types` input',
  output: 'the `path` input',
  prov: 'the `provenance` input',
  tag: 'the `tags` input',
};

/** A component's names for core's options, and its advice after an error of a kind (the CLI's context carries them). */
export const COMPONENT_WORDS: FrontEndWords & { hints: Partial<Record<ErrorCode, string>> } = {
  option: (name) => SPELLINGS[name] ?? `the \`${name}\` input`,
  hints: {
    UNAUTHORIZED:
      "in the component: the `username` and `password` inputs (a masked CI/CD variable), or DOCKER_AUTH_CONFIG; the project's own registry ($CI_REGISTRY) needs neither",
  },
};
