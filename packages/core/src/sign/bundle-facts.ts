import { X509Certificate } from 'node:crypto';

/** Who signed a bundle ocikit just made: the key's hint, or the identity its Fulcio certificate names. */
export type BundleSigner = { kind: 'key'; hint: string } | { kind: 'certificate'; identity: string };

export interface BundleFacts {
  signer: BundleSigner;
  /** Rekor entries in the bundle. */
  transparencyLogEntries: number;
  /** RFC 3161 timestamps in the bundle. */
  signedTimestamps: number;
}

interface BundleJson {
  verificationMaterial?: {
    publicKey?: { hint?: string };
    certificate?: { rawBytes?: string };
    x509CertificateChain?: { certificates?: Array<{ rawBytes?: string }> };
    tlogEntries?: unknown[];
    timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
  };
}

/**
 * What a bundle ocikit has just made says about its signer, for the signing
 * report. Read, not verified: it is the signer's own output; verification
 * (verify.ts) never relies on this.
 */
export function readBundleFacts(bytes: Uint8Array): BundleFacts {
  const material = (JSON.parse(new TextDecoder().decode(bytes)) as BundleJson).verificationMaterial ?? {};
  const certificate = material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates?.[0]?.rawBytes;
  const signer: BundleSigner = certificate
    ? { kind: 'certificate', identity: certificateIdentity(certificate) }
    : { kind: 'key', hint: material.publicKey?.hint ?? '' };
  return {
    signer,
    transparencyLogEntries: material.tlogEntries?.length ?? 0,
    signedTimestamps: material.timestampVerificationData?.rfc3161Timestamps?.length ?? 0,
  };
}

/** The subject alternative name Fulcio certified (a workflow URI, or an email), without its `URI:` prefix. */
function certificateIdentity(rawBytes: string): string {
  const names = new X509Certificate(Buffer.from(rawBytes, 'base64')).subjectAltName ?? '';
  const first = names.split(', ')[0] ?? '';
  return first.replace(/^(URI|email):/, '');
}
