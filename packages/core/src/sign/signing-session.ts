/**
 * One signer for many statements (`sign --recursive`, several references): the
 * sigstore-js builder is made once, so a keyless signer asks Fulcio for one
 * certificate (and the CI for one OIDC token) and signs every statement with it
 * while it is valid (fulcio-certificate-reuse.ts). A key signer needs nothing more:
 * the key is the same for every statement anyway.
 */
import type { DSSEBundleBuilder } from '@sigstore/sign';
import { IN_TOTO_PAYLOAD_TYPE } from './constants.js';
import { type ImageSigner, dsseBundleBuilder, signingError } from './signers.js';

export class SigningSession {
  #builder: Promise<DSSEBundleBuilder> | undefined;

  constructor(readonly signer: ImageSigner) {}

  /** The statement in a DSSE envelope, signed and witnessed: a Sigstore bundle's JSON bytes. */
  async bundle(statement: Buffer): Promise<Uint8Array> {
    this.#builder ??= dsseBundleBuilder(this.signer);
    const builder = await this.#builder;
    let built;
    try {
      built = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
    } catch (error) {
      throw signingError(error, this.signer);
    }
    // Loaded here, not at the top: only signing needs it (start-up of every other verb).
    const { bundleToJSON } = await import('@sigstore/bundle');
    return new TextEncoder().encode(JSON.stringify(bundleToJSON(built)));
  }
}

/** A signer's own session for one statement, or the session given. */
export function signingSession(signer: ImageSigner | SigningSession): SigningSession {
  return signer instanceof SigningSession ? signer : new SigningSession(signer);
}
