import { OcikitError, isOcikitError } from '../errors.js';
import { checkTag } from '../layout/layout-index.js';
import { isDigest } from '../oci/digest.js';
import { type Descriptor, type Manifest, isIndex, parseManifest } from '../oci/manifest.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/media-types.js';
import type { ProgressListener } from '../progress/progress.js';
import type { FetchedManifest, Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { FetchedBlobSource } from './fetched-blob-source.js';
import { copyReferrers } from '../referrers/copy-referrers.js';

export interface CopyGraphOptions {
  /** Blobs transferred at once (default 3); child manifests are read as many at once. */
  concurrency?: number;
  progress?: ProgressListener;
  signal?: AbortSignal;
  /** Also try an OCI 1.1 anonymous mount (`mount=` without `from`) for blobs that come from elsewhere. */
  anonymousMount?: boolean;
  /**
   * Also copy the root's referrers graph (signatures, SBOMs, reports and theirs,
   * cosign's legacy tags too); the destination lists them its own way (API,
   * recreated sha256-<hex> tag index, or layout index.json).
   */
  referrers?: boolean;
}

export interface CopyGraphResult {
  /** The root manifest or index, as the destination now holds it. */
  descriptor: Descriptor;
  /** The tag it has at the destination; undefined when it was copied by digest only. */
  tag?: string;
  blobs: { copied: number; mounted: number; skipped: number };
  /** Skipped: already at the destination, and with it everything it points to. */
  manifests: { copied: number; skipped: number };
  /** Blob bytes sent to the destination (mounted and skipped blobs cost none). */
  bytes: number;
  /** With `referrers`: referrers copied, and skipped because the destination held and listed them. */
  referrers?: { copied: number; skipped: number };
}

/** Deeper than any real image or artifact graph; what is deeper is refused, not walked. */
const MAX_DEPTH = 16;
/** Manifests held in memory while a graph is copied (each at most 4 MiB). */
const MAX_MANIFESTS = 10_000;

/**
 * Layers that live outside registries (Windows base layers): their descriptor
 * names `urls` to fetch them from, and registries do not hold them, so a copy
 * leaves them where they are (as skopeo and crane do).
 */
const FOREIGN_LAYER = /^application\/vnd\.(docker\.image\.rootfs\.foreign\.diff\.tar(\.gzip)?|oci\.image\.layer\.nondistributable\.v1\.tar(\+\w+)?)$/;

/**
 * Copies a manifest or index and everything it points to (config, layers,
 * child manifests, recursively; OCI and Docker types) from one target to
 * another. What the destination holds is skipped: a blob by `HEAD`, a manifest
 * with its whole subtree (a registry accepts a manifest only once its blobs
 * are there, and this copy writes children before parents, so whatever is
 * there is complete). Blobs stream from source to destination, verified, a few
 * at a time, mounted instead when both are repositories of one registry.
 *
 * The root is tagged `destinationRef` at the destination; without one, with
 * the source tag; when the source was named by digest, it is stored by digest.
 */
export async function copyGraph(
  source: Target,
  sourceRef: string,
  destination: Target,
  destinationRef?: string,
  options: CopyGraphOptions = {},
): Promise<CopyGraphResult> {
  const result = await copyManifestGraph(source, sourceRef, destination, destinationRef, options);
  if (!options.referrers) return result;
  const { referrers: _referrers, ...one } = options;
  const copyOne = async (digest: string, tag: string | undefined): Promise<boolean> => {
    const copied = await copyManifestGraph(source, tag ?? digest, destination, tag, one);
    return copied.manifests.copied === 0;
  };
  const referrers = await copyReferrers(source, destination, result.descriptor, copyOne, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { ...result, referrers };
}

/** The graph copy of one root, without its referrers. */
async function copyManifestGraph(
  source: Target,
  sourceRef: string,
  destination: Target,
  destinationRef: string | undefined,
  options: CopyGraphOptions,
): Promise<CopyGraphResult> {
  const root = await source.fetchManifest(sourceRef);
  const rootManifest = parseManifest(root.bytes, `${source.name}:${sourceRef}`, root.descriptor.mediaType);
  const descriptor = rootDescriptor(root.descriptor, rootManifest);
  const tag = destinationTag(sourceRef, destinationRef, descriptor, destination);
  const result: CopyGraphResult = {
    descriptor,
    ...(tag === undefined ? {} : { tag }),
    blobs: { copied: 0, mounted: 0, skipped: 0 },
    manifests: { copied: 0, skipped: 0 },
    bytes: 0,
  };

  // Already there under that name: nothing to send, not even the tag.
  if (await holds(destination, tag ?? descriptor.digest, descriptor)) {
    result.manifests.skipped++;
    return result;
  }

  const plan = await planCopy(source, destination, { ...root, descriptor }, rootManifest, options, result);
  const concurrency = Math.max(1, options.concurrency ?? 3);
  await mapConcurrent(plan.blobs, concurrency, async (blob) => {
    const from = new FetchedBlobSource(source, blob, options.signal);
    try {
      const outcome = await destination.pushBlob(from, {
        ...(options.progress ? { progress: options.progress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.anonymousMount ? { anonymousMount: true } : {}),
        mountFrom: source,
      });
      if (outcome === 'uploaded') {
        result.blobs.copied++;
        result.bytes += blob.size;
      } else {
        result.blobs[outcome]++;
      }
    } finally {
      from.close();
    }
  });
  // Children before parents: a registry refuses an index whose manifests it does not hold.
  for (const node of plan.manifests) await pushManifest(destination, node, undefined, options.progress);
  await pushManifest(destination, { descriptor, bytes: root.bytes }, tag, options.progress);
  result.manifests.copied += plan.manifests.length;
  // A root that was there already has only been tagged.
  if (plan.rootExisted) result.manifests.skipped++;
  else result.manifests.copied++;
  return result;
}

interface CopyPlan {
  rootExisted: boolean;
  /** Every blob of the graph the destination may lack, each once. */
  blobs: Descriptor[];
  /** Child manifests to write, each after all of its own children. */
  manifests: FetchedManifest[];
}

/**
 * Walks the graph below the root: reads child manifests from the source (a
 * few at a time), leaves out subtrees the destination already holds, and
 * collects the blobs, deduplicated (platforms of one image share layers).
 */
async function planCopy(
  source: Target,
  destination: Target,
  root: FetchedManifest,
  rootManifest: Manifest,
  options: CopyGraphOptions,
  result: CopyGraphResult,
): Promise<CopyPlan> {
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const blobs = new Map<string, Descriptor>();
  const manifests: FetchedManifest[] = [];
  const visits = new Map<string, Promise<void>>();

  const visit = async (node: FetchedManifest, manifest: Manifest, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      throw new OcikitError('UNSUPPORTED', `${source.name}: manifests nest more than ${MAX_DEPTH} levels deep below ${root.descriptor.digest}`, {
        hint: 'this is not an image or artifact graph any tool writes; check what pushed it',
      });
    }
    const [children, leaves] = partition(isIndex(manifest) ? manifest.manifests : [manifest.config, ...manifest.layers]);
    for (const blob of leaves) {
      if (blob.urls?.length && FOREIGN_LAYER.test(blob.mediaType)) continue;
      if (!blobs.has(blob.digest)) blobs.set(blob.digest, blob);
    }
    await mapConcurrent(children, concurrency, (child) => {
      let visiting = visits.get(child.digest);
      if (!visiting) {
        visiting = (async () => {
          if (await destination.exists(child)) {
            result.manifests.skipped++;
            return;
          }
          if (visits.size > MAX_MANIFESTS) {
            throw new OcikitError('SIZE_LIMIT', `${source.name}: the graph below ${root.descriptor.digest} has more than ${MAX_MANIFESTS} manifests`);
          }
          const fetched = await source.fetchManifest(child);
          await visit(fetched, parseManifest(fetched.bytes, `manifest ${child.digest} in ${source.name}`, child.mediaType), depth + 1);
          manifests.push(fetched);
        })();
        visits.set(child.digest, visiting);
      }
      return visiting;
    });
  };

  const rootExisted = await destination.exists(root.descriptor);
  if (!rootExisted) await visit(root, rootManifest, 0);
  return { rootExisted, blobs: [...blobs.values()], manifests };
}

/** An index's entries split into manifests (walked) and anything else (copied as blobs). */
function partition(descriptors: Descriptor[]): [Descriptor[], Descriptor[]] {
  const manifests = descriptors.filter((d) => isManifestMediaType(d.mediaType));
  return [manifests, descriptors.filter((d) => !isManifestMediaType(d.mediaType))];
}

async function pushManifest(destination: Target, node: FetchedManifest, tag: string | undefined, progress: ProgressListener | undefined): Promise<void> {
  const { descriptor, bytes } = node;
  const platform = descriptor.platform ? ` ${descriptor.platform.os}/${descriptor.platform.architecture}${descriptor.platform.variant ? `/${descriptor.platform.variant}` : ''}` : '';
  progress?.start?.(descriptor, `${isIndexMediaType(descriptor.mediaType) ? 'index' : 'manifest'}${platform}${tag ? ` ${tag}` : ''}`);
  await destination.pushManifest(descriptor, bytes, tag);
  progress?.done?.(descriptor, 'uploaded');
}

/** The root as the destination will hold it: what identifies it, without the source's index annotations. */
function rootDescriptor(fetched: Descriptor, manifest: Manifest): Descriptor {
  return {
    mediaType: fetched.mediaType,
    digest: fetched.digest,
    size: fetched.size,
    ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}),
  };
}

function destinationTag(sourceRef: string, destinationRef: string | undefined, root: Descriptor, destination: Target): string | undefined {
  if (destinationRef === undefined) return isDigest(sourceRef) ? undefined : sourceRef;
  if (!isDigest(destinationRef)) {
    checkTag(destinationRef); // before any blob moves, not when the last manifest is refused
    return destinationRef;
  }
  if (destinationRef !== root.digest) {
    throw new OcikitError('INVALID_INPUT', `cannot copy ${root.digest} to ${destination.name}@${destinationRef}: the digests differ`, {
      hint: 'name the destination by tag, or by the digest of what is copied (or by repository alone)',
    });
  }
  return undefined;
}

/** Whether `selector` (a tag or digest) already names `root` at the destination. */
async function holds(destination: Target, selector: string, root: Descriptor): Promise<boolean> {
  try {
    return (await destination.resolve(selector)).digest === root.digest;
  } catch (error) {
    if (isOcikitError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}
