import type { Descriptor } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';
import { isFixedLayer } from '../oci/foreign-layers.js';

/** What a recompression does with a layer: only `gzip` ones are turned into zstd. */
export type LayerKind = 'gzip' | 'zstd' | 'uncompressed' | 'foreign' | 'other';

/** Not Docker's own, but what containerd, BuildKit and regctl (`image mod --layer-compress zstd`) call a zstd layer of a Docker image. */
export const DOCKER_LAYER_ZSTD = 'application/vnd.docker.image.rootfs.diff.tar.zstd';
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar';
const GZIP_LAYERS: readonly string[] = [MediaType.LayerGzip, MediaType.DockerLayerGzip];
const ZSTD_LAYERS: readonly string[] = [MediaType.LayerZstd, DOCKER_LAYER_ZSTD];
const UNCOMPRESSED_LAYERS: readonly string[] = [MediaType.Layer, DOCKER_LAYER];

export const DOCKER_FOREIGN_LAYER_GZIP = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';
export const OCI_NONDISTRIBUTABLE_LAYER_GZIP = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';
const DOCKER_FOREIGN_LAYER = 'application/vnd.docker.image.rootfs.foreign.diff.tar';
const OCI_NONDISTRIBUTABLE_LAYER = 'application/vnd.oci.image.layer.nondistributable.v1.tar';

/** Docker types and the OCI types an OCI manifest gives the same blobs (skopeo's mapping, plus zstd). */
const OCI_TYPE_OF_DOCKER: Readonly<Record<string, string>> = {
  [MediaType.DockerConfig]: MediaType.ImageConfig,
  [MediaType.DockerLayerGzip]: MediaType.LayerGzip,
  [DOCKER_LAYER]: MediaType.Layer,
  [DOCKER_LAYER_ZSTD]: MediaType.LayerZstd,
  [DOCKER_FOREIGN_LAYER_GZIP]: OCI_NONDISTRIBUTABLE_LAYER_GZIP,
  [DOCKER_FOREIGN_LAYER]: OCI_NONDISTRIBUTABLE_LAYER,
};

/** The configs whose `rootfs.diff_ids` a recompression checks its layers against. */
export const IMAGE_CONFIG_TYPES: readonly string[] = [MediaType.ImageConfig, MediaType.DockerConfig];

/**
 * containers/image's mark on an index entry whose layers are zstd: podman,
 * buildah, skopeo and CRI-O prefer such an entry over a gzip one of the same
 * platform; clients that do not know it take the first match.
 */
export const ZSTD_INSTANCE_ANNOTATION = 'io.github.containers.compression.zstd';

/** estargz metadata: true of the gzip blob only, a lie once the layer is zstd. */
const GZIP_ONLY_ANNOTATIONS = ['containerd.io/snapshot/stargz/toc.digest', 'io.containers.estargz.uncompressed-size'];

export function layerKind(layer: Descriptor): LayerKind {
  if (isFixedLayer(layer)) return 'foreign';
  if (GZIP_LAYERS.includes(layer.mediaType)) return 'gzip';
  if (ZSTD_LAYERS.includes(layer.mediaType)) return 'zstd';
  if (UNCOMPRESSED_LAYERS.includes(layer.mediaType)) return 'uncompressed';
  return 'other';
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

/**
 * A Docker descriptor as an OCI manifest carries it (skopeo maps the same way; the
 * zstd and uncompressed layers too, so that no Docker type is left in an OCI
 * manifest); others as they are.
 */
export function ociDescriptor(descriptor: Descriptor): Descriptor {
  const mediaType = OCI_TYPE_OF_DOCKER[descriptor.mediaType];
  return mediaType ? { ...descriptor, mediaType } : descriptor;
}
