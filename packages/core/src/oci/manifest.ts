import { OcikitError } from '../errors.js';
import { type Digest, digestOf, isDigest } from './digest.js';
import { INDEX_MEDIA_TYPES, MediaType, isManifestMediaType, isValidMediaType } from './media-types.js';

/** Manifests are small; anything larger is refused before it is buffered (distribution-spec). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
  features?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  data?: string;
  platform?: Platform;
  artifactType?: string;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: typeof MediaType.ImageManifest | typeof MediaType.DockerManifest;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: typeof MediaType.ImageIndex | typeof MediaType.DockerManifestList;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export type Manifest = ImageManifest | ImageIndex;

/** The OCI 1.1 empty descriptor: `{}` as config or layer of an artifact. */
export const EMPTY_JSON = new TextEncoder().encode('{}');
export const EMPTY_DESCRIPTOR: Descriptor = Object.freeze({
  mediaType: MediaType.Empty,
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  data: 'e30=',
}) as Descriptor;

export function isIndex(manifest: Manifest): manifest is ImageIndex {
  return INDEX_MEDIA_TYPES.includes(manifest.mediaType);
}

/** Canonical bytes: compact JSON in the field order we build with. */
export function encodeManifest(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest));
}

export function describeManifest(manifest: Manifest, bytes: Uint8Array): Descriptor {
  const descriptor: Descriptor = { mediaType: manifest.mediaType, digest: digestOf(bytes), size: bytes.length };
  if (manifest.artifactType) descriptor.artifactType = manifest.artifactType;
  return descriptor;
}

function fail(what: string, problem: string): never {
  throw new OcikitError('INVALID_MANIFEST', `${what} is not a valid OCI manifest: ${problem}`, {
    hint: 'the content is not what its media type claims; check what pushed it',
  });
}

function checkAnnotations(value: unknown, where: string, what: string): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what, `${where}.annotations must be an object`);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(what, `${where}.annotations["${key}"] must be a string`);
  }
}

export function validateDescriptor(value: unknown, where: string, what: string): Descriptor {
  if (typeof value !== 'object' || value === null) fail(what, `${where} must be an object`);
  const d = value as Record<string, unknown>;
  if (typeof d.mediaType !== 'string' || !isValidMediaType(d.mediaType)) fail(what, `${where}.mediaType is missing or malformed`);
  if (typeof d.digest !== 'string' || !isDigest(d.digest)) fail(what, `${where}.digest "${String(d.digest)}" is not a valid digest`);
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) fail(what, `${where}.size must be a non-negative integer`);
  if (d.data !== undefined) {
    if (typeof d.data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(d.data)) fail(what, `${where}.data must be base64`);
  }
  if (d.urls !== undefined && (!Array.isArray(d.urls) || d.urls.some((u) => typeof u !== 'string'))) {
    fail(what, `${where}.urls must be an array of strings`);
  }
  if (d.artifactType !== undefined && (typeof d.artifactType !== 'string' || !isValidMediaType(d.artifactType))) {
    fail(what, `${where}.artifactType is malformed`);
  }
  if (d.platform !== undefined) {
    // A platform that is null or no object has no string os.
    const p = d.platform as Record<string, unknown> | null;
    if (typeof p?.os !== 'string' || typeof p.architecture !== 'string') {
      fail(what, `${where}.platform needs string os and architecture`);
    }
  }
  checkAnnotations(d.annotations, where, what);
  return d as unknown as Descriptor;
}

/**
 * Parses and validates manifest bytes. `expectedMediaType` is what the registry
 * or descriptor said it is; a document that says otherwise is refused (the image
 * spec's defence against type confusion).
 */
export function parseManifest(bytes: Uint8Array, what: string, expectedMediaType?: string): Manifest {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new OcikitError('SIZE_LIMIT', `${what} is ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte manifest limit`);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    fail(what, `not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what, 'not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.schemaVersion !== 2) fail(what, 'schemaVersion must be 2');
  let mediaType = m.mediaType;
  if (mediaType === undefined) {
    // mediaType is optional in OCI; infer it from the shape, but never against what was announced.
    // An announced type that is no manifest type (application/octet-stream, application/json:
    // what some registries answer) says nothing, and the shape decides.
    const announced = expectedMediaType && isManifestMediaType(expectedMediaType) ? expectedMediaType : undefined;
    mediaType = announced ?? (Array.isArray(m.manifests) ? MediaType.ImageIndex : MediaType.ImageManifest);
    m.mediaType = mediaType;
  }
  if (typeof mediaType !== 'string' || !isManifestMediaType(mediaType)) fail(what, `unsupported mediaType "${String(mediaType)}"`);
  if (expectedMediaType && isManifestMediaType(expectedMediaType) && expectedMediaType !== mediaType) {
    fail(what, `it says mediaType "${mediaType}" but was served as "${expectedMediaType}"`);
  }
  if (m.artifactType !== undefined && (typeof m.artifactType !== 'string' || !isValidMediaType(m.artifactType))) {
    fail(what, 'artifactType is malformed');
  }
  checkAnnotations(m.annotations, 'manifest', what);
  if (m.subject !== undefined) validateDescriptor(m.subject, 'subject', what);
  if (INDEX_MEDIA_TYPES.includes(mediaType)) {
    if (!Array.isArray(m.manifests)) fail(what, 'an index needs a manifests array');
    if ('layers' in m || 'config' in m) fail(what, 'an index must not have config or layers');
    m.manifests.forEach((d, i) => validateDescriptor(d, `manifests[${i}]`, what));
  } else {
    validateDescriptor(m.config, 'config', what);
    if (!Array.isArray(m.layers)) fail(what, 'a manifest needs a layers array');
    if ('manifests' in m) fail(what, 'an image manifest must not have manifests');
    m.layers.forEach((d, i) => validateDescriptor(d, `layers[${i}]`, what));
  }
  return m as unknown as Manifest;
}

/** Every descriptor a manifest points to that a copy must carry (config and layers, or children). */
export function successors(manifest: Manifest): Descriptor[] {
  return isIndex(manifest) ? manifest.manifests : [manifest.config, ...manifest.layers];
}
