/**
 * The artifact a job ships, for the jobs after it: `<prefix>PUSHED` in the dotenv
 * report, `registry/repository@sha256:<hex>` (pinned by digest, no tag), the form
 * GitLab's container scanning (`CS_IMAGE`), an attestation job or `cosign` take as
 * they are. Only the components that ship an artifact (push, copy, index, release,
 * recompress, helm push) give it, not those whose manifest describes another
 * (attach, sign, attest); nothing for an OCI layout.
 */
import { type Reference, parseReference, pinnedReference } from '@ocikit/core';

export function shippedArtifact(pinned: string | undefined): { PUSHED?: string } {
  let reference: Reference;
  try {
    reference = parseReference(pinned ?? '');
  } catch {
    return {}; // a result without a reference that parses names nothing to announce; the job's outcome is the run's, not this output's
  }
  if (reference.kind !== 'registry' || reference.digest === undefined) return {};
  return { PUSHED: pinnedReference(reference, undefined, reference.digest) };
}
