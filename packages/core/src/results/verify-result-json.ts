/** What `verify` reports (`ocikit verify --json`), for every front end. */
import { OcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import { type Reference, pinnedReference } from '../reference/reference.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from '../sign/constants.js';
import type { VerificationCheck, VerificationResult } from '../sign/verify.js';
import type { VerifyReferenceResult } from '../sign/verify-reference.js';

export interface ReferrerVerificationJson {
  /** The referrer, by digest. */
  reference: string;
  digest: string;
  outcome: 'verified' | 'refused' | 'skipped';
  /** Found under cosign's legacy `sha256-<hex>.sig|.att` tag (not a referrer): the tag, and the manifest's layer that holds this signature. */
  legacyTag?: string;
  layer?: string;
  /** Verified: who signed it. */
  signer?: VerificationResult['signer'];
  predicateType?: string;
  /** Verified: claims signed along (`sign -a key=value`), from the statement. */
  claims?: Record<string, unknown>;
  /** Verified: Rekor entries and RFC 3161 timestamps verified against the trusted root. */
  transparencyLogEntries?: number;
  signedTimestamps?: number;
  /** Verified: true when neither vouches for it and it was accepted by the opt-in (`--insecure-ignore-tlog`). */
  transparencyLogIgnored?: boolean;
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
      const base = {
        reference: pinnedReference(subject, undefined, r.descriptor.digest),
        digest: r.descriptor.digest,
        outcome: r.outcome,
        ...(r.legacy ? { legacyTag: r.legacy.tag, layer: r.legacy.layer.digest } : {}),
      };
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
        transparencyLogIgnored: r.result.transparencyLogIgnored,
      };
    }),
  };
}

const LISTED_BY: Record<VerifyResultJson['via'], string> = {
  api: 'the referrers API',
  tag: 'the sha256-<hex> tag schema',
  layout: 'the layout',
};

/** The count every front end prints: `2 of 3 signatures verified (listed by the referrers API)`; skipped referrers do not count. */
export function verifyTally(json: VerifyResultJson): string {
  const what = json.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signatures' : `${json.predicateType} attestations`;
  const counted = json.referrers.filter((r) => r.outcome !== 'skipped');
  const verified = counted.filter((r) => r.outcome === 'verified').length;
  const legacyTag = json.referrers.find((r) => r.legacyTag)?.legacyTag;
  const alsoTagged = legacyTag ? ` and cosign's ${legacyTag.slice(legacyTag.lastIndexOf('.'))} tag` : '';
  return `${verified} of ${counted.length} ${what} verified (listed by ${LISTED_BY[json.via]}${alsoTagged})`;
}

export interface NoneVerifiedWording {
  /** What to do when nothing is signed, in the front end's words (`ocikit sign`, the sign action). */
  signHint: string;
  /** Give each refused referrer's reason too (where the error stands apart from the log that listed them). */
  reasons?: boolean;
}

/** The error of a `verify` that verified nothing: what was missing, or which referrers were refused and by which check. */
export function noneVerifiedError(json: VerifyResultJson, wording: NoneVerifiedWording): OcikitError {
  const what = json.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signature' : `${json.predicateType} attestation`;
  const refused = json.referrers.filter((r) => r.outcome === 'refused');
  if (refused.length === 0) {
    return new OcikitError('UNVERIFIED', `${json.subject.reference} has no ${what} to verify`, {
      hint: json.referrers.length > 0 ? `its Sigstore bundles are of other kinds (${json.referrers.map((r) => r.message).join('; ')})` : wording.signHint,
    });
  }
  const each = refused.map((r) => `${r.digest} refused${r.check ? ` (${r.check})` : ''}${wording.reasons ? `: ${r.message ?? ''}` : ''}`);
  return new OcikitError('UNVERIFIED', `no ${what} of ${json.subject.reference} verified: ${each.join(wording.reasons ? '; ' : ', ')}`);
}
