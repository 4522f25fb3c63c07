/**
 * What a job pushed, announced to the runner: it collects the lines steps append to
 * the file `$GITHUB_ARTIFACTS` names (`oci://<registry>/<repository>@sha256:<hex>`,
 * one a line), and actions/attest with no inputs attests each of them. The artifacts a
 * job ships are announced (push, copy, index, release, recompress, helm push), not the
 * referrers that describe them (attach, sign, attest): an attestation of a signature
 * is nobody's wish.
 */
import * as actions from '@actions/core';
import { appendFile } from 'node:fs/promises';
import { parseReference, pinnedReference } from '@ocikit/core';
import type { Env } from './inputs.js';

/** The line for `pinned` (a `registry/repo[:tag]@digest` an action reports), or undefined for an OCI layout. */
export function announcedArtifact(pinned: string): string | undefined {
  const reference = parseReference(pinned);
  if (reference.kind !== 'registry' || reference.digest === undefined) return undefined;
  return `oci://${pinnedReference(reference, undefined, reference.digest)}`;
}

/** Appends what was pushed to `$GITHUB_ARTIFACTS` when the runner asks for it; a failure to do so is a warning, never the step's. */
export async function announcePushed(pinned: string, env: Env = process.env): Promise<void> {
  const file = env.GITHUB_ARTIFACTS;
  if (!file) return;
  let line: string | undefined;
  try {
    line = announcedArtifact(pinned);
    if (line !== undefined) await appendFile(file, `${line}\n`);
  } catch (error) {
    actions.warning(`could not announce ${line ?? pinned} in GITHUB_ARTIFACTS (${(error as Error).message}); the push itself succeeded`);
  }
}
