// The one rule for what must vouch for a signature besides its signer: a
// transparency-log (Rekor) entry verified against the trusted root, or an RFC
// 3161 timestamp verified against one of its timestamp authorities. A signature
// nothing vouches for (made with `--no-tlog` or cosign's `--tlog-upload=false`,
// or verified without a trusted root to check what it carries) is accepted only
// when the policy says insecureIgnoreTlog, cosign's `--insecure-ignore-tlog`
// (cosign too requires a verified entry unless told so). Every front end verifies
// through verify.ts, which applies this rule; its words name the front end's own
// option (`names`).

/** What a front end calls the options this rule's advice names. */
export interface TransparencyLogNames {
  /** The trusted root, e.g. `--trusted-root` or `the input trusted-root`. */
  trustedRoot: string;
  /** How to opt in, as said after "pass", e.g. `--insecure-ignore-tlog` or `insecure-ignore-tlog: true`. */
  insecureIgnoreTlog: string;
}

/** What stands behind a signature whose signer has verified. */
export interface LogEvidence {
  /** Rekor entries verified against the trusted root (none without one). */
  verifiedEntries: number;
  /** RFC 3161 timestamps verified against the trusted root's timestamp authorities (none without one). */
  verifiedTimestamps: number;
  /** Rekor entries the bundle carries, checked or not. */
  carriedEntries: number;
  /** RFC 3161 timestamps the bundle carries, checked or not. */
  carriedTimestamps: number;
  /** Whether there was a trusted root to check them against. */
  trustedRoot: boolean;
}

/** Whether anything verified vouches for the signature; when not, it stands on its signer alone. */
export function vouched(evidence: LogEvidence): boolean {
  return evidence.verifiedEntries > 0 || evidence.verifiedTimestamps > 0;
}

/**
 * Why a signature may not be accepted on this evidence, in the front end's
 * words (what failed, then what to try); undefined when it may.
 */
export function transparencyLogRefusal(evidence: LogEvidence, insecureIgnoreTlog: boolean, names: TransparencyLogNames): string | undefined {
  if (vouched(evidence) || insecureIgnoreTlog) return undefined;
  const optIn = `pass ${names.insecureIgnoreTlog} if you accept signatures`;
  if (evidence.carriedEntries > 0) {
    // Only possible without a trusted root: with one, a carried entry is verified or refused.
    return (
      `the bundle's transparency log (Rekor) entry cannot be checked without a trusted root: ` +
      `give ${names.trustedRoot} (the trusted_root.json of the Sigstore instance that logged it), or ${optIn} whose log entry is not checked`
    );
  }
  if (evidence.carriedTimestamps > 0 && !evidence.trustedRoot) {
    return (
      `the bundle has no transparency log (Rekor) entry, and its timestamp cannot be checked without a trusted root: ` +
      `give ${names.trustedRoot} (naming the timestamp authority that signed it), or ${optIn} with no log entry`
    );
  }
  const noTimestamp = evidence.trustedRoot ? ' and no timestamp from a timestamp authority of the trusted root' : '';
  const andRoot = evidence.trustedRoot ? '' : ` (and verify with ${names.trustedRoot})`;
  return `the bundle has no transparency log (Rekor) entry${noTimestamp}: re-sign with the transparency log${andRoot}, or ${optIn} with no log entry`;
}

/**
 * The same rule for cosign's legacy `sha256-<hex>.sig|.att` signatures, whose
 * Rekor bundle (an annotation) ocikit does not read: they verify only with the
 * opt-in. `logged` says whether the signature carries that Rekor bundle.
 */
export function legacyTransparencyLogRefusal(tag: string, logged: boolean, insecureIgnoreTlog: boolean, names: TransparencyLogNames): string | undefined {
  if (insecureIgnoreTlog) return undefined;
  const resign = 'sign again in the bundle format (cosign 3\'s default, `ocikit sign`)';
  return logged
    ? `ocikit does not check the Rekor entry of cosign's legacy ${tag} signatures: pass ${names.insecureIgnoreTlog} if you accept signatures whose log entry is not checked, or ${resign}`
    : `the ${tag} signature has no transparency log (Rekor) entry: ${resign} with the transparency log, or pass ${names.insecureIgnoreTlog} if you accept signatures with no log entry`;
}
