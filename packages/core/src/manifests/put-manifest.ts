import type { Readable } from 'node:stream';
import { OcikitError, isOcikitError, optionRef } from '../errors.js';
import { digestOf, parseDigest } from '../oci/digest.js';
import { type Descriptor, MAX_MANIFEST_BYTES, type Manifest, parseManifest } from '../oci/manifest.js';
import { isManifestMediaType } from '../oci/media-types.js';
import { readBounded } from '../util/read-bounded.js';
import type { Target } from '../target/target.js';

export interface PutManifestOptions {
  /** The manifest's media type; default its own `mediaType` field. */
  mediaType?: string;
  /** Store it under this tag; without one it is stored by digest. */
  tag?: string;
  /** The digest it must have (a reference by digest): anything else is refused. */
  digest?: string;
  /** How the document is named in messages (a file name, `standard input`). */
  name?: string;
}

export interface PutManifestResult {
  descriptor: Descriptor;
  manifest: Manifest;
}

/**
 * Stores a manifest document as it is (`ocikit manifest put`). It is read
 * bounded to 4 MiB and validated before anything is sent: JSON of a manifest
 * or index type whose `mediaType` agrees with the one given, descriptors well
 * formed. The bytes are not re-encoded, so the digest is that of the document.
 */
export async function putManifest(target: Target, content: Uint8Array | Readable, options: PutManifestOptions = {}): Promise<PutManifestResult> {
  const name = options.name ?? 'the manifest';
  const bytes = content instanceof Uint8Array ? content : await readDocument(content, name);
  const { descriptor, manifest } = checkManifestDocument(bytes, name, options);
  await target.pushManifest(descriptor, bytes, options.tag);
  return { descriptor, manifest };
}

/** The checks of `putManifest`, without sending: the descriptor the document would have. */
export function checkManifestDocument(bytes: Uint8Array, name: string, options: Pick<PutManifestOptions, 'mediaType' | 'digest'> = {}): PutManifestResult {
  if (options.mediaType !== undefined && !isManifestMediaType(options.mediaType)) {
    throw new OcikitError('INVALID_INPUT', `"${options.mediaType}" is not a manifest media type`, {
      hint: 'use an OCI or Docker manifest or index type, e.g. application/vnd.oci.image.manifest.v1+json',
    });
  }
  if (options.mediaType === undefined && !hasMediaTypeField(bytes)) {
    throw new OcikitError('INVALID_INPUT', `${name} has no mediaType field`, { hint: `pass its type with ${optionRef('media-type')}` });
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(bytes, name, options.mediaType);
  } catch (error) {
    if (!isOcikitError(error, 'INVALID_MANIFEST')) throw error;
    throw new OcikitError('INVALID_INPUT', error.message, { hint: 'fix the document; nothing was sent' });
  }
  const algorithm = options.digest === undefined ? 'sha256' : parseDigest(options.digest).algorithm;
  const digest = digestOf(bytes, algorithm);
  if (options.digest !== undefined && options.digest !== digest) {
    throw new OcikitError('INVALID_INPUT', `${name} has digest ${digest}, not ${options.digest} as the reference says`, {
      hint: 'name the destination by tag, or by the digest of this document',
    });
  }
  const descriptor: Descriptor = {
    mediaType: manifest.mediaType,
    digest,
    size: bytes.length,
    ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}),
  };
  return { descriptor, manifest };
}

async function readDocument(stream: Readable, name: string): Promise<Uint8Array> {
  try {
    return await readBounded(stream, MAX_MANIFEST_BYTES, name);
  } catch (error) {
    if (!isOcikitError(error, 'SIZE_LIMIT')) throw error;
    throw new OcikitError('INVALID_INPUT', `${name} is over the ${MAX_MANIFEST_BYTES}-byte manifest limit`, {
      hint: 'registries refuse manifests this large; check that this is the manifest',
    });
  }
}

function hasMediaTypeField(bytes: Uint8Array): boolean {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null && 'mediaType' in value;
  } catch {
    return true; // not JSON: parseManifest says so in its own words
  }
}
