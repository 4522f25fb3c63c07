import type { Command } from 'commander';
import {
  type VerificationPolicy,
  type VerificationPolicyNames,
  type VerifyResultJson,
  noneVerifiedError,
  openTarget,
  readTrustedRootFile,
  readPublicKeyPem,
  tufCacheDir,
  verifyReference,
  verifyResultJson,
  verifyTally,
} from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { evidenceText, signerText } from '../output/signature-lines.js';
import { jsonLine } from './with-target.js';

interface VerifyFlags extends RemoteFlags, ReferrersModeFlags {
  key?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  trustedRoot?: string;
  tufMirror?: string;
  tufRoot?: string;
  insecureIgnoreTlog?: boolean;
  type?: string;
}

export function registerVerify(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addRemoteOptions(
      program
        .command('verify')
        .description('verify the signatures attached to an image or artifact; exits 0 when one verifies, 1 when none does')
        .argument('<reference>', 'what was signed: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
        .option('--key <path|env://NAME>', 'the signer\'s public key (PEM)')
        .option('--certificate-identity <identity>', 'keyless: the exact identity in the certificate, e.g. https://github.com/org/repo/.github/workflows/release.yml@refs/heads/main')
        .option('--certificate-oidc-issuer <url>', 'keyless: the exact OIDC issuer, e.g. https://token.actions.githubusercontent.com')
        .option('--trusted-root <file>', 'the Sigstore trusted_root.json to verify certificates, Rekor entries and timestamps against (keyless without it: fetched through TUF; with --key, what checks the Rekor entry or timestamp a signature needs)')
        .option('--tuf-mirror <url>', 'keyless without --trusted-root: the Sigstore TUF repository to fetch the trusted root from (default https://tuf-repo-cdn.sigstore.dev, the public-good instance)')
        .option('--tuf-root <file>', 'the initial root.json of --tuf-mirror\'s TUF repository (a private Sigstore; the public-good one is built in)')
        .option('--insecure-ignore-tlog', 'accept signatures that no Rekor entry or timestamp verified against --trusted-root vouches for: made with --no-tlog, or verified without --trusted-root (cosign\'s flag)')
        .option('--type <predicateType>', 'verify attestations of this predicate type instead of signatures (e.g. https://slsa.dev/provenance/v1)'),
    ),
  ).action(async (reference: string, flags: VerifyFlags) => {
    const progress = createProgressRenderer(context, { quiet: true });
    try {
      const policy = await policyFromFlags(flags, context);
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(reference, { ...options, referrersMode: flags.referrersMode });
      try {
        const result = await verifyReference(target, selector, {
          policy,
          policyNames: POLICY_FLAGS,
          tuf: {
            ...(flags.tufMirror !== undefined ? { mirror: flags.tufMirror } : {}),
            ...(flags.tufRoot !== undefined ? { initialRoot: flags.tufRoot } : {}),
            cacheDir: tufCacheDir(context.env),
          },
          ...(flags.type !== undefined ? { predicateType: flags.type } : {}),
        });
        progress.stop();
        const json = verifyResultJson(parsed, result);
        context.stdout.write(flags.json ? jsonLine(json) : verifyReport(json));
        if (!json.verified) throw noneVerifiedError(json, { signHint: 'sign it with `ocikit sign`; `ocikit discover` shows what is attached' });
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}

/** The policy as the flags give it; verifyReference checks it (naming these flags) before anything is read. */
async function policyFromFlags(flags: VerifyFlags, context: CliContext): Promise<VerificationPolicy> {
  return {
    ...(flags.key !== undefined ? { publicKey: await readPublicKeyPem(flags.key, context.env) } : {}),
    ...(flags.certificateIdentity !== undefined ? { certificateIdentity: flags.certificateIdentity } : {}),
    ...(flags.certificateOidcIssuer !== undefined ? { certificateOidcIssuer: flags.certificateOidcIssuer } : {}),
    ...(flags.trustedRoot !== undefined ? { trustedRoot: await readTrustedRootFile(flags.trustedRoot) } : {}),
    ...(flags.insecureIgnoreTlog ? { insecureIgnoreTlog: true } : {}),
  };
}

const POLICY_FLAGS: VerificationPolicyNames = {
  publicKey: '--key',
  certificateIdentity: '--certificate-identity',
  certificateOidcIssuer: '--certificate-oidc-issuer',
  trustedRoot: '--trusted-root',
  insecureIgnoreTlog: '--insecure-ignore-tlog',
};

/** One line per referrer (verified, refused with why, skipped with what it is), then the count. */
function verifyReport(json: VerifyResultJson): string {
  const lines = [`Subject: ${json.subject.reference}`];
  for (const r of json.referrers) {
    // As discover marks them: found by cosign's legacy tag, not as a referrer.
    const tagged = r.legacyTag ? `  [cosign tag ${r.legacyTag}]` : '';
    if (r.outcome === 'verified') {
      const claims = r.claims ? `; claims ${Object.entries(r.claims).map(([k, v]) => `${k}=${String(v)}`).join(', ')}` : '';
      lines.push(`  verified  ${r.reference}: signed by ${signerText(r.signer!)}; ${verifiedEvidence(r)}${claims}${tagged}`);
    } else {
      lines.push(`  ${r.outcome.padEnd(8)}  ${r.reference}: ${r.message}${tagged}`);
    }
  }
  lines.push(verifyTally(json));
  return `${lines.join('\n')}\n`;
}

/** What vouched for a verified signature; under the opt-in, that nothing was checked (the bundle may carry an entry no trusted root checked). */
function verifiedEvidence(r: VerifyResultJson['referrers'][number]): string {
  if (r.transparencyLogIgnored) return 'no transparency log entry verified (accepted with --insecure-ignore-tlog)';
  return evidenceText(r.transparencyLogEntries ?? 0, r.signedTimestamps ?? 0);
}
