/** What `sign`, `attest` and `attach --sign` report about a signature referrer, for every front end. */
import type { Descriptor } from '../oci/manifest.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import type { ReferrerListing } from '../results/attach-result-json.js';
import type { BundleSigner } from './bundle-facts.js';
import type { BundleReferrer } from './sign-reference.js';

export interface SignResultJson {
  /** The signature (or attestation) referrer, by digest (`registry/repo@digest`). */
  reference: string;
  digest: string;
  mediaType: string;
  size: number;
  artifactType: string | undefined;
  annotations: Record<string, string> | undefined;
  /** The signed manifest, pinned with the tag that named it. */
  subject: Descriptor & { reference: string };
  predicateType: string;
  signer: BundleSigner;
  transparencyLogEntries: number;
  signedTimestamps: number;
  referrers: ReferrerListing;
}

/** `subject` is the reference that named what was signed (its tag is kept in the report). */
export function signResultJson(subject: Reference, result: BundleReferrer): SignResultJson {
  return {
    reference: pinnedReference(subject, undefined, result.descriptor.digest),
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    size: result.descriptor.size,
    artifactType: result.manifest.artifactType,
    annotations: result.manifest.annotations,
    subject: { reference: pinnedReference(subject, subject.tag, result.subject.digest), ...result.subject },
    predicateType: result.predicateType,
    signer: result.signer,
    transparencyLogEntries: result.transparencyLogEntries,
    signedTimestamps: result.signedTimestamps,
    referrers: subject.kind === 'oci-layout' ? { via: 'layout' } : (result.referrers ?? { via: 'api' }),
  };
}
