/**
 * The signing inputs of the components that sign (sign, attest, and attach with
 * `sign: true`): `key` or `keyless`, `tlog`, `rekor-url`, `fulcio-url`, `tsa-url`,
 * as the CLI's signing flags (--key, --keyless, --no-tlog, --rekor-url...). The
 * choice between a key and keyless is checked here, in the inputs' words, before
 * anything is sent; the rest is the CLI's.
 */
import { OcikitError } from '@ocikit/core';
import { valueOption } from '../component.js';
import { type ComponentInputs, type InputDeclaration, inputVariable } from '../inputs.js';

/**
 * What sign and attest sign: `reference`, the lines of `references` (the same image
 * in several registries, or several images), and `recursive` (every manifest an index lists).
 */
export const SIGNING_SUBJECT_INPUTS = { string: ['reference', 'references'], boolean: ['recursive'] } as const satisfies InputDeclaration;

/**
 * What sign and attest declare alike besides their own inputs: the subject and signing
 * inputs' switches and numbers, and the key input that may hold a PEM (a secret).
 */
export const SIGNING_COMPONENT = {
  switches: ['plain-http', 'insecure', 'recursive'],
  numbers: ['concurrency', 'chunk-size'],
  keyInputs: ['key'],
};

/** `reference`, then each line of `references`: the CLI's arguments. */
export function signingSubjects(inputs: ComponentInputs): string[] {
  return [inputs.required('reference'), ...inputs.lines('references')];
}

/** The signing inputs, as a component declares them. */
export const SIGNING_INPUTS = { string: ['key', 'rekor-url', 'fulcio-url', 'tsa-url'], boolean: ['keyless', 'tlog'] } as const satisfies InputDeclaration;

/**
 * `--key`: a file variable holds the key's path; a plain one the PEM, which the CLI
 * then reads from the environment (env://OCIKIT_IN_<NAME>), never from its command line.
 */
export function keyOption(inputs: ComponentInputs, input: string): string[] {
  const key = inputs.text(input);
  return ['--key', key.startsWith('-----BEGIN') ? `env://${inputVariable(input)}` : key];
}

/** The signing inputs set to something that changes a signature (`keyless: false` and `tlog: true` are what signing does anyway). */
export function signingInputsGiven(inputs: ComponentInputs): string[] {
  return [
    ...['key', 'rekor-url', 'fulcio-url', 'tsa-url'].filter((name) => inputs.text(name) !== ''),
    ...(inputs.flag('keyless') ? ['keyless'] : []),
    ...(inputs.flag('tlog') ? [] : ['tlog']),
  ];
}

/** The CLI's signing flags for the inputs: a key or keyless (one of them), the transparency log and the Sigstore services. */
export function signingOptions(inputs: ComponentInputs, verb: string): string[] {
  const key = inputs.text('key');
  const keyless = inputs.flag('keyless');
  if (key && keyless) throw new OcikitError('INVALID_INPUT', 'the inputs key and keyless cannot both be given');
  if (!key && !keyless) {
    throw new OcikitError('INVALID_INPUT', `${verb} needs the input key or keyless: true`, { hint: 'key: a masked CI/CD variable, of type file or holding the PEM' });
  }
  return [
    ...(key ? keyOption(inputs, 'key') : ['--keyless']),
    ...(inputs.flag('tlog') ? [] : ['--no-tlog']),
    ...valueOption(inputs, 'rekor-url'),
    ...valueOption(inputs, 'fulcio-url'),
    ...valueOption(inputs, 'tsa-url'),
  ];
}
