/** What `attach` reports (`ocikit attach --json`, the attach action's `json` output). */
import type { Descriptor } from '../oci/manifest.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import type { AttachResult } from '../referrers/attach.js';
import type { ReferrersUpdate } from '../referrers/remote-referrers.js';

/** How the store lists the new referrer: the registry's API, the `sha256-<hex>` tag index, or a layout's index.json. */
export type ReferrerListing = ReferrersUpdate | { via: 'layout' };

export interface AttachResultJson {
  /** The attached artifact, by digest (`registry/repo@digest`). */
  reference: string;
  digest: string;
  mediaType: string;
  size: number;
  artifactType: string | undefined;
  annotations: Record<string, string> | undefined;
  /** The subject, pinned with the tag that named it. */
  subject: Descriptor & { reference: string };
  files: Array<{ path: string; mediaType: string; kind?: string }>;
  referrers: ReferrerListing;
}

export function referrerListing(result: AttachResult, subject: Reference): ReferrerListing {
  if (subject.kind === 'oci-layout') return { via: 'layout' };
  return result.referrers ?? { via: 'api' };
}

/** `subject` is the reference the attach named (tag or digest). */
export function attachResultJson(subject: Reference, result: AttachResult): AttachResultJson {
  return {
    reference: pinnedReference(subject, undefined, result.descriptor.digest),
    digest: result.descriptor.digest,
    mediaType: result.descriptor.mediaType,
    size: result.descriptor.size,
    artifactType: result.manifest.artifactType,
    annotations: result.manifest.annotations,
    subject: { reference: pinnedReference(subject, subject.tag, result.subject.digest), ...result.subject },
    files: result.files.map((f) => ({ path: f.path, mediaType: f.mediaType, ...(f.kind ? { kind: f.kind.name } : {}) })),
    referrers: referrerListing(result, subject),
  };
}
