/** What `sign`, `attest` and `attach --sign` report about a signature referrer, for every front end. */
import type { Platform } from '../oci/manifest.js';
import { type Reference, withSelector } from '../reference/reference.js';
import { type ReferrerResultJson, referrerResultJson } from './referrer-result-json.js';
import type { BundleSigner } from '../sign/bundle-facts.js';
import type { BundleReferrer } from '../sign/sign-reference.js';
import type { SignedManifest } from '../sign/sign-references.js';

export interface SignResultJson extends ReferrerResultJson {
  predicateType: string;
  signer: BundleSigner;
  transparencyLogEntries: number;
  signedTimestamps: number;
  /** The index that lists the signed manifest, when it was signed for being listed (`--recursive`). */
  listedBy?: string;
  /** The platform that index gives it. */
  platform?: Platform;
}

/** `subject` is the reference that named what was signed (its tag is kept in the report). */
export function signResultJson(subject: Reference, result: BundleReferrer): SignResultJson {
  return {
    ...referrerResultJson(subject, result),
    predicateType: result.predicateType,
    signer: result.signer,
    transparencyLogEntries: result.transparencyLogEntries,
    signedTimestamps: result.signedTimestamps,
  };
}

/**
 * One `sign` or `attest` call's report: the first signature's fields at the top
 * (what a call for one manifest has always reported, so `digest` and `reference`
 * keep their meaning) and every signature, the first included, in `signatures`.
 */
export interface SignResultsJson extends SignResultJson {
  signatures: SignResultJson[];
}

/** `references` are the subjects as the user named them, in the order signed manifests point to with `from`. */
export function signResultsJson(references: readonly Reference[], signed: readonly SignedManifest[]): SignResultsJson {
  const signatures = signed.map(({ from, listedBy, platform, result }) => {
    const named = references[from]!;
    // A listed manifest is named by its own digest: the tag names the index.
    const json = signResultJson(listedBy ? withSelector(named, { digest: result.subject.digest }) : named, result);
    return { ...json, ...(listedBy ? { listedBy } : {}), ...(platform ? { platform } : {}) };
  });
  return { ...signatures[0]!, signatures };
}
