/** What `sign`, `attest` and `attach --sign` report about a signature referrer, for every front end. */
import type { Reference } from '../reference/reference.js';
import { type ReferrerResultJson, referrerResultJson } from '../results/referrer-result-json.js';
import type { BundleSigner } from './bundle-facts.js';
import type { BundleReferrer } from './sign-reference.js';

export interface SignResultJson extends ReferrerResultJson {
  predicateType: string;
  signer: BundleSigner;
  transparencyLogEntries: number;
  signedTimestamps: number;
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
