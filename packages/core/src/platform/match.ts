/**
 * Which entry of an image index a client takes for a platform, by containerd's
 * rules (`platforms.OnlyStrict`, and `platforms.Only` when compatible
 * platforms are asked for): platforms compare after normalisation, so
 * `arm64` is `arm64/v8`; an older variant is accepted only when asked
 * (`arm/v7` then takes `arm/v6` or `arm/v5`, `arm64` takes `arm/v8`…`arm/v5`,
 * `amd64` takes `386`), the closest first. Among entries of the same platform
 * the first in the index wins (image-spec 1.1).
 */
import type { Descriptor, Platform } from '../oci/manifest.js';
import { platformString, normalizePlatform } from './platform.js';

/** BuildKit's attestation manifests: `unknown/unknown`, tied to their image by annotations. */
export const ATTESTATION_REFERENCE_TYPE = 'vnd.docker.reference.type';
export const ATTESTATION_REFERENCE_DIGEST = 'vnd.docker.reference.digest';

export interface PlatformMatchOptions {
  /** Also accept compatible older platforms (containerd's `platforms.Only`), preferring the closest. */
  compatible?: boolean;
}

/** Whether two platforms are the same once normalised (os.version only when both name one). */
export function samePlatform(a: Platform, b: Platform): boolean {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return (
    x.os === y.os &&
    x.architecture === y.architecture &&
    (x.variant ?? '') === (y.variant ?? '') &&
    (x['os.version'] === undefined || y['os.version'] === undefined || x['os.version'] === y['os.version'])
  );
}

/**
 * The platforms a request for `wanted` accepts, most preferred first: the
 * platform itself, then (with `compatible`) containerd's fallbacks.
 */
export function acceptedPlatforms(wanted: Platform, options: PlatformMatchOptions = {}): Platform[] {
  const normalized = normalizePlatform(wanted);
  return options.compatible ? platformVector(normalized) : [normalized];
}

/** containerd's `platformVector`: a platform and the older ones that run on it, best first. */
function platformVector(platform: Platform): Platform[] {
  const vector: Platform[] = [platform];
  const base = { os: platform.os, ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}) };
  const version = (variant: string | undefined): number => {
    const match = /^v?(\d+)$/.exec(variant ?? '');
    return match ? Number(match[1]) : Number.NaN;
  };
  switch (platform.architecture) {
    case 'amd64': {
      const level = version(platform.variant);
      for (let v = level - 1; v >= 1; v--) vector.push({ ...base, architecture: 'amd64', ...(v > 1 ? { variant: `v${v}` } : {}) });
      vector.push({ ...base, architecture: '386' });
      break;
    }
    case 'arm': {
      const level = version(platform.variant);
      for (let v = level - 1; v >= 5; v--) vector.push({ ...base, architecture: 'arm', variant: `v${v}` });
      break;
    }
    case 'arm64': {
      // Every arm64 runs 32-bit arm up to v8.
      vector.push(...platformVector({ ...base, architecture: 'arm', variant: 'v8' }));
      break;
    }
  }
  return vector;
}

/** Whether an index entry is a BuildKit attestation (or other `unknown/unknown` entry) rather than a platform. */
export function isAttestationEntry(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.[ATTESTATION_REFERENCE_TYPE] !== undefined) return true;
  return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}

export interface PlatformSelection {
  descriptor: Descriptor;
  /** Its place in the index. */
  index: number;
  /** Which accepted platform it matched: 0 the one asked for, more a fallback. */
  rank: number;
}

/**
 * The entry of `manifests` a client asking for `wanted` takes, or undefined.
 * Attestations and entries without a platform never match.
 */
export function selectPlatform(manifests: readonly Descriptor[], wanted: Platform, options: PlatformMatchOptions = {}): PlatformSelection | undefined {
  const accepted = acceptedPlatforms(wanted, options);
  let best: PlatformSelection | undefined;
  manifests.forEach((descriptor, index) => {
    if (!descriptor.platform || isAttestationEntry(descriptor)) return;
    const rank = accepted.findIndex((platform) => samePlatform(platform, descriptor.platform!));
    if (rank < 0) return;
    if (!best || rank < best.rank) best = { descriptor, index, rank };
  });
  return best;
}

/** The platforms an index offers, as people read them (for messages). */
export function describePlatforms(manifests: readonly Descriptor[]): string[] {
  return manifests.filter((d) => d.platform && !isAttestationEntry(d)).map((d) => platformString(d.platform!));
}
