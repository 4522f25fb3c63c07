/** sign's job summary: what was signed, by what (key hint or certificate identity), with what evidence, and where the signature went. */
import * as actions from '@actions/core';
import type { SignResultJson } from '@ocikit/core';
import { code, formatBytes, header, writeSummary } from '../summary.js';

function listing(json: SignResultJson): string {
  const listed = json.referrers;
  if (listed.via === 'layout') return "the layout's index.json";
  if (listed.via === 'api') return 'the registry (referrers API)';
  return `the referrers tag index ${code(listed.tag ?? '')} (the registry has no referrers API)`;
}

export function signerCell(signer: SignResultJson['signer']): string {
  return signer.kind === 'key' ? `key ${code(signer.hint)}` : `keyless: ${code(signer.identity)}`;
}

export function evidence(tlog: number, timestamps: number): string {
  const parts = [];
  if (tlog > 0) parts.push(`${tlog} Rekor entr${tlog === 1 ? 'y' : 'ies'}`);
  if (timestamps > 0) parts.push(`${timestamps} signed timestamp${timestamps === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no transparency log entry, no timestamp';
}

export async function writeSignSummary(json: SignResultJson): Promise<void> {
  const summary = actions.summary
    .addHeading('ocikit sign', 3)
    .addTable([
      header('Signed', 'Signed by', 'Evidence', 'Signature', 'Listed by'),
      [code(json.subject.reference), signerCell(json.signer), evidence(json.transparencyLogEntries, json.signedTimestamps), code(json.reference), listing(json)],
    ])
    .addRaw(`Signature manifest ${code(json.digest)}, ${formatBytes(json.size)}, predicate ${code(json.predicateType)}`, true);
  await writeSummary(summary);
}
