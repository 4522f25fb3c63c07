import { type Digest, parseDigest } from '../oci/digest.js';
import { Annotation } from '../oci/annotations.js';

/**
 * What a signature or attestation referrer is, as cosign writes it (cosign's
 * specs/BUNDLE_SPEC.md): the manifest's artifactType and its one layer's mediaType.
 */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** The DSSE payloadType of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** The in-toto Statement v1 `_type`. */
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';

/**
 * The predicate type of the statement cosign signs for an image in its new bundle
 * format (`cosign sign --new-bundle-format`, the default from cosign 3): an empty
 * predicate whose subject is the image manifest's digest.
 */
export const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';

/** The annotations cosign puts on a bundle referrer manifest (BUNDLE_SPEC.md, "Annotations"). */
export const SigstoreAnnotation = {
  /** `message-signature` or `dsse-envelope`: what the bundle carries. */
  BundleContent: 'dev.sigstore.bundle.content',
  /** The predicate type of the DSSE-wrapped in-toto statement. */
  BundlePredicateType: 'dev.sigstore.bundle.predicateType',
} as const;

/** The public-good Sigstore instance; every URL is overridable. */
export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';

/**
 * The manifest annotations a bundle referrer carries, as cosign's
 * `WriteAttestationNewBundleFormat` writes them. ocikit's bundles always hold a
 * DSSE envelope, so `dev.sigstore.bundle.content` is `dsse-envelope`.
 */
export function bundleReferrerAnnotations(predicateType: string, created: Date = new Date()): Record<string, string> {
  return {
    [Annotation.Created]: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    [SigstoreAnnotation.BundleContent]: 'dsse-envelope',
    [SigstoreAnnotation.BundlePredicateType]: predicateType,
  };
}

/** The layer title cosign gives a bundle blob: `sha256-<hex>.sigstore.json`. */
export function bundleLayerTitle(bundleDigest: Digest): string {
  const { algorithm, hex } = parseDigest(bundleDigest);
  return `${algorithm}-${hex}.sigstore.json`;
}
