import type { Command } from 'commander';
import {
  COSIGN_SIGN_PREDICATE_TYPE,
  OcikitError,
  type VerificationPolicy,
  type VerifyResultJson,
  noneVerifiedError,
  openTarget,
  readTrustedRootFile,
  readPublicKeyPem,
  verifyReference,
  verifyResultJson,
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
        .option('--trusted-root <file>', 'the Sigstore trusted_root.json to verify certificates, Rekor entries and timestamps against (required keyless; with --key it also requires a Rekor entry)')
        .option('--type <predicateType>', 'verify attestations of this predicate type instead of signatures (e.g. https://slsa.dev/provenance/v1)'),
    ),
  ).action(async (reference: string, flags: VerifyFlags) => {
    const progress = createProgressRenderer(context.stderr, { quiet: true });
    try {
      const policy = await policyFromFlags(flags, context);
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(reference, { ...options, referrersMode: flags.referrersMode });
      try {
        const result = await verifyReference(target, selector, { policy, ...(flags.type !== undefined ? { predicateType: flags.type } : {}) });
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

async function policyFromFlags(flags: VerifyFlags, context: CliContext): Promise<VerificationPolicy> {
  const keyless = flags.certificateIdentity !== undefined || flags.certificateOidcIssuer !== undefined;
  if (flags.key !== undefined && keyless) {
    throw new OcikitError('INVALID_INPUT', '--key and --certificate-identity/--certificate-oidc-issuer cannot both be given', {
      hint: 'a signature is verified by its key, or (keyless) by the identity its certificate names',
    });
  }
  if (flags.key === undefined && !keyless) {
    throw new OcikitError('INVALID_INPUT', 'verify needs --key <public.pem>, or --certificate-identity and --certificate-oidc-issuer with --trusted-root');
  }
  const trustedRoot = flags.trustedRoot === undefined ? undefined : await readTrustedRootFile(flags.trustedRoot);
  return {
    ...(flags.key !== undefined ? { publicKey: await readPublicKeyPem(flags.key, context.env) } : {}),
    ...(flags.certificateIdentity !== undefined ? { certificateIdentity: flags.certificateIdentity } : {}),
    ...(flags.certificateOidcIssuer !== undefined ? { certificateOidcIssuer: flags.certificateOidcIssuer } : {}),
    ...(trustedRoot !== undefined ? { trustedRoot } : {}),
  };
}

/** One line per referrer (verified, refused with why, skipped with what it is), then the count. */
function verifyReport(json: VerifyResultJson): string {
  const what = json.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signatures' : `${json.predicateType} attestations`;
  const lines = [`Subject: ${json.subject.reference}`];
  for (const r of json.referrers) {
    if (r.outcome === 'verified') {
      const claims = r.claims ? `; claims ${Object.entries(r.claims).map(([k, v]) => `${k}=${String(v)}`).join(', ')}` : '';
      lines.push(`  verified  ${r.reference}: signed by ${signerText(r.signer!)}; ${evidenceText(r.transparencyLogEntries ?? 0, r.signedTimestamps ?? 0)}${claims}`);
    } else {
      lines.push(`  ${r.outcome.padEnd(8)}  ${r.reference}: ${r.message}`);
    }
  }
  const counted = json.referrers.filter((r) => r.outcome !== 'skipped');
  lines.push(`Verified: ${counted.filter((r) => r.outcome === 'verified').length} of ${counted.length} ${what} (listed by ${VIA[json.via]})`);
  return `${lines.join('\n')}\n`;
}

const VIA: Record<VerifyResultJson['via'], string> = {
  api: 'the referrers API',
  tag: 'the sha256-<hex> tag schema',
  layout: 'the layout',
};

