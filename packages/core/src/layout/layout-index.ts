import { OcikitError } from '../errors.js';
import { Annotation } from '../oci/annotations.js';
import { type Descriptor, type ImageIndex, validateDescriptor } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';

export const LAYOUT_FILE = 'oci-layout';
export const LAYOUT_VERSION = '1.0.0';

/** Checks the `oci-layout` marker file; `name` is how the layout is named in messages. */
export function checkLayoutFile(bytes: Uint8Array, name: string): void {
  let version: unknown;
  try {
    version = (JSON.parse(new TextDecoder().decode(bytes)) as { imageLayoutVersion?: unknown }).imageLayoutVersion;
  } catch {
    version = undefined;
  }
  if (typeof version !== 'string') {
    throw new OcikitError('INVALID_INPUT', `${name}: ${LAYOUT_FILE} is not JSON with an imageLayoutVersion`);
  }
  // The spec has had one version; a later 1.x stays readable by its own rules.
  if (!version.startsWith('1.')) {
    throw new OcikitError('UNSUPPORTED', `${name}: image layout version ${version} is not supported (expected ${LAYOUT_VERSION})`);
  }
}

/** What `open({ create: true })` writes: an index with nothing in it yet. */
export function emptyIndex(): ImageIndex {
  return { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] };
}

/**
 * Parses index.json. Not `parseManifest`: that caps at the 4 MiB a registry may
 * serve, while a local layout with many tags may legitimately grow past it.
 * Unknown fields are kept so that rewriting the file does not lose another
 * tool's data.
 */
export function parseIndexJson(bytes: Uint8Array, what: string): ImageIndex {
  const fail = (problem: string): never => {
    throw new OcikitError('INVALID_INPUT', `${what} is not a valid OCI image index: ${problem}`, {
      hint: 'the layout was damaged or written by something that is not an OCI tool',
    });
  };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    fail(`not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
  const index = value as Record<string, unknown>;
  if (index.schemaVersion !== 2) fail('schemaVersion must be 2');
  if (index.mediaType === undefined) index.mediaType = MediaType.ImageIndex; // optional in the spec; we always write it
  if (index.mediaType !== MediaType.ImageIndex) fail(`mediaType must be ${MediaType.ImageIndex}`);
  if (!Array.isArray(index.manifests)) return fail('manifests must be an array');
  index.manifests.forEach((d, i) => validateDescriptor(d, `manifests[${i}]`, what));
  return index as unknown as ImageIndex;
}

export function refNameOf(descriptor: Descriptor): string | undefined {
  return descriptor.annotations?.[Annotation.RefName];
}

/** The descriptor without its ref name: the tag is index bookkeeping, not part of the manifest's identity. */
export function withoutRefName(descriptor: Descriptor): Descriptor {
  const { annotations, ...rest } = descriptor;
  if (!annotations) return { ...rest };
  const { [Annotation.RefName]: _refName, ...others } = annotations;
  return Object.keys(others).length > 0 ? { ...rest, annotations: others } : { ...rest };
}

/** Every tag in the index, sorted, each once. */
export function tagsOf(index: ImageIndex): string[] {
  const names = new Set<string>();
  for (const entry of index.manifests) {
    const name = refNameOf(entry);
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

/**
 * Points `tag` at `descriptor` in `index` (mutating it); returns whether anything
 * changed. The tag leaves every other entry; an entry left untagged is dropped
 * when another entry still lists its manifest, so re-tagging does not pile up
 * duplicates, and kept otherwise (as skopeo does), because the index is what
 * keeps a manifest reachable in a layout.
 */
export function applyTag(index: ImageIndex, descriptor: Descriptor, tag: string): boolean {
  const holders = index.manifests.filter((e) => refNameOf(e) === tag);
  if (holders.length === 1 && holders[0]?.digest === descriptor.digest) return false;

  const untagged = new Set<Descriptor>();
  const entries = index.manifests.map((e) => {
    if (refNameOf(e) !== tag) return e;
    const bare = withoutRefName(e);
    untagged.add(bare);
    return bare;
  });
  const kept = entries.filter(
    (e, i) => !untagged.has(e) || !entries.some((other, j) => j !== i && other.digest === e.digest && (!untagged.has(other) || j < i)),
  );

  // Reuse an untagged listing of the same manifest rather than list it twice.
  const reuse = kept.findIndex((e) => e.digest === descriptor.digest && refNameOf(e) === undefined);
  const base = reuse >= 0 ? (kept[reuse] as Descriptor) : withoutRefName(descriptor);
  const tagged: Descriptor = { ...base, annotations: { ...base.annotations, [Annotation.RefName]: tag } };
  delete tagged.data; // embedded content belongs in blobs/, not in index.json
  if (reuse >= 0) kept[reuse] = tagged;
  else kept.push(tagged);
  index.manifests = kept;
  return true;
}
