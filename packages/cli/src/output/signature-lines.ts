import type { BundleSigner, ReferrerListing, SignResultJson, VerificationResult } from '@ocikit/core';

/** Where a new referrer is listed, as one line: the registry's API, the tag-schema index, or a layout's index.json. */
export function listedLine(listed: ReferrerListing, targetName: string): string {
  return listed.via === 'tag'
    ? `Listed in the referrers index ${targetName}:${listed.tag}${listed.index ? `@${listed.index}` : ''} (the registry has no referrers API)\n`
    : listed.via === 'api'
      ? 'Listed by the registry (referrers API)\n'
      : `Listed in ${targetName}'s index.json\n`;
}

/** Who signed, in words: `key <hint>`, or the certified identity (and its issuer when verified). */
export function signerText(signer: BundleSigner | VerificationResult['signer']): string {
  if (signer.kind === 'key') return `key ${signer.hint}`;
  return 'issuer' in signer ? `${signer.identity} (issuer ${signer.issuer})` : `${signer.identity} (keyless, Fulcio certificate)`;
}

/** `1 Rekor entry, 1 timestamp`, or `no transparency log entry`. */
export function evidenceText(transparencyLogEntries: number, signedTimestamps: number): string {
  const parts = [transparencyLogEntries === 0 ? 'no transparency log entry' : plural(transparencyLogEntries, 'Rekor entry', 'Rekor entries')];
  if (signedTimestamps > 0) parts.push(plural(signedTimestamps, 'timestamp', 'timestamps'));
  return parts.join(', ');
}

/** What `sign` and `attest` print about the referrer they attached. */
export function signatureReport(json: SignResultJson, verb: 'Signed' | 'Attested', targetName: string): string {
  const lines = [
    `${verb} ${json.subject.reference}`,
    `${verb === 'Signed' ? 'Signature' : 'Attestation'}: ${json.reference}`,
    ...(verb === 'Attested' ? [`PredicateType: ${json.predicateType}`] : []),
    `Signer: ${signerText(json.signer)}`,
    `Evidence: ${evidenceText(json.transparencyLogEntries, json.signedTimestamps)}`,
  ];
  return `${lines.join('\n')}\n${listedLine(json.referrers, targetName)}Digest: ${json.digest}\n`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
