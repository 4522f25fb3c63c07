/** verify's job summary: one row per Sigstore bundle referrer (verified, refused and by which check, or skipped). */
import * as actions from '@actions/core';
import { COSIGN_SIGN_PREDICATE_TYPE, type VerifyResultJson } from '@ocikit/core';
import { code, escapeHtml, header, writeSummary } from '../summary.js';
import { evidence, signerCell } from './sign.js';

const VIA: Record<VerifyResultJson['via'], string> = { api: 'the referrers API', tag: 'the sha256-<hex> tag schema', layout: 'the layout' };

export async function writeVerifySummary(json: VerifyResultJson): Promise<void> {
  const what = json.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signatures' : `${json.predicateType} attestations`;
  const counted = json.referrers.filter((r) => r.outcome !== 'skipped');
  const verified = counted.filter((r) => r.outcome === 'verified').length;
  const summary = actions.summary
    .addHeading('ocikit verify', 3)
    .addRaw(`${json.verified ? '✅' : '❌'} ${code(json.subject.reference)}: ${verified} of ${counted.length} ${what} verified (listed by ${VIA[json.via]})`, true);
  if (json.referrers.length > 0) {
    summary.addTable([
      header('Referrer', 'Outcome', 'Check', 'Details'),
      ...json.referrers.map((r) => [
        code(r.digest),
        r.outcome,
        r.outcome === 'verified' ? 'all' : (r.check ?? ''),
        r.outcome === 'verified'
          ? `signed by ${r.signer ? signerCell(r.signer) : '?'}; ${evidence(r.transparencyLogEntries ?? 0, r.signedTimestamps ?? 0)}`
          : escapeHtml(r.message ?? ''),
      ]),
    ]);
  }
  await writeSummary(summary);
}
