/**
 * One Fulcio certificate for many keyless signatures, as cosign signs every
 * manifest of an index (`sign --recursive`) with one ephemeral key and one
 * certificate. sigstore-js's FulcioSigner asks Fulcio for a new certificate (and
 * the CI for a new OIDC token) on every signature; this signer asks once and signs
 * the next payloads with the same in-memory key while the certificate is still
 * valid for long enough.
 */
import { X509Certificate, generateKeyPairSync, sign as signWith } from 'node:crypto';
import type { Signature, Signer } from '@sigstore/sign';

/**
 * A signature must be logged (Rekor's integrated time) or timestamped within its
 * certificate's ten minutes. The witnesses are asked after the signature is made,
 * each with up to 30 s and retries: a certificate with less than this left is not
 * used again, a new one is asked for.
 */
export const CERTIFICATE_REUSE_MARGIN_MS = 3 * 60_000;

/** An ephemeral P-256 key that lives in this signer only (sigstore-js's EphemeralSigner, which it does not export). */
function ephemeralKeyHolder(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return { sign: async (data) => ({ signature: signWith('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: publicKeyPem } }) };
}

/**
 * `certify(keyHolder)` is Fulcio's signer for that key (a FulcioSigner with
 * `keyHolder`): it gets a certificate for the key and signs. A fresh key is made
 * for each certificate, so a key never outlives its certificate's use.
 */
export function reusingFulcioCertificate(certify: (keyHolder: Signer) => Signer, now: () => number = Date.now): Signer {
  let held: { keyHolder: Signer; certificate: string; notAfter: number } | undefined;
  return {
    async sign(data: Buffer): Promise<Signature> {
      if (held && now() < held.notAfter - CERTIFICATE_REUSE_MARGIN_MS) {
        const { signature } = await held.keyHolder.sign(data);
        return { signature, key: { $case: 'x509Certificate', certificate: held.certificate } };
      }
      const keyHolder = ephemeralKeyHolder();
      const signed = await certify(keyHolder).sign(data);
      held = signed.key.$case === 'x509Certificate' ? { keyHolder, certificate: signed.key.certificate, notAfter: validUntil(signed.key.certificate) } : undefined;
      return signed;
    },
  };
}

/** The certificate's notAfter; one that cannot be read is not reused (0). */
function validUntil(certificatePem: string): number {
  try {
    return new X509Certificate(certificatePem).validToDate.getTime();
  } catch {
    return 0;
  }
}
