import { OcikitError } from '../errors.js';
import { MediaType } from '../oci/media-types.js';

/**
 * How a pushed directory's tar is compressed. gzip is what every reader takes (oras
 * unpacks nothing else); zstd packs several times faster and smaller, for readers that
 * take it (docs/interop.md says which do).
 */
export type DirectoryCompression = 'gzip' | 'zstd';

export const DIRECTORY_COMPRESSIONS: readonly DirectoryCompression[] = ['gzip', 'zstd'];

export function parseDirectoryCompression(value: string): DirectoryCompression {
  if ((DIRECTORY_COMPRESSIONS as readonly string[]).includes(value)) return value as DirectoryCompression;
  throw new OcikitError('INVALID_INPUT', `compression "${value}" is not one of ${DIRECTORY_COMPRESSIONS.join(', ')}`, {
    hint: 'gzip (the default) for any reader, zstd for ocikit and other zstd readers',
  });
}

/** The layer type of a directory packed with `compression`. */
export function directoryLayerMediaType(compression: DirectoryCompression): string {
  return compression === 'zstd' ? MediaType.LayerZstd : MediaType.LayerGzip;
}
