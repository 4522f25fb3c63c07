/** What every verb that adds a referrer (attach, sign, attest) reports about it. */
import type { PushArtifactResult } from '../artifact/push-artifact.js';
import type { Descriptor } from '../oci/manifest.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import type { ReferrerListing } from '../target/target.js';

export type { ReferrerListing };

export interface ReferrerResultJson {
  /** The referrer, by digest (`registry/repo@digest`). */
  reference: string;
  digest: string;
  mediaType: string;
  size: number;
  artifactType: string | undefined;
  annotations: Record<string, string> | undefined;
  /** The subject, pinned with the tag that named it. */
  subject: Descriptor & { reference: string };
  referrers: ReferrerListing;
}

/** A referrer pushed onto `result.subject`; `subject` is the reference the verb named (tag or digest). */
export function referrerResultJson(
  subject: Reference,
  result: Pick<PushArtifactResult, 'descriptor' | 'manifest'> & { subject: Descriptor; referrers?: ReferrerListing },
): ReferrerResultJson {
  return {
    reference: pinnedReference(subject, undefined, result.descriptor.digest),
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    size: result.descriptor.size,
    artifactType: result.manifest.artifactType,
    annotations: result.manifest.annotations,
    subject: { reference: pinnedReference(subject, subject.tag, result.subject.digest), ...result.subject },
    referrers: result.referrers ?? { via: 'api' },
  };
}
