/** sign's job summary: what was signed, by what (key hint or certificate identity), with what evidence, and where the signature went. */
import * as actions from '@actions/core';
import { type SignResultJson, platformString } from '@ocikit/core';
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

/** One row per signature (an index signed with `recursive: true`, or several references): what, by whom, with what evidence, where it went. */
export async function writeSignSummary(signatures: readonly SignResultJson[], verb: 'sign' | 'attest' = 'sign'): Promise<void> {
  const noun = verb === 'sign' ? 'Signature' : 'Attestation';
  const summary = actions.summary
    .addHeading(`ocikit ${verb}`, 3)
    .addTable([
      header(verb === 'sign' ? 'Signed' : 'Attested', 'Platform', 'Signed by', 'Evidence', noun, 'Listed by'),
      ...signatures.map((json) => [
        code(json.subject.reference),
        json.platform ? code(platformString(json.platform)) : '',
        signerCell(json.signer),
        evidence(json.transparencyLogEntries, json.signedTimestamps),
        code(json.reference),
        listingCell(json.referrers),
      ]),
    ]);
  const first = signatures[0]!;
  const many = signatures.length > 1 ? `${signatures.length} ${noun.toLowerCase()}s; the first: ` : '';
  summary.addRaw(`${many}${noun} manifest ${code(first.digest)}, ${formatBytes(first.size)}, predicate ${code(first.predicateType)}`, true);
  await writeSummary(summary);
}
