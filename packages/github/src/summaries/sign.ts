/** sign's job summary: what was signed, by what (key hint or certificate identity), with what evidence, and where the signature went. */
import * as actions from '@actions/core';
import type { SignResultJson } from '@ocikit/core';
import { code, formatBytes, header, writeSummary } from '../summary.js';
import { listingCell } from './attach.js';

export function signerCell(signer: SignResultJson['signer']): string {
  return signer.kind === 'key' ? `key ${code(signer.hint)}` : `keyless: ${code(signer.identity)}`;
}

export function evidence(tlog: number, timestamps: number): string {
  const parts = [];
  if (tlog > 0) parts.push(`${tlog} Rekor entr${tlog === 1 ? 'y' : 'ies'}`);
  if (timestamps > 0) parts.push(`${timestamps} signed timestamp${timestamps === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no transparency log entry, no timestamp';
}

export async function writeSignSummary(json: SignResultJson, verb: 'sign' | 'attest' = 'sign'): Promise<void> {
  const summary = actions.summary
    .addHeading(`ocikit ${verb}`, 3)
    .addTable([
      header(verb === 'sign' ? 'Signed' : 'Attested', 'Signed by', 'Evidence', verb === 'sign' ? 'Signature' : 'Attestation', 'Listed by'),
      [code(json.subject.reference), signerCell(json.signer), evidence(json.transparencyLogEntries, json.signedTimestamps), code(json.reference), listingCell(json.referrers)],
    ])
    .addRaw(`${verb === 'sign' ? 'Signature' : 'Attestation'} manifest ${code(json.digest)}, ${formatBytes(json.size)}, predicate ${code(json.predicateType)}`, true);
  await writeSummary(summary);
}
