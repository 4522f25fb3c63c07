/**
 * Multi-platform index assembly over any targets: the manifests matrix jobs
 * pushed one platform each become one image index. Children that live in
 * other repositories are copied into the index's repository first (on one
 * registry their blobs are mounted, not uploaded), since a registry refuses
 * an index whose manifests it does not hold.
 */
import { copyManifestGraph } from '../graph/copy-manifest-graph.js';
import { OcikitError, optionRef } from '../errors.js';
import { checkTag } from '../reference/reference.js';
import { Annotation } from '../oci/annotations.js';
import { type Descriptor, type ImageIndex, type Platform, describeManifest, encodeManifest, isIndex, parseManifest } from '../oci/manifest.js';
import { MediaType, isValidMediaType } from '../oci/media-types.js';
import { ATTESTATION_REFERENCE_DIGEST, isAttestationEntry, samePlatform } from '../platform/match.js';
import { platformString } from '../platform/platform.js';
import { type ProgressListener, storedOutcome } from '../progress/progress.js';
import type { Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { checkDuplicatePlatforms, isDockerEntry, readSourceEntries } from './index-entries.js';
import { pushTagged } from '../target/push-tagged.js';

export interface IndexSource {
  /** Where the manifest or index is: the index's own target, another repository, another registry, a layout. */
  target: Target;
  /** A tag or digest in `target`. */
  selector: string;
  /** The platform to record, instead of what the image config says (manifests only). */
  platform?: Platform;
}

export interface AssembleIndexOptions {
  /** Index annotations (`--annotation`). */
  annotations?: Record<string, string>;
  /** The index's `artifactType` (OCI 1.1). */
  artifactType?: string;
  /** Let two entries share a platform: clients take the first, so the order is meant. */
  allowDuplicates?: boolean;
  /**
   * Records `org.opencontainers.image.created` as this time (SOURCE_DATE_EPOCH). Without it the
   * index has no time in it (as buildx's), so the same entries give the same digest.
   */
  sourceDateEpoch?: number;
  /** Children copied and blobs transferred at once (default 3). */
  concurrency?: number;
  progress?: ProgressListener;
  signal?: AbortSignal;
  /** Also try an OCI 1.1 anonymous mount for blobs from elsewhere. */
  anonymousMount?: boolean;
}

export interface IndexCopyStats {
  /** Child manifests written into the index's repository (copied from another one). */
  manifests: number;
  blobs: { copied: number; mounted: number; skipped: number };
  /** Blob bytes uploaded to copy children (0 when every blob was mounted or present). */
  bytes: number;
}

export interface AssembleIndexResult {
  descriptor: Descriptor;
  index: ImageIndex;
  /** The exact bytes pushed. */
  bytes: Uint8Array;
  tags: string[];
  copied: IndexCopyStats;
}

interface PlannedEntry {
  descriptor: Descriptor;
  source: Target;
}

/**
 * `ocikit index create`: reads every source (a manifest contributes itself
 * with its platform; an index its entries and attestations), refuses two
 * entries for one platform unless `allowDuplicates`, copies children from
 * other repositories, and pushes the index under `tags` (the first is pushed,
 * the rest tagged; none: by digest only).
 */
export async function assembleIndex(destination: Target, sources: IndexSource[], tags: string[], options: AssembleIndexOptions = {}): Promise<AssembleIndexResult> {
  if (sources.length === 0) {
    throw new OcikitError('INVALID_INPUT', 'an index needs at least one source manifest', {
      hint: 'name the manifests the platform jobs pushed, e.g. registry/app:amd64 registry/app:arm64',
    });
  }
  tags.forEach((tag) => checkTag(tag));
  checkIndexOptions(options);
  const { entries, attestations } = await planEntries(sources, options);
  checkDuplicatePlatforms(entries.map((e) => e.descriptor), Boolean(options.allowDuplicates), `the index for ${destination.name}`);
  const copied = await copyChildren(destination, [...entries, ...attestations], options);
  const manifests = [...entries, ...attestations].map((e) => e.descriptor);
  const document = buildIndexDocument(manifests, {
    ...(options.annotations ? { annotations: options.annotations } : {}),
    ...(options.artifactType ? { artifactType: options.artifactType } : {}),
    ...(createdAt(options) ? { created: createdAt(options)! } : {}),
  });
  await pushIndex(destination, document, tags, options.progress);
  return { ...document, tags, copied };
}

export interface UpdateIndexOptions extends AssembleIndexOptions {
  /** For `add`: first drop the entries (and their attestations) of each platform being added. */
  replace?: boolean;
  /** More tags for the updated index. */
  tags?: string[];
}

/**
 * `ocikit index add`: the index `selector` names, with the sources' entries
 * appended (before its attestations, which stay last). Its media type,
 * annotations, artifact type and subject are kept; `options.annotations`
 * are merged over its own. The result is pushed under the same tag (or by
 * digest when `selector` is one).
 */
export async function addToIndex(destination: Target, selector: string, sources: IndexSource[], options: UpdateIndexOptions = {}): Promise<AssembleIndexResult> {
  if (sources.length === 0) throw new OcikitError('INVALID_INPUT', 'nothing to add: name at least one source manifest');
  checkIndexOptions(options);
  const current = await readIndex(destination, selector);
  const { entries, attestations } = await planEntries(sources, options);
  let kept = current.manifests;
  if (options.replace) {
    const replaced = new Set(kept.filter((e) => e.platform && !isAttestationEntry(e) && entries.some((n) => samePlatform(n.descriptor.platform!, e.platform!))).map((e) => e.digest));
    kept = kept.filter((e) => !replaced.has(e.digest) && !replaced.has(e.annotations?.[ATTESTATION_REFERENCE_DIGEST] as Descriptor['digest']));
  }
  const keptEntries = kept.filter((e) => !isAttestationEntry(e));
  const keptAttestations = kept.filter((e) => isAttestationEntry(e));
  const added = entries.filter((e) => !keptEntries.some((k) => k.digest === e.descriptor.digest && samePlatformOrNone(k, e.descriptor)));
  const manifests = [...keptEntries, ...added.map((e) => e.descriptor), ...keptAttestations, ...attestations.map((a) => a.descriptor)];
  checkDuplicatePlatforms(manifests, Boolean(options.allowDuplicates), `${destination.name}:${selector}`);
  const copied = await copyChildren(destination, [...added, ...attestations], options);
  return pushUpdated(destination, selector, current, manifests, options, copied);
}

/**
 * `ocikit index remove`: drops the entries that match a platform (normalised:
 * `linux/arm64` also removes `linux/arm64/v8`) or a digest, with the
 * attestations that describe them. Each selector must match something.
 */
export async function removeFromIndex(destination: Target, selector: string, remove: Array<Platform | Descriptor['digest']>, options: UpdateIndexOptions = {}): Promise<AssembleIndexResult> {
  if (remove.length === 0) throw new OcikitError('INVALID_INPUT', 'nothing to remove: name a platform (os/arch[/variant]) or a digest');
  const current = await readIndex(destination, selector);
  const removed = new Set<string>();
  for (const item of remove) {
    const hits = current.manifests.filter((e) =>
      typeof item === 'string' ? e.digest === item : Boolean(e.platform && !isAttestationEntry(e) && samePlatform(e.platform, item)),
    );
    if (hits.length === 0) {
      const shown = typeof item === 'string' ? item : platformString(item);
      throw new OcikitError('NOT_FOUND', `${destination.name}:${selector} has no entry for ${shown}`, {
        hint: `its platforms: ${current.manifests.filter((e) => e.platform && !isAttestationEntry(e)).map((e) => platformString(e.platform!)).join(', ') || 'none'}`,
      });
    }
    hits.forEach((e) => removed.add(e.digest));
  }
  const manifests = current.manifests.filter((e) => !removed.has(e.digest) && !removed.has(e.annotations?.[ATTESTATION_REFERENCE_DIGEST] ?? ''));
  if (manifests.filter((e) => !isAttestationEntry(e)).length === 0) {
    throw new OcikitError('INVALID_INPUT', `removing that would leave ${destination.name}:${selector} without a single platform`, {
      hint: 'delete the index instead: ocikit manifest delete <reference>',
    });
  }
  return pushUpdated(destination, selector, current, manifests, options, { manifests: 0, blobs: { copied: 0, mounted: 0, skipped: 0 }, bytes: 0 });
}

export interface IndexDocumentOptions {
  annotations?: Record<string, string>;
  artifactType?: string;
  subject?: Descriptor;
  /** `org.opencontainers.image.created`, unless the annotations set it. */
  created?: string;
  /** The exact media type; default an OCI index, or a Docker manifest list when every entry is a plain Docker manifest. */
  mediaType?: string;
}

/**
 * The index document, in the image spec's field order (schemaVersion,
 * mediaType, artifactType, manifests, subject, annotations), compact JSON.
 * A Docker manifest list is chosen (as `docker buildx imagetools create`
 * does) only when every entry is a Docker schema 2 manifest and nothing
 * needs OCI fields: annotations, an artifact type, a subject.
 */
export function buildIndexDocument(manifests: Descriptor[], options: IndexDocumentOptions = {}): { index: ImageIndex; bytes: Uint8Array; descriptor: Descriptor } {
  const annotations = {
    ...(options.created ? { [Annotation.Created]: options.created } : {}),
    ...options.annotations,
  };
  const needsOci =
    Boolean(options.artifactType || options.subject || options.annotations && Object.keys(options.annotations).length) ||
    manifests.some((m) => !isDockerEntry(m) || m.annotations || m.artifactType);
  const mediaType = (options.mediaType ?? (needsOci || manifests.length === 0 ? MediaType.ImageIndex : MediaType.DockerManifestList)) as ImageIndex['mediaType'];
  const docker = mediaType === MediaType.DockerManifestList;
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType,
    ...(options.artifactType && !docker ? { artifactType: options.artifactType } : {}),
    manifests: docker ? manifests.map(({ mediaType: m, digest, size, platform }) => ({ mediaType: m, digest, size, ...(platform ? { platform } : {}) })) : manifests,
    ...(options.subject && !docker ? { subject: options.subject } : {}),
    // A Docker manifest list has no annotations; buildx leaves them out too.
    ...(Object.keys(annotations).length && !docker ? { annotations } : {}),
  };
  const bytes = encodeManifest(index);
  // Validated as any manifest read back would be: what we push must parse.
  parseManifest(bytes, 'the assembled index', mediaType);
  return { index, bytes, descriptor: describeManifest(index, bytes) };
}

function samePlatformOrNone(a: Descriptor, b: Descriptor): boolean {
  return a.platform && b.platform ? samePlatform(a.platform, b.platform) : !a.platform && !b.platform;
}

function checkIndexOptions(options: AssembleIndexOptions): void {
  if (options.artifactType !== undefined && !isValidMediaType(options.artifactType)) {
    throw new OcikitError('INVALID_INPUT', `"${options.artifactType}" is not a valid media type for ${optionRef('artifact-type')}`, {
      hint: 'a media type is type/subtype, e.g. application/vnd.example.release.v1',
    });
  }
  for (const key of Object.keys(options.annotations ?? {})) {
    if (key === '') throw new OcikitError('INVALID_INPUT', 'an annotation key is empty');
  }
}

function createdAt(options: AssembleIndexOptions): string | undefined {
  if (options.sourceDateEpoch === undefined) return undefined;
  return new Date(options.sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function planEntries(sources: IndexSource[], options: AssembleIndexOptions): Promise<{ entries: PlannedEntry[]; attestations: PlannedEntry[] }> {
  const read = await mapConcurrent(sources, Math.max(1, options.concurrency ?? 3), (source) =>
    readSourceEntries(source.target, source.selector, source.platform),
  );
  const entries: PlannedEntry[] = [];
  const attestations: PlannedEntry[] = [];
  read.forEach((result, i) => {
    const source = sources[i]!.target;
    entries.push(...result.entries.map((descriptor) => ({ descriptor, source })));
    attestations.push(...result.attestations.map((descriptor) => ({ descriptor, source })));
  });
  return { entries, attestations };
}

/**
 * Children from other repositories (or registries, or layouts) are copied
 * into the index's target, each with all it points to, by digest: mounts on
 * one registry, streamed otherwise. Children already there cost one `HEAD`.
 */
async function copyChildren(destination: Target, children: PlannedEntry[], options: AssembleIndexOptions): Promise<IndexCopyStats> {
  const stats: IndexCopyStats = { manifests: 0, blobs: { copied: 0, mounted: 0, skipped: 0 }, bytes: 0 };
  const unique = new Map<string, PlannedEntry>();
  for (const child of children) {
    if (child.source === destination || child.source.name === destination.name) continue;
    if (!unique.has(child.descriptor.digest)) unique.set(child.descriptor.digest, child);
  }
  const concurrency = Math.max(1, options.concurrency ?? 3);
  await mapConcurrent([...unique.values()], concurrency, async (child) => {
    const result = await copyManifestGraph(child.source, child.descriptor.digest, destination, undefined, {
      concurrency,
      ...(options.progress ? { progress: options.progress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.anonymousMount ? { anonymousMount: true } : {}),
    });
    stats.manifests += result.manifests.copied;
    stats.blobs.copied += result.blobs.copied;
    stats.blobs.mounted += result.blobs.mounted;
    stats.blobs.skipped += result.blobs.skipped;
    stats.bytes += result.bytes;
  });
  return stats;
}

async function readIndex(target: Target, selector: string): Promise<ImageIndex> {
  const fetched = await target.fetchManifest(selector);
  const manifest = parseManifest(fetched.bytes, `${target.name}:${selector}`, fetched.descriptor.mediaType);
  if (!isIndex(manifest)) {
    throw new OcikitError('INVALID_INPUT', `${target.name}:${selector} is a single manifest, not an index`, {
      hint: 'create an index from it first: ocikit index create <index-ref> <this-ref> <other-refs>...',
    });
  }
  return manifest;
}

async function pushUpdated(
  destination: Target,
  selector: string,
  current: ImageIndex,
  manifests: Descriptor[],
  options: UpdateIndexOptions,
  copied: IndexCopyStats,
): Promise<AssembleIndexResult> {
  const tags = [...(/^sha(256|512):/.test(selector) ? [] : [selector]), ...(options.tags ?? [])];
  tags.forEach((tag) => checkTag(tag));
  const annotations = { ...current.annotations, ...options.annotations };
  // A Docker list stays one while it can; an OCI manifest joining it makes it an OCI index.
  const docker = current.mediaType === MediaType.DockerManifestList && manifests.every((m) => isDockerEntry(m) && !m.annotations);
  if (current.mediaType === MediaType.DockerManifestList && !docker) {
    options.progress?.warning?.(`${destination.name}:${selector} was a Docker manifest list; it becomes an OCI image index to hold OCI entries`);
  }
  const document = buildIndexDocument(manifests, {
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...((options.artifactType ?? current.artifactType) ? { artifactType: (options.artifactType ?? current.artifactType)! } : {}),
    ...(current.subject ? { subject: current.subject } : {}),
    mediaType: docker ? MediaType.DockerManifestList : MediaType.ImageIndex,
  });
  await pushIndex(destination, document, tags, options.progress);
  return { ...document, tags, copied };
}

async function pushIndex(destination: Target, document: { descriptor: Descriptor; bytes: Uint8Array }, tags: string[], progress: ProgressListener | undefined): Promise<void> {
  const [first] = tags;
  progress?.start?.(document.descriptor, `index${first ? ` ${first}` : ''}`, destination.storing);
  await pushTagged(destination, document.descriptor, document.bytes, tags);
  progress?.done?.(document.descriptor, storedOutcome(destination.storing));
}
