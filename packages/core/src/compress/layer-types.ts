import type { Descriptor, Platform } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';

/** What a recompression does with a layer: only `gzip` ones are turned into zstd. */
export type LayerKind = 'gzip' | 'zstd' | 'uncompressed' | 'foreign' | 'other';

const GZIP_LAYERS: readonly string[] = [MediaType.LayerGzip, MediaType.DockerLayerGzip];
const ZSTD_LAYERS: readonly string[] = [MediaType.LayerZstd];
const UNCOMPRESSED_LAYERS: readonly string[] = [MediaType.Layer, 'application/vnd.docker.image.rootfs.diff.tar'];
/** Layers registries do not hold (Windows base layers): fetched from their `urls`, never rewritten. */
const FOREIGN_LAYER = /^application\/vnd\.(docker\.image\.rootfs\.foreign\.diff\.tar(\.gzip)?|oci\.image\.layer\.nondistributable\.v1\.tar(\+\w+)?)$/;

export const DOCKER_FOREIGN_LAYER_GZIP = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';
export const OCI_NONDISTRIBUTABLE_LAYER_GZIP = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';

/** The configs whose `rootfs.diff_ids` a recompression checks its layers against. */
export const IMAGE_CONFIG_TYPES: readonly string[] = [MediaType.ImageConfig, MediaType.DockerConfig];

/**
 * containers/image's mark on an index entry whose layers are zstd: podman,
 * buildah, skopeo and CRI-O prefer such an entry over a gzip one of the same
 * platform; clients that do not know it take the first match.
 */
export const ZSTD_INSTANCE_ANNOTATION = 'io.github.containers.compression.zstd';

/** BuildKit's attestation manifests in an index, and the image each describes. */
export const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type';
export const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest';
export const ATTESTATION_MANIFEST = 'attestation-manifest';

/** estargz metadata: true of the gzip blob only, a lie once the layer is zstd. */
const GZIP_ONLY_ANNOTATIONS = ['containerd.io/snapshot/stargz/toc.digest', 'io.containers.estargz.uncompressed-size'];

export function layerKind(layer: Descriptor): LayerKind {
  if (FOREIGN_LAYER.test(layer.mediaType) || (layer.urls?.length ?? 0) > 0) return 'foreign';
  if (GZIP_LAYERS.includes(layer.mediaType)) return 'gzip';
  if (ZSTD_LAYERS.includes(layer.mediaType)) return 'zstd';
  if (UNCOMPRESSED_LAYERS.includes(layer.mediaType)) return 'uncompressed';
  return 'other';
}

export function isAttestation(entry: Descriptor): boolean {
  return entry.annotations?.[REFERENCE_TYPE_ANNOTATION] === ATTESTATION_MANIFEST;
}

export function isZstdInstance(entry: Descriptor): boolean {
  return entry.annotations?.[ZSTD_INSTANCE_ANNOTATION] === 'true';
}

/** The zstd layer's descriptor: the gzip one's fields (annotations but estargz's) with the new type, digest and size. */
export function zstdLayerDescriptor(gzip: Descriptor, zstd: Descriptor): Descriptor {
  const layer: Descriptor = { ...gzip, mediaType: MediaType.LayerZstd, digest: zstd.digest, size: zstd.size };
  if (layer.annotations) {
    const kept = Object.fromEntries(Object.entries(layer.annotations).filter(([key]) => !GZIP_ONLY_ANNOTATIONS.includes(key)));
    if (Object.keys(kept).length > 0) layer.annotations = kept;
    else delete layer.annotations;
  }
  return layer;
}

/** A Docker descriptor as an OCI manifest carries it (skopeo maps the same way); others as they are. */
export function ociDescriptor(descriptor: Descriptor): Descriptor {
  if (descriptor.mediaType === MediaType.DockerConfig) return { ...descriptor, mediaType: MediaType.ImageConfig };
  if (descriptor.mediaType === DOCKER_FOREIGN_LAYER_GZIP) return { ...descriptor, mediaType: OCI_NONDISTRIBUTABLE_LAYER_GZIP };
  if (descriptor.mediaType === MediaType.DockerLayerGzip) return { ...descriptor, mediaType: MediaType.LayerGzip };
  return descriptor;
}

export interface PlatformSelector {
  os: string;
  architecture: string;
  variant?: string;
}

/** `os/arch[/variant]`, as `--platform` takes it. */
export function parsePlatformSelector(value: string): PlatformSelector | undefined {
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part))) return undefined;
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return { os, architecture, ...(variant ? { variant } : {}) };
}

export function formatPlatform(platform: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** Whether `platform` is one the selector names; arm64's variant v8 is its default, as containerd treats it. */
export function platformMatches(platform: Platform | undefined, selector: PlatformSelector): boolean {
  if (!platform || platform.os !== selector.os || platform.architecture !== selector.architecture) return false;
  if (selector.variant === undefined) return true;
  const normal = (variant: string | undefined): string | undefined => (platform.architecture === 'arm64' && variant === 'v8' ? undefined : variant);
  return normal(platform.variant) === normal(selector.variant);
}
