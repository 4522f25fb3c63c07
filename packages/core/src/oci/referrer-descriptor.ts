import { OcikitError } from '../errors.js';
import { Annotation } from './annotations.js';
import { type Descriptor, type ImageIndex, type Manifest, isIndex, parseManifest } from './manifest.js';
import { MediaType, isManifestMediaType } from './media-types.js';

/**
 * The descriptor by which a referrers list names a referrer (distribution-spec
 * 1.1, "Listing Referrers" and "Pushing Manifests with Subject"): media type,
 * digest and size; `artifactType` from the manifest, else (image manifests only)
 * its config's media type; and every annotation of the manifest.
 */
export function referrerDescriptor(descriptor: Pick<Descriptor, 'mediaType' | 'digest' | 'size'>, manifest: Manifest): Descriptor {
  const artifactType = manifest.artifactType || (isIndex(manifest) ? undefined : manifest.config.mediaType);
  return {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
    ...(artifactType ? { artifactType } : {}),
    ...(manifest.annotations && Object.keys(manifest.annotations).length > 0 ? { annotations: { ...manifest.annotations } } : {}),
  };
}

/** A referrers list as an OCI image index (what the API answers and the tag schema stores). */
export function referrersIndex(manifests: Descriptor[]): ImageIndex {
  return { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests };
}

/**
 * Reads a referrers list (an API page or the tag schema's index): an OCI image
 * index, bounded and validated like any manifest. Entries that are not
 * manifests or indexes are dropped: a referrer is always one of those.
 */
export function parseReferrersList(bytes: Uint8Array, what: string): Descriptor[] {
  const manifest = parseManifest(bytes, what);
  if (!isIndex(manifest)) {
    throw new OcikitError('INVALID_MANIFEST', `${what} is a ${manifest.mediaType}, not an image index of referrers`);
  }
  return manifest.manifests.filter((d) => isManifestMediaType(d.mediaType));
}

/**
 * Whether a referrers API entry names the empty media type as the artifact
 * type: the type of the manifest's config, listed where the manifest's own
 * artifactType belongs (go-containerregistry's registry does this). No
 * referrer is of that type: the image spec has a manifest whose config is the
 * empty descriptor set artifactType, and that is the value to list.
 */
export function listsConfigTypeAsArtifactType(descriptor: Descriptor): boolean {
  return descriptor.artifactType === MediaType.Empty;
}

/** Only the descriptors of that artifact type (all of them when none is asked for). */
export function filterByArtifactType(manifests: Descriptor[], artifactType: string | undefined): Descriptor[] {
  return artifactType === undefined ? manifests : manifests.filter((d) => d.artifactType === artifactType);
}

/** `org.opencontainers.image.created` as milliseconds, or undefined when absent or not a date. */
export function createdAt(descriptor: Descriptor): number | undefined {
  const value = descriptor.annotations?.[Annotation.Created];
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Newest first by `org.opencontainers.image.created`; referrers without it come
 * last, in the order they were listed. Stable, so equal times keep list order.
 */
export function sortNewestFirst(manifests: Descriptor[]): Descriptor[] {
  return manifests
    .map((descriptor, index) => ({ descriptor, index, time: createdAt(descriptor) }))
    .sort((a, b) => {
      if (a.time !== undefined && b.time !== undefined && a.time !== b.time) return b.time - a.time;
      if ((a.time === undefined) !== (b.time === undefined)) return a.time === undefined ? 1 : -1;
      return a.index - b.index;
    })
    .map((entry) => entry.descriptor);
}

/** Subject descriptors carry identity only: what the image spec requires of `subject`. */
export function subjectDescriptor(descriptor: Descriptor): Descriptor {
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}
