/** What `verify` reports (`ocikit verify --json`), for every front end. */
import type { Descriptor } from '../oci/manifest.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import type { VerificationCheck, VerificationResult } from './verify.js';
import type { VerifyReferenceResult } from './verify-reference.js';

export interface ReferrerVerificationJson {
  /** The referrer, by digest. */
  reference: string;
  digest: string;
  outcome: 'verified' | 'refused' | 'skipped';
  /** Verified: who signed it. */
  signer?: VerificationResult['signer'];
  predicateType?: string;
  /** Verified: claims signed along (`sign -a key=value`), from the statement. */
  claims?: Record<string, unknown>;
  transparencyLogEntries?: number;
  signedTimestamps?: number;
  /** Refused: the check that refused it (none when it could not be read). */
  check?: VerificationCheck;
  /** Refused: why; skipped: what it is instead. */
  message?: string;
}

export interface VerifyResultJson {
  subject: Descriptor & { reference: string };
  predicateType: string;
  via: VerifyReferenceResult['via'];
  verified: boolean;
  referrers: ReferrerVerificationJson[];
}

export function verifyResultJson(subject: Reference, result: VerifyReferenceResult): VerifyResultJson {
  return {
    subject: { reference: pinnedReference(subject, subject.tag, result.subject.digest), ...result.subject },
    predicateType: result.predicateType,
    via: result.via,
    verified: result.verified,
    referrers: result.referrers.map((r): ReferrerVerificationJson => {
      const base = { reference: pinnedReference(subject, undefined, r.descriptor.digest), digest: r.descriptor.digest, outcome: r.outcome };
      if (r.outcome === 'skipped') return { ...base, message: r.reason };
      if (r.outcome === 'refused') return { ...base, ...(r.check ? { check: r.check } : {}), message: r.message };
      const about = r.result.statement.subject.find((s) => Object.entries(s.digest).some(([algorithm, hex]) => `${algorithm}:${hex}` === r.result.subject));
      const claims = about?.annotations;
      return {
        ...base,
        signer: r.result.signer,
        predicateType: r.result.predicateType,
        ...(claims && Object.keys(claims).length > 0 ? { claims } : {}),
        transparencyLogEntries: r.result.transparencyLogEntries,
        signedTimestamps: r.result.signedTimestamps,
      };
    }),
  };
}
