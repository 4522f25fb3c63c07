import { type BundleSigner, type ReferrerListing, type SignResultJson, type VerificationResult, platformString } from '@ocikit/core';

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

/**
 * What `sign` and `attest` print about the referrers they attached: one block
 * each, a blank line between (`targetNames[i]` is where signature i went).
 */
export function signaturesReport(signatures: readonly SignResultJson[], verb: 'Signed' | 'Attested', targetNames: readonly string[]): string {
  const blocks = signatures.map((json, i) => signatureReport(json, verb, targetNames[i]!));
  const total = signatures.length > 1 ? `${verb} ${signatures.length} manifests: ${signatures.length} ${verb === 'Signed' ? 'signatures' : 'attestations'}\n` : '';
  return `${blocks.join('\n')}${total ? `\n${total}` : ''}`;
}

/** What `sign` and `attest` print about one referrer they attached. */
export function signatureReport(json: SignResultJson, verb: 'Signed' | 'Attested', targetName: string): string {
  const lines = [
    `${verb} ${json.subject.reference}${json.platform ? ` (${platformString(json.platform)})` : ''}${json.listedBy ? `, listed by ${json.listedBy}` : ''}`,
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
