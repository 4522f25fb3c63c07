import { OcikitError, optionRef } from '../errors.js';
import { type Descriptor, isIndex, parseManifest } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { createdAt, referrerDescriptor } from '../oci/referrer-descriptor.js';
import { type LegacyReferrerTag, parseLegacyReferrerTag } from '../oci/referrers-tag.js';

/** One referrer in the graph, with the referrers of its own. */
export interface ReferrerNode {
  /** Its descriptor as the referrers list gives it: with `artifactType` and the manifest's annotations. */
  descriptor: Descriptor;
  /** Set when it was found by a cosign tag (`sha256-<hex>.sig`, `.att`, `.sbom`) rather than by a subject field. */
  legacy?: LegacyReferrerTag;
  referrers: ReferrerNode[];
}

export interface DiscoverOptions {
  /** Only referrers of this artifact type, at every level (as `oras discover --artifact-type`). */
  artifactType?: string;
  /** Levels to walk: 1 lists the subject's own referrers only. Default: all (at most 32). */
  depth?: number;
  /** Also list cosign's pre-1.1 `sha256-<hex>.sig|.att|.sbom` tags (default true). */
  legacy?: boolean;
  /** Referrers lists read at once (default 8). */
  concurrency?: number;
  progress?: ProgressListener;
}

export interface DiscoverResult {
  /** The manifest whose referrers these are. */
  subject: Descriptor;
  referrers: ReferrerNode[];
  /** How the store listed them: the referrers API, the tag schema, a layout. */
  via?: 'api' | 'tag' | 'layout';
  /** Referrers found at all levels. */
  count: number;
}

const MAX_DEPTH = 32;
const MAX_NODES = 10_000;

/**
 * The referrers graph of a manifest (`ocikit discover`): its referrers, theirs,
 * and so on, level by level, each level's lists read a few at a time. Cosign's
 * tags of the pre-1.1 way show up too, marked as legacy.
 */
export async function discoverReferrers(target: Target, reference: string, options: DiscoverOptions = {}): Promise<DiscoverResult> {
  if (!target.referrers) throw new OcikitError('UNSUPPORTED', `${target.name} cannot list referrers`);
  const resolved = await target.resolve(reference);
  const subject: Descriptor = { mediaType: resolved.mediaType, digest: resolved.digest, size: resolved.size, ...(resolved.artifactType ? { artifactType: resolved.artifactType } : {}) };
  const [result] = await discoverReferrersOf(target, [subject], options);
  return result!;
}

/**
 * The referrers graphs of several manifests of one target at once (the
 * manifests of an image index, for `copy --referrers`): one tag list read for
 * cosign's tags, the lists of all subjects read side by side. A manifest that is
 * one of the subjects is never listed as another's referrer: it is part of the
 * graph the subjects belong to (a BuildKit attestation manifest is both a child
 * of the index and a referrer of its image).
 */
export async function discoverReferrersOf(target: Target, subjects: readonly Descriptor[], options: DiscoverOptions = {}): Promise<DiscoverResult[]> {
  const listReferrers = target.referrers?.bind(target);
  if (!listReferrers) throw new OcikitError('UNSUPPORTED', `${target.name} cannot list referrers`);
  const maxDepth = Math.min(options.depth ?? MAX_DEPTH, MAX_DEPTH);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const legacyTags = options.legacy === false ? new Map<string, LegacyReferrerTag[]>() : await legacyTagsOf(target, options.progress);

  const results: DiscoverResult[] = subjects.map((subject) => ({ subject, referrers: [], count: 0 }));
  const visited = new Set<string>(subjects.map((subject) => subject.digest));
  let total = 0;
  let level: Array<{ descriptor: Descriptor; children: ReferrerNode[]; result: DiscoverResult }> = results.map((result) => ({
    descriptor: result.subject,
    children: result.referrers,
    result,
  }));
  for (let depth = 0; level.length > 0 && depth < maxDepth; depth++) {
    const next: typeof level = [];
    await mapConcurrent(level, concurrency, async (node) => {
      const listing = await listReferrers(node.descriptor, options.artifactType === undefined ? {} : { artifactType: options.artifactType });
      node.result.via ??= listing.via;
      const found: ReferrerNode[] = [];
      for (const descriptor of listing.manifests) {
        if (visited.has(descriptor.digest)) continue;
        visited.add(descriptor.digest);
        found.push({ descriptor, referrers: [] });
      }
      for (const legacy of legacyTags.get(node.descriptor.digest) ?? []) {
        const descriptor = await legacyDescriptor(target, legacy);
        if (!descriptor || visited.has(descriptor.digest)) continue;
        if (options.artifactType !== undefined && descriptor.artifactType !== options.artifactType) continue;
        visited.add(descriptor.digest);
        found.push({ descriptor, legacy, referrers: [] });
      }
      node.children.push(...sortReferrers(found));
      node.result.count += found.length;
      for (const child of found) next.push({ descriptor: child.descriptor, children: child.referrers, result: node.result });
    });
    total += next.length;
    if (total > MAX_NODES) {
      const what = subjects.length === 1 ? `${target.name}@${subjects[0]!.digest} has` : `the ${subjects.length} manifests of ${target.name} have`;
      throw new OcikitError('SIZE_LIMIT', `${what} more than ${MAX_NODES} referrers`, { hint: `narrow it with ${optionRef('artifact-type')} or ${optionRef('depth')}` });
    }
    level = next;
  }
  return results;
}

/** Siblings in a stable order: by artifact type, then oldest first, then digest. */
function sortReferrers(nodes: ReferrerNode[]): ReferrerNode[] {
  return nodes.sort((a, b) => {
    const typeA = a.descriptor.artifactType ?? '';
    const typeB = b.descriptor.artifactType ?? '';
    if (typeA !== typeB) return typeA < typeB ? -1 : 1;
    const timeA = createdAt(a.descriptor) ?? 0;
    const timeB = createdAt(b.descriptor) ?? 0;
    if (timeA !== timeB) return timeA - timeB;
    return a.descriptor.digest < b.descriptor.digest ? -1 : a.descriptor.digest > b.descriptor.digest ? 1 : 0;
  });
}

/** Cosign's `sha256-<hex>.sig|.att|.sbom` tags by the digest they are about (one tag list read). */
async function legacyTagsOf(target: Target, progress: ProgressListener | undefined): Promise<Map<string, LegacyReferrerTag[]>> {
  const byDigest = new Map<string, LegacyReferrerTag[]>();
  let tags: string[];
  try {
    tags = await target.tags();
  } catch (error) {
    progress?.warning?.(`cannot list the tags of ${target.name}, so cosign's .sig/.att/.sbom tags are not shown: ${(error as Error).message}`);
    return byDigest;
  }
  for (const tag of tags) {
    const legacy = parseLegacyReferrerTag(tag);
    if (!legacy) continue;
    byDigest.set(legacy.subjectDigest, [...(byDigest.get(legacy.subjectDigest) ?? []), legacy]);
  }
  return byDigest;
}

/**
 * The descriptor of what a cosign tag names. Such manifests have no
 * artifactType; the type shown is their first layer's (the simple-signing
 * payload, the DSSE envelope, the SBOM), which says what they hold.
 */
async function legacyDescriptor(target: Target, legacy: LegacyReferrerTag): Promise<Descriptor | undefined> {
  try {
    const fetched = await target.fetchManifest(legacy.tag);
    const manifest = parseManifest(fetched.bytes, `${target.name}:${legacy.tag}`, fetched.descriptor.mediaType);
    const descriptor = referrerDescriptor(fetched.descriptor, manifest);
    if (!manifest.artifactType && !isIndex(manifest) && manifest.layers[0]) descriptor.artifactType = manifest.layers[0].mediaType;
    return descriptor;
  } catch (error) {
    if (error instanceof OcikitError && error.code === 'NOT_FOUND') return undefined; // deleted since the tag list was read
    throw error;
  }
}
