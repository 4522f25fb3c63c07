/**
 * What a source contributes to a multi-platform index: one entry for a
 * manifest (its platform read from its image config, or given), or the
 * entries of an index (children with their platforms, BuildKit attestations
 * with the images they describe).
 */
import { OcikitError, optionRef } from '../errors.js';
import { type Descriptor, type ImageManifest, type Platform, isIndex, parseManifest } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';
import { ATTESTATION_REFERENCE_DIGEST, isAttestationEntry, samePlatform } from '../platform/match.js';
import { canonicalPlatform, platformString } from '../platform/platform.js';
import { readBounded } from '../util/read-bounded.js';
import type { Target } from '../target/target.js';

/** Image configs are small JSON; a bigger one is not read (a config with a long history stays far below). */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** Config media types whose JSON names the platform (`os`, `architecture`, `variant`, ...). */
const PLATFORM_CONFIG_TYPES = new Set<string>([MediaType.ImageConfig, MediaType.DockerConfig]);

export interface SourceEntries {
  /** The manifest or index the source named. */
  root: Descriptor;
  /** Its platform entries, in order, each with its platform. */
  entries: Descriptor[];
  /** Attestation manifests that belong to those entries (only from an index source). */
  attestations: Descriptor[];
}

/**
 * Reads what `selector` names in `source` and turns it into index entries.
 * `platform` overrides the platform a manifest's config records; an index
 * cannot take one (its children have their own).
 */
export async function readSourceEntries(source: Target, selector: string, platform?: Platform): Promise<SourceEntries> {
  const what = `${source.name}${selector.includes(':') ? '@' : ':'}${selector}`;
  const fetched = await source.fetchManifest(selector);
  const manifest = parseManifest(fetched.bytes, what, fetched.descriptor.mediaType);
  const root = { mediaType: fetched.descriptor.mediaType, digest: fetched.descriptor.digest, size: fetched.descriptor.size };
  if (isIndex(manifest)) {
    if (platform) {
      throw new OcikitError('INVALID_INPUT', `${what} is an index; a platform cannot be given for it (=${platformString(platform)})`, {
        hint: 'its entries keep their own platforms; name one of its manifests by digest to give it another platform',
      });
    }
    const entries: Descriptor[] = [];
    const attestations: Descriptor[] = [];
    for (const child of manifest.manifests) {
      if (isAttestationEntry(child)) attestations.push(entryOf(child, child.platform, child.annotations));
      else if (child.platform) entries.push(entryOf(child, child.platform, child.annotations));
      else {
        throw new OcikitError('INVALID_INPUT', `${what} has an entry without a platform (${child.digest})`, {
          hint: `add that manifest as a source of its own with =os/arch, e.g. ${source.name}@${child.digest}=linux/amd64`,
        });
      }
    }
    return { root, entries, attestations };
  }
  const found = platform ?? (await configPlatform(source, manifest, what));
  const entry = entryOf({ ...root, ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}) }, found, undefined);
  return { root, entries: [entry], attestations: [] };
}

/** The platform an image's config records (`os`, `architecture`, `variant`, `os.version`, `os.features`). */
export async function configPlatform(source: Target, manifest: ImageManifest, what: string): Promise<Platform> {
  const config = manifest.config;
  const missing = (reason: string): OcikitError =>
    new OcikitError('INVALID_INPUT', `cannot tell the platform of ${what}: ${reason}`, {
      hint: `give it after the reference: ${what}=linux/amd64 (os/architecture[/variant])`,
    });
  if (!PLATFORM_CONFIG_TYPES.has(config.mediaType)) throw missing(`its config is a ${config.mediaType}, not an image config`);
  if (config.size > MAX_CONFIG_BYTES) {
    throw new OcikitError('SIZE_LIMIT', `the config of ${what} is ${config.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config`);
  }
  // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
  const bytes = await readBounded(await source.fetchBlob(config), MAX_CONFIG_BYTES, `config of ${what}`);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new OcikitError('INVALID_MANIFEST', `the config of ${what} is not JSON`, { detail: (error as Error).message });
  }
  const c = (json ?? {}) as Record<string, unknown>;
  if (typeof c.os !== 'string' || c.os === '' || typeof c.architecture !== 'string' || c.architecture === '') {
    throw missing('its config names no os and architecture');
  }
  const features = c['os.features'];
  return canonicalPlatform({
    architecture: c.architecture,
    os: c.os,
    ...(typeof c['os.version'] === 'string' && c['os.version'] ? { 'os.version': c['os.version'] } : {}),
    ...(Array.isArray(features) && features.every((f) => typeof f === 'string') && features.length ? { 'os.features': features as string[] } : {}),
    ...(typeof c.variant === 'string' && c.variant ? { variant: c.variant } : {}),
  });
}

/** An index entry in the image spec's field order: mediaType, digest, size, annotations, platform, artifactType. */
export function entryOf(descriptor: Descriptor, platform: Platform | undefined, annotations: Record<string, string> | undefined): Descriptor {
  return {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
    ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
    ...(platform ? { platform: canonicalPlatform(platform) } : {}),
    ...(descriptor.artifactType ? { artifactType: descriptor.artifactType } : {}),
  };
}

/**
 * Refuses two entries for one platform (after normalisation: `arm64` is
 * `arm64/v8`) unless `allowDuplicates`: clients take the first match, so the
 * second would never be pulled by platform. Attestations never count.
 */
export function checkDuplicatePlatforms(entries: readonly Descriptor[], allowDuplicates: boolean, where: string): void {
  if (allowDuplicates) return;
  const platforms = entries.filter((e) => e.platform && !isAttestationEntry(e));
  for (let i = 0; i < platforms.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = platforms[j]!;
      const b = platforms[i]!;
      if (samePlatform(a.platform!, b.platform!)) {
        throw new OcikitError('INVALID_INPUT', `${where} would have two entries for ${platformString(b.platform!)}: ${a.digest} and ${b.digest}`, {
          hint:
            a.digest === b.digest
              ? 'the same manifest was given twice; give it once'
              : 'clients take the first entry that matches (OCI 1.1), so the second is never pulled by platform; ' +
                `fix the platforms, or pass ${optionRef('allow-duplicates')} if that order is meant`,
        });
      }
    }
  }
}

/** The attestations whose image (`vnd.docker.reference.digest`) is among `entries`. */
export function attestationsFor(entries: readonly Descriptor[], attestations: readonly Descriptor[]): Descriptor[] {
  const digests = new Set(entries.map((e) => e.digest));
  return attestations.filter((a) => {
    const subject = a.annotations?.[ATTESTATION_REFERENCE_DIGEST];
    return subject !== undefined && digests.has(subject as Descriptor['digest']);
  });
}

/** Whether this manifest is a Docker schema 2 manifest (what may go into a Docker manifest list). */
export function isDockerEntry(descriptor: Descriptor): boolean {
  return descriptor.mediaType === MediaType.DockerManifest;
}

