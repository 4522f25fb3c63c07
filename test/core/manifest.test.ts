// The manifest parser is the gate every document from a registry or layout passes:
// one it lets through that it should refuse (a type confusion, a descriptor without a
// valid digest) is an integrity bug. Each rule is pinned by a document that breaks only
// it, and by its nearest valid neighbour (and kills the mutants of oci/manifest.ts:
// docs/reliability.md).
import { describe, expect, it } from '@jest/globals';
import { OcikitError } from '../../packages/core/src/errors.js';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import {
  EMPTY_DESCRIPTOR,
  EMPTY_JSON,
  MAX_MANIFEST_BYTES,
  type ImageIndex,
  type ImageManifest,
  describeManifest,
  encodeManifest,
  isIndex,
  parseManifest,
  successors,
  validateDescriptor,
} from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';

const DIGEST = `sha256:${'a1'.repeat(32)}` as const;
const LAYER = { mediaType: MediaType.LayerGzip, digest: DIGEST, size: 10 };
const MANIFEST = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: EMPTY_DESCRIPTOR, layers: [LAYER] };
const INDEX = { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [{ mediaType: MediaType.ImageManifest, digest: DIGEST, size: 100 }] };

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const parse = (value: unknown, expected?: string) => parseManifest(bytesOf(value), 'the manifest', expected);

function refusal(action: () => unknown): OcikitError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(OcikitError);
    return error as OcikitError;
  }
  throw new Error('expected the document to be refused');
}

/** The manifest with its first layer changed. */
const withLayer = (change: Record<string, unknown>) => ({ ...MANIFEST, layers: [{ ...LAYER, ...change }] });

describe('the empty descriptor', () => {
  it('describes the bytes `{}` exactly', () => {
    expect(new TextDecoder().decode(EMPTY_JSON)).toBe('{}');
    expect(EMPTY_DESCRIPTOR).toStrictEqual({ mediaType: MediaType.Empty, digest: digestOf(EMPTY_JSON), size: 2, data: Buffer.from('{}').toString('base64') });
    expect(Object.isFrozen(EMPTY_DESCRIPTOR)).toBe(true);
  });
});

describe('parseManifest: documents it accepts', () => {
  it('returns an image manifest and an index as they are', () => {
    expect(parse(MANIFEST, MediaType.ImageManifest)).toStrictEqual(MANIFEST);
    expect(parse(INDEX, MediaType.ImageIndex)).toStrictEqual(INDEX);
    const docker = { ...MANIFEST, mediaType: MediaType.DockerManifest };
    expect(parse(docker, MediaType.DockerManifest)).toStrictEqual(docker);
  });

  it('infers a missing mediaType from the announced type, else from the shape', () => {
    const { mediaType: _m, ...bare } = MANIFEST;
    const { mediaType: _i, ...bareIndex } = INDEX;
    expect(parse(bare).mediaType).toBe(MediaType.ImageManifest);
    expect(parse(bareIndex).mediaType).toBe(MediaType.ImageIndex);
    expect(parse(bare, MediaType.DockerManifest).mediaType).toBe(MediaType.DockerManifest);
    expect(parse(bareIndex, MediaType.DockerManifestList).mediaType).toBe(MediaType.DockerManifestList);
  });

  it('does not hold a document to an announced type that is no manifest type at all', () => {
    // Registries answer application/octet-stream or application/json for a manifest.
    expect(parse(MANIFEST, MediaType.OctetStream)).toStrictEqual(MANIFEST);
  });

  it('infers a missing mediaType from the shape when the announced type is no manifest type', () => {
    const { mediaType: _m, ...bare } = MANIFEST;
    const { mediaType: _i, ...bareIndex } = INDEX;
    expect(parse(bare, MediaType.OctetStream).mediaType).toBe(MediaType.ImageManifest);
    expect(parse(bareIndex, 'application/json').mediaType).toBe(MediaType.ImageIndex);
  });

  it('accepts every optional field in its valid form', () => {
    const full = {
      ...MANIFEST,
      artifactType: 'application/vnd.example+json',
      annotations: { 'org.opencontainers.image.title': 'x' },
      subject: { mediaType: MediaType.ImageManifest, digest: DIGEST, size: 1 },
      layers: [
        { ...LAYER, size: 0, data: '', urls: [] },
        { ...LAYER, data: 'e30=', urls: ['https://example.com/x'], artifactType: 'application/vnd.x', annotations: {}, platform: { os: 'linux', architecture: 'amd64' } },
        { ...LAYER, data: 'YQ==', size: Number.MAX_SAFE_INTEGER },
      ],
    };
    expect(parse(full)).toStrictEqual(full);
  });

  it('reads up to the size limit, not a byte more', () => {
    const padded = (size: number) => {
      const bytes = bytesOf({ ...MANIFEST, annotations: { pad: '' } });
      const pad = 'x'.repeat(size - bytes.length);
      return bytesOf({ ...MANIFEST, annotations: { pad } });
    };
    expect(MAX_MANIFEST_BYTES).toBe(4 * 1024 * 1024);
    expect(parseManifest(padded(MAX_MANIFEST_BYTES), 'big').mediaType).toBe(MediaType.ImageManifest);
    const over = refusal(() => parseManifest(padded(MAX_MANIFEST_BYTES + 1), 'big'));
    expect(over.code).toBe('SIZE_LIMIT');
    expect(over.message).toBe(`big is ${MAX_MANIFEST_BYTES + 1} bytes, over the ${MAX_MANIFEST_BYTES}-byte manifest limit`);
  });
});

describe('parseManifest: documents it refuses as INVALID_MANIFEST', () => {
  // What is refused, the document, the media type it was served as (if any), and what the message says.
  const cases: Array<{ what: string; document: unknown; servedAs?: string; says?: string }> = [
    { what: 'bytes that are not UTF-8', document: new Uint8Array([0x7b, 0xff, 0x7d]), says: 'not UTF-8 JSON' },
    // Not UTF-8 inside a string: a lenient decoder would read it as JSON.
    { what: 'a string that is not UTF-8', document: Buffer.concat([Buffer.from('{"schemaVersion":2,"x":"'), Buffer.from([0xff]), Buffer.from('"}')]), says: 'not UTF-8 JSON' },
    { what: 'bytes that are not JSON', document: new TextEncoder().encode('{"schemaVersion":2,'), says: 'not UTF-8 JSON' },
    { what: 'a JSON array', document: [MANIFEST], says: 'not a JSON object' },
    { what: 'JSON null', document: null, says: 'not a JSON object' },
    { what: 'a JSON string', document: 'manifest', says: 'not a JSON object' },
    { what: 'schemaVersion 1', document: { ...MANIFEST, schemaVersion: 1 }, says: 'schemaVersion must be 2' },
    { what: 'schemaVersion "2"', document: { ...MANIFEST, schemaVersion: '2' } },
    { what: 'an unknown mediaType', document: { ...MANIFEST, mediaType: 'application/vnd.oci.image.config.v1+json' } },
    { what: 'a mediaType that is not a string', document: { ...MANIFEST, mediaType: 2 } },
    { what: 'an image manifest served as an index', document: MANIFEST, servedAs: MediaType.ImageIndex },
    { what: 'an OCI manifest served as a Docker manifest', document: MANIFEST, servedAs: MediaType.DockerManifest },
    { what: 'an index served as a manifest', document: INDEX, servedAs: MediaType.ImageManifest },
    { what: 'a malformed artifactType', document: { ...MANIFEST, artifactType: 'not a type' } },
    { what: 'an artifactType that is not a string', document: { ...MANIFEST, artifactType: 1 } },
    { what: 'annotations that are a string', document: { ...MANIFEST, annotations: 'a=b' }, says: 'manifest.annotations must be an object' },
    { what: 'annotations that are null', document: { ...MANIFEST, annotations: null } },
    { what: 'annotations that are an array', document: { ...MANIFEST, annotations: ['a'] } },
    { what: 'an annotation that is a number', document: { ...MANIFEST, annotations: { a: 'b', c: 1 } }, says: 'manifest.annotations["c"] must be a string' },
    { what: 'a subject that is not a descriptor', document: { ...MANIFEST, subject: DIGEST } },
    { what: 'a subject with a bad digest', document: { ...MANIFEST, subject: { mediaType: MediaType.ImageManifest, digest: 'sha256:abc', size: 1 } }, says: 'subject.digest "sha256:abc" is not a valid digest' },
    { what: 'an index without manifests', document: { schemaVersion: 2, mediaType: MediaType.ImageIndex } },
    { what: 'an index whose manifests is an object', document: { ...INDEX, manifests: {} } },
    { what: 'an index with layers', document: { ...INDEX, layers: [] } },
    { what: 'an index with a config', document: { ...INDEX, config: EMPTY_DESCRIPTOR } },
    { what: 'an index with a bad child', document: { ...INDEX, manifests: [INDEX.manifests[0], { ...INDEX.manifests[0], size: -1 }] }, says: 'manifests[1].size must be a non-negative integer' },
    { what: 'a manifest without a config', document: { schemaVersion: 2, mediaType: MediaType.ImageManifest, layers: [] } },
    { what: 'a manifest with a bad config', document: { ...MANIFEST, config: { ...EMPTY_DESCRIPTOR, digest: 'sha256:' } }, says: 'config.digest "sha256:" is not a valid digest' },
    { what: 'a manifest without layers', document: { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: EMPTY_DESCRIPTOR } },
    { what: 'a manifest whose layers is an object', document: { ...MANIFEST, layers: {} } },
    { what: 'a manifest with manifests', document: { ...MANIFEST, manifests: [] } },
    { what: 'a manifest with a bad second layer', document: { ...MANIFEST, layers: [LAYER, { ...LAYER, digest: 'md5:x' }] }, says: 'layers[1].digest "md5:x" is not a valid digest' },
  ];

  it.each(cases)('$what', ({ document, servedAs, says }) => {
    const bytes = document instanceof Uint8Array ? document : bytesOf(document);
    const error = refusal(() => parseManifest(bytes, 'the manifest', servedAs));
    expect(error.code).toBe('INVALID_MANIFEST');
    expect(error.message).toMatch(/^the manifest is not a valid OCI manifest: /);
    if (says) expect(error.message).toContain(says);
  });
});

describe('validateDescriptor', () => {
  const refused = (descriptor: unknown) => refusal(() => validateDescriptor(descriptor, 'layers[0]', 'the manifest')).code;

  it.each([
    ['not an object', 'sha256:x'],
    ['null', null],
    ['no mediaType', { digest: DIGEST, size: 1 }],
    ['a malformed mediaType', { ...LAYER, mediaType: 'gzip' }],
    ['a mediaType that is not a string', { ...LAYER, mediaType: 1 }],
    ['no digest', { mediaType: LAYER.mediaType, size: 1 }],
    ['a digest that is not a string', { ...LAYER, digest: 1 }],
    ['a malformed digest', { ...LAYER, digest: `sha256:${'A1'.repeat(32)}` }],
    ['no size', { mediaType: LAYER.mediaType, digest: DIGEST }],
    ['a size that is a string', { ...LAYER, size: '10' }],
    ['a fractional size', { ...LAYER, size: 1.5 }],
    ['a negative size', { ...LAYER, size: -1 }],
    ['a size past 2^53', { ...LAYER, size: 2 ** 53 }],
    ['data that is not a string', { ...LAYER, data: 1 }],
    ['data that is not base64', { ...LAYER, data: 'e30=!' }],
    ['data with a leading non-base64 character', { ...LAYER, data: '!e30=' }],
    ['data with three padding characters', { ...LAYER, data: 'e3===' }],
    ['urls that are a string', { ...LAYER, urls: 'https://example.com' }],
    ['urls holding a number', { ...LAYER, urls: ['https://example.com', 1] }],
    ['a malformed artifactType', { ...LAYER, artifactType: 'x' }],
    ['an artifactType that is not a string', { ...LAYER, artifactType: 1 }],
    ['a platform that is null', { ...LAYER, platform: null }],
    ['a platform that is a string', { ...LAYER, platform: 'linux/amd64' }],
    ['a platform without os', { ...LAYER, platform: { architecture: 'amd64' } }],
    ['a platform without architecture', { ...LAYER, platform: { os: 'linux' } }],
    ['a platform whose os is a number', { ...LAYER, platform: { os: 1, architecture: 'amd64' } }],
    ['annotations holding a number', { ...LAYER, annotations: { a: 1 } }],
  ])('refuses a descriptor with %s', (_what, descriptor) => {
    expect(refused(descriptor)).toBe('INVALID_MANIFEST');
  });

  it('returns a valid descriptor as it is', () => {
    const descriptor = { ...LAYER, data: 'YWI=', urls: ['u'], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, annotations: { a: 'b' } };
    expect(validateDescriptor(descriptor, 'layers[0]', 'the manifest')).toBe(descriptor);
    expect(() => parse(withLayer({ size: 0 }))).not.toThrow();
  });
});

describe('isIndex, successors, encodeManifest, describeManifest', () => {
  it('tell an index from a manifest and list what each points to', () => {
    const manifest = MANIFEST as ImageManifest;
    const index = INDEX as ImageIndex;
    expect(isIndex(index)).toBe(true);
    expect(isIndex({ ...index, mediaType: MediaType.DockerManifestList })).toBe(true);
    expect(isIndex(manifest)).toBe(false);
    expect(isIndex({ ...manifest, mediaType: MediaType.DockerManifest })).toBe(false);
    expect(successors(index)).toStrictEqual(index.manifests);
    expect(successors(manifest)).toStrictEqual([EMPTY_DESCRIPTOR, LAYER]);
  });

  it('encode compactly in field order, and describe the encoded bytes', () => {
    const bytes = encodeManifest(MANIFEST as ImageManifest);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(MANIFEST));
    expect(describeManifest(MANIFEST as ImageManifest, bytes)).toStrictEqual({ mediaType: MediaType.ImageManifest, digest: digestOf(bytes), size: bytes.length });
    const artifact = { ...MANIFEST, artifactType: 'application/vnd.example' } as ImageManifest;
    expect(describeManifest(artifact, encodeManifest(artifact)).artifactType).toBe('application/vnd.example');
  });
});
