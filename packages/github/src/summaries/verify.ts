/** verify's job summary: one row per Sigstore bundle referrer (verified, refused and by which check, or skipped). */
import * as actions from '@actions/core';
import { type VerifyResultJson, verifyTally } from '@ocikit/core';
import { code, escapeHtml, header, writeSummary } from '../summary.js';
import { evidence, signerCell } from './sign.js';

/** `optIn` names what let a signature nothing vouches for through (the input insecure-ignore-tlog). */
export async function writeVerifySummary(json: VerifyResultJson, optIn: string): Promise<void> {
  const summary = actions.summary
    .addHeading('ocikit verify', 3)
    .addRaw(`${json.verified ? '✅' : '❌'} ${code(json.subject.reference)}: ${escapeHtml(verifyTally(json))}`, true);
  if (json.referrers.length > 0) {
    summary.addTable([
      header('Referrer', 'Outcome', 'Check', 'Details'),
      ...json.referrers.map((r) => [
        code(r.digest),
        r.outcome,
        r.outcome === 'verified' ? 'all' : (r.check ?? ''),
        r.outcome === 'verified'
          ? `signed by ${r.signer ? signerCell(r.signer) : '?'}; ${
              r.transparencyLogIgnored ? `no transparency log entry verified (accepted with ${code(optIn)})` : evidence(r.transparencyLogEntries ?? 0, r.signedTimestamps ?? 0)
            }`
          : escapeHtml(r.message ?? ''),
      ]),
    ]);
  }
  await writeSummary(summary);
}
