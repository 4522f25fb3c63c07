// cosign's signatures from before its bundle format (`cosign sign|attest
// --new-bundle-format=false`, the default before cosign 3, and what many images
// still carry): not referrers, but a manifest tagged `sha256-<hex>.sig` (or
// `.att`) beside the image, one layer per signature. A `.sig` layer is the
// "simple signing" payload with its signature in an annotation; an `.att` layer
// is a DSSE envelope of an in-toto statement. As cosign's pkg/oci/static and
// pkg/cosign/verify.go write and read them. ocikit verifies the ones made with a
// key; their Rekor bundles and certificates (keyless) it leaves to cosign.
import { isOcikitError } from '../errors.js';
import { parseDigest } from '../oci/digest.js';
import { type Descriptor, isIndex, parseManifest } from '../oci/manifest.js';
import { readBounded } from '../util/read-bounded.js';
import type { Target } from '../target/target.js';
import { COSIGN_SIGN_PREDICATE_TYPE, IN_TOTO_STATEMENT_V1, SIGSTORE_BUNDLE_MEDIA_TYPE } from './constants.js';
import { legacyTransparencyLogRefusal } from './transparency-log-rule.js';
import {
  MAX_BUNDLE_BYTES,
  POLICY_FIELD_NAMES,
  SignatureVerificationError,
  type VerificationPolicy,
  type VerificationPolicyNames,
  type VerificationResult,
  verifyAttestation,
  shown,
  verifyMessageSignature,
} from './verify.js';

/** The media types and annotations of cosign's legacy tags. */
export const LegacyCosign = {
  /** A `.sig` layer: the simple-signing payload that was signed. */
  SignatureLayer: 'application/vnd.dev.cosign.simplesigning.v1+json',
  /** An `.att` layer: a DSSE envelope. */
  AttestationLayer: 'application/vnd.dsse.envelope.v1+json',
  /** The base64 signature of a `.sig` layer's payload. */
  Signature: 'dev.cosignproject.cosign/signature',
  /** The Fulcio certificate of a keyless signature. */
  Certificate: 'dev.sigstore.cosign/certificate',
  /** The Rekor entry (its signed entry timestamp) of a logged signature; ocikit does not read it. */
  RekorBundle: 'dev.sigstore.cosign/bundle',
  /** An `.att` layer's predicate type (unsigned: it only spares a fetch). */
  PredicateType: 'predicateType',
} as const;

/** The simple-signing `critical.type` of an image signature. */
const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

export type LegacyCosignKind = 'sig' | 'att';

/** One signature in a legacy tag: the manifest the tag names, and the layer that holds it. */
export interface LegacyCosignLayer {
  /** The tag, `sha256-<hex>.sig` or `.att`. */
  tag: string;
  kind: LegacyCosignKind;
  /** The manifest the tag names (what `discover` lists). */
  manifest: Descriptor;
  layer: Descriptor;
}

/**
 * The layers of `subject`'s `.sig` (image signatures) or `.att` (attestations)
 * tag; none when there is no such tag. One manifest read, by tag.
 */
export async function legacyCosignLayers(target: Target, subject: Descriptor, kind: LegacyCosignKind): Promise<LegacyCosignLayer[]> {
  const { algorithm, hex } = parseDigest(subject.digest);
  const tag = `${algorithm}-${hex}.${kind}`;
  let fetched;
  try {
    fetched = await target.fetchManifest(tag);
  } catch (error) {
    if (isOcikitError(error) && error.code === 'NOT_FOUND') return [];
    throw error;
  }
  const manifest = parseManifest(fetched.bytes, `${target.name}:${tag}`, fetched.descriptor.mediaType);
  if (isIndex(manifest)) return []; // not something cosign writes under this tag
  return manifest.layers.map((layer) => ({ tag, kind, manifest: fetched.descriptor, layer }));
}

/** An `.att` layer's predicate type as its annotation gives it (unsigned: only to skip other kinds unread). */
export function labelledPredicateType(entry: LegacyCosignLayer): string | undefined {
  return entry.kind === 'sig' ? COSIGN_SIGN_PREDICATE_TYPE : entry.layer.annotations?.[LegacyCosign.PredicateType];
}

/**
 * Verifies one legacy signature for `subject` under `policy`, as cosign does with
 * `--key` and `--insecure-ignore-tlog` (which the policy must say: ocikit reads no
 * Rekor entry of this format): the signature by the key, then that the payload is
 * about this very digest. Throws SignatureVerificationError naming the check;
 * OcikitError when the layer cannot be read.
 */
export async function verifyLegacyCosignLayer(
  target: Target,
  entry: LegacyCosignLayer,
  subject: Descriptor,
  policy: VerificationPolicy,
  names: VerificationPolicyNames = POLICY_FIELD_NAMES,
): Promise<VerificationResult> {
  checkLegacyPolicy(entry, policy, names);
  const { layer } = entry;
  const expected = entry.kind === 'sig' ? LegacyCosign.SignatureLayer : LegacyCosign.AttestationLayer;
  if (layer.mediaType !== expected) {
    throw new SignatureVerificationError('bundle', `the ${entry.tag} layer ${layer.digest} is ${shown(layer.mediaType)}, not ${expected}`);
  }
  if (layer.size > MAX_BUNDLE_BYTES) {
    throw new SignatureVerificationError('bundle', `the ${entry.tag} layer ${layer.digest} is ${layer.size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a signature`);
  }
  // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
  const content = await readBounded(await target.fetchBlob(layer), MAX_BUNDLE_BYTES, `the ${entry.tag} layer of ${target.name}`);
  return entry.kind === 'sig' ? verifySimpleSigning(entry, content, subject, policy, names) : verifyEnvelope(content, subject, policy, names);
}

function checkLegacyPolicy(entry: LegacyCosignLayer, policy: VerificationPolicy, names: VerificationPolicyNames): void {
  const hint = 'verify it with cosign, or sign again in the bundle format (cosign 3\'s default, `ocikit sign`)';
  if (policy.publicKey === undefined) {
    throw new SignatureVerificationError('key', `cosign's legacy ${entry.tag} signatures are verified by ocikit with a public key only, not by identity`, { hint });
  }
  if (entry.layer.annotations?.[LegacyCosign.Certificate]) {
    throw new SignatureVerificationError('key', 'the signature was made keyless (it carries a certificate), not with a key', { hint });
  }
  const logged = Boolean(entry.layer.annotations?.[LegacyCosign.RekorBundle]);
  const refusal = legacyTransparencyLogRefusal(entry.tag, logged, policy.insecureIgnoreTlog === true, names);
  if (refusal !== undefined) throw new SignatureVerificationError('transparency-log', refusal);
}

async function verifySimpleSigning(
  entry: LegacyCosignLayer,
  payload: Uint8Array,
  subject: Descriptor,
  policy: VerificationPolicy,
  names: VerificationPolicyNames,
): Promise<VerificationResult> {
  const encoded = entry.layer.annotations?.[LegacyCosign.Signature] ?? '';
  const signature = Buffer.from(encoded, 'base64');
  if (signature.length === 0 || signature.toString('base64') !== encoded) {
    throw new SignatureVerificationError('bundle', `the ${entry.tag} layer ${entry.layer.digest} has no base64 signature in its ${LegacyCosign.Signature} annotation`);
  }
  const verified = await verifyMessageSignature(payload, signature, policy, names);
  const about = readSimpleSigning(payload);
  if (typeof about === 'string') throw new SignatureVerificationError('statement', `the signature is valid but ${about}`);
  if (about.digest !== subject.digest) {
    throw new SignatureVerificationError('subject', `the payload is about ${shown(about.digest)}, not ${subject.digest}`, {
      hint: 'this signature belongs to another manifest; was the image rebuilt or re-pushed after signing?',
    });
  }
  const { algorithm, hex } = parseDigest(subject.digest);
  // The payload says what cosign 3's statement says (this key signed this digest,
  // with these claims); it is given in that form, so every reader of a result reads one shape.
  const statement = {
    _type: IN_TOTO_STATEMENT_V1,
    subject: [{ digest: { [algorithm]: hex }, ...(about.claims ? { annotations: about.claims } : {}) }],
    predicateType: COSIGN_SIGN_PREDICATE_TYPE,
    predicate: {},
  };
  return { subject: subject.digest, predicateType: COSIGN_SIGN_PREDICATE_TYPE, statement, ...verified };
}

/** `{"critical":{"identity":…,"image":{"docker-manifest-digest":…},"type":…},"optional":…}`; a string says what is wrong. */
function readSimpleSigning(payload: Uint8Array): { digest: string; claims?: Record<string, unknown> } | string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return 'its payload is not UTF-8 JSON';
  }
  const { critical, optional } = (value ?? {}) as { critical?: { type?: unknown; image?: { 'docker-manifest-digest'?: unknown } }; optional?: unknown };
  if (critical?.type !== SIMPLE_SIGNING_TYPE) return `its payload is not a cosign image signature (critical.type ${shown(JSON.stringify(critical?.type ?? null))})`;
  const digest = critical.image?.['docker-manifest-digest'];
  if (typeof digest !== 'string') return 'its payload names no image digest (critical.image["docker-manifest-digest"])';
  const claims = typeof optional === 'object' && optional !== null && !Array.isArray(optional) && Object.keys(optional).length > 0 ? (optional as Record<string, unknown>) : undefined;
  return claims ? { digest, claims } : { digest };
}

/** An `.att` layer is the DSSE envelope a bundle would carry: verified as one, by the same checks. */
async function verifyEnvelope(content: Uint8Array, subject: Descriptor, policy: VerificationPolicy, names: VerificationPolicyNames): Promise<VerificationResult> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
  } catch {
    throw new SignatureVerificationError('bundle', 'the attestation layer is not UTF-8 JSON (a DSSE envelope)');
  }
  const bundle = { mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE, verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] }, dsseEnvelope: envelope };
  return verifyAttestation(new TextEncoder().encode(JSON.stringify(bundle)), subject, policy, names);
}
