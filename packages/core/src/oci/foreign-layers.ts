import type { Descriptor } from './manifest.js';

/**
 * Docker's foreign layers and OCI's non-distributable ones (deprecated in
 * image-spec 1.1, still in Windows images): their bytes may be barred from being
 * redistributed in another form.
 */
const NON_DISTRIBUTABLE = /^application\/vnd\.(docker\.image\.rootfs\.foreign\.diff\.tar(\.gzip)?|oci\.image\.layer\.nondistributable\.v1\.tar(\+\w+)?)$/;

/** Whether a layer's type is a foreign or non-distributable one. */
export function isNonDistributable(layer: Descriptor): boolean {
  return NON_DISTRIBUTABLE.test(layer.mediaType);
}

/**
 * A layer registries do not hold: a non-distributable type that names the `urls`
 * it is fetched from. Copies leave it where it lives (as skopeo and containerd
 * do); one without `urls` is a blob like any other, held and copied.
 */
export function isExternalLayer(layer: Descriptor): boolean {
  return isNonDistributable(layer) && (layer.urls?.length ?? 0) > 0;
}

/**
 * A layer whose bytes stay exactly as they are: non-distributable (its license
 * may forbid another form), or named by `urls` (the bytes there are what its
 * digest names). A recompression keeps such layers as they are.
 */
export function isFixedLayer(layer: Descriptor): boolean {
  return isNonDistributable(layer) || (layer.urls?.length ?? 0) > 0;
}
