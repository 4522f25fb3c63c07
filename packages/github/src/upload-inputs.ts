/**
 * The inputs of the actions that upload (push, attach, attest, copy, index, release,
 * recompress, helm): `chunk-size`, as the CLI's --chunk-size. Apart from
 * target-options.ts, which every action imports, so an action reads only the inputs
 * its action.yml declares.
 */
import type { OpenTargetOptions } from '@ocikit/core';
import { type Env, getPositiveInteger } from './inputs.js';

/** PATCH chunks of `chunk-size` bytes; empty, each blob in one PUT. */
export function uploadInputs(env: Env): Pick<OpenTargetOptions, 'chunkSize'> {
  const chunkSize = getPositiveInteger('chunk-size', undefined, env);
  return chunkSize === undefined ? {} : { chunkSize };
}
