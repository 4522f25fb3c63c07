import type { Descriptor } from './manifest.js';

/** Characters a tag may hold (distribution-spec `<reference>` tags); any other becomes `-`. */
const NOT_TAG_CHARACTER = /[^a-zA-Z0-9._-]/g;

/**
 * The tag under which a registry without the referrers API keeps the referrers
 * index of `digest` (distribution-spec 1.1, "Referrers Tag Schema"): the
 * algorithm truncated to 32 characters, `-`, the encoded part truncated to 64,
 * with every character a tag may not hold replaced by `-`.
 * `sha256:abc…` → `sha256-abc…`; a sha512 digest keeps its first 64 hex digits.
 */
export function referrersTag(digest: string): string {
  const colon = digest.indexOf(':');
  const algorithm = colon < 0 ? digest : digest.slice(0, colon);
  const encoded = colon < 0 ? '' : digest.slice(colon + 1);
  return `${algorithm.slice(0, 32)}-${encoded.slice(0, 64)}`.replace(NOT_TAG_CHARACTER, '-');
}

const SHA256_REFERRERS_TAG = /^sha256-([0-9a-f]{64})$/;

/**
 * The subject a tag-schema tag is for, read back from the tag: only for sha256,
 * whose whole digest fits in a tag; a longer digest is truncated (see
 * referrersTag) and cannot be told from the tag alone. Undefined for any other tag.
 */
export function referrersTagSubject(tag: string): Descriptor['digest'] | undefined {
  const match = SHA256_REFERRERS_TAG.exec(tag);
  return match ? (`sha256:${match[1]}` as Descriptor['digest']) : undefined;
}

/** What cosign stored under a tag before OCI 1.1 referrers: `sha256-<hex>.sig`, `.att`, `.sbom`. */
export type LegacyReferrerKind = 'signature' | 'attestation' | 'sbom';

const LEGACY_SUFFIXES: Record<string, LegacyReferrerKind> = { sig: 'signature', att: 'attestation', sbom: 'sbom' };
const LEGACY_TAG = /^(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})\.(sig|att|sbom)$/;

export interface LegacyReferrerTag {
  tag: string;
  /** The digest of the manifest the tag's content refers to. */
  subjectDigest: Descriptor['digest'];
  kind: LegacyReferrerKind;
}

/** A cosign `sha256-<hex>.sig|.att|.sbom` tag, read back; undefined for any other tag. */
export function parseLegacyReferrerTag(tag: string): LegacyReferrerTag | undefined {
  const match = LEGACY_TAG.exec(tag);
  if (!match) return undefined;
  const [, algorithm, hex, suffix] = match;
  if ((algorithm === 'sha256') !== (hex!.length === 64)) return undefined;
  return { tag, subjectDigest: `${algorithm}:${hex}` as Descriptor['digest'], kind: LEGACY_SUFFIXES[suffix!]! };
}
