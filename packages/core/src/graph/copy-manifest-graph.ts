import { OcikitError, isOcikitError } from '../errors.js';
import { checkTag } from '../reference/reference.js';
import { isDigest } from '../oci/digest.js';
import { type Descriptor, type Manifest, isIndex, parseManifest, successors } from '../oci/manifest.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/media-types.js';
import { type ProgressListener, storedOutcome } from '../progress/progress.js';
import type { FetchedManifest, Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { FetchedBlobSource } from '../target/fetched-blob-source.js';
import { isExternalLayer } from '../oci/foreign-layers.js';

export interface GraphCopyOptions {
  /** Blobs transferred at once (default 3); child manifests are read as many at once. */
  concurrency?: number;
  progress?: ProgressListener;
  signal?: AbortSignal;
  /** Also try an OCI 1.1 anonymous mount (`mount=` without `from`) for blobs that come from elsewhere. */
  anonymousMount?: boolean;
}

export interface GraphCopyResult {
  /** The root manifest or index, as the destination now holds it. */
  descriptor: Descriptor;
  /** The tag it has at the destination; undefined when it was copied by digest only. */
  tag?: string;
  blobs: { copied: number; mounted: number; skipped: number };
  /** Skipped: already at the destination, and with it everything it points to. */
  manifests: { copied: number; skipped: number };
  /** Blob bytes sent to the destination (mounted and skipped blobs cost none). */
  bytes: number;
}

/** Deeper than any real image or artifact graph; what is deeper is refused, not walked. */
const MAX_DEPTH = 16;
/** Manifests held in memory while a graph is copied (each at most 4 MiB). */
const MAX_MANIFESTS = 10_000;
/**
 * Manifest bytes one copy holds until they are written (children after their
 * blobs): with 10,000 manifests of up to 4 MiB a registry could make that 40 GB.
 * Real graphs (indexes of a few dozen platforms and their referrers) hold a few MiB.
 */
const MAX_HELD_MANIFEST_BYTES = 256 * 1024 * 1024;


/**
 * Copies a manifest or index and everything it points to (config, layers,
 * child manifests, recursively; OCI and Docker types) from one target to
 * another. What the destination holds is skipped: a blob by `HEAD`, a manifest
 * with its whole subtree (a registry accepts a manifest only once its blobs
 * are there, and this copy writes children before parents, so whatever is
 * there is complete). Blobs stream from source to destination, verified, a few
 * at a time, mounted instead when both are repositories of one registry.
 *
 * A manifest with a `subject` (a signature, an SBOM) brings its subject along,
 * and the subject's subject, each with everything it points to, written before
 * the manifest that refers to it: the copy is a complete graph, as `oras cp`
 * makes it (oras-go counts the subject among a manifest's successors). A
 * subject the source no longer holds is left out with a warning. The subject's
 * other referrers are not copied: they are not part of what was named.
 *
 * The root is tagged `destinationRef` at the destination; without one, with
 * the source tag; when the source was named by digest, it is stored by digest.
 */
export async function copyManifestGraph(
  source: Target,
  sourceRef: string,
  destination: Target,
  destinationRef?: string,
  options: GraphCopyOptions = {},
): Promise<GraphCopyResult> {
  const root = await source.fetchManifest(sourceRef);
  const rootManifest = parseManifest(root.bytes, `${source.name}:${sourceRef}`, root.descriptor.mediaType);
  return copyFetchedGraph(source, sourceRef, root, rootManifest, destination, destinationRef, options, true);
}

/**
 * The root and every manifest below it through index entries (nested indexes
 * read from the source), each once, the root first: the manifests whose
 * referrers `copy --referrers` carries. Subjects are not followed: the
 * referrers of what a copied referrer refers to are not part of the copy.
 */
export async function manifestsOfGraph(source: Target, root: Descriptor, rootManifest: Manifest, concurrency = 3): Promise<Descriptor[]> {
  const found = new Map<string, Descriptor>([[root.digest, identity(root)]]);
  let level: Array<{ descriptor: Descriptor; manifest: Manifest }> = [{ descriptor: root, manifest: rootManifest }];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > MAX_DEPTH) {
      throw new OcikitError('UNSUPPORTED', `${source.name}: indexes nest more than ${MAX_DEPTH} levels deep below ${root.digest}`);
    }
    const indexes: Descriptor[] = [];
    for (const { manifest } of level) {
      if (!isIndex(manifest)) continue;
      for (const entry of manifest.manifests) {
        if (!isManifestMediaType(entry.mediaType) || found.has(entry.digest)) continue;
        found.set(entry.digest, identity(entry));
        if (isIndexMediaType(entry.mediaType)) indexes.push(entry);
      }
    }
    if (found.size > MAX_MANIFESTS) {
      throw new OcikitError('SIZE_LIMIT', `${source.name}: the graph below ${root.digest} has more than ${MAX_MANIFESTS} manifests`);
    }
    level = await mapConcurrent(indexes, Math.max(1, concurrency), async (descriptor) => {
      const fetched = await source.fetchManifest(descriptor);
      return { descriptor, manifest: parseManifest(fetched.bytes, `manifest ${descriptor.digest} in ${source.name}`, descriptor.mediaType) };
    });
  }
  return [...found.values()];
}

function identity(descriptor: Descriptor): Descriptor {
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}

/** The graph copy of a root already fetched; with `withSubjects`, with its subject chain. */
export async function copyFetchedGraph(
  source: Target,
  sourceRef: string,
  root: FetchedManifest,
  rootManifest: Manifest,
  destination: Target,
  destinationRef: string | undefined,
  options: GraphCopyOptions,
  withSubjects: boolean,
): Promise<GraphCopyResult> {
  const descriptor = rootDescriptor(root.descriptor, rootManifest);
  const tag = destinationTag(sourceRef, destinationRef, descriptor, destination);
  const result: GraphCopyResult = {
    descriptor,
    ...(tag === undefined ? {} : { tag }),
    blobs: { copied: 0, mounted: 0, skipped: 0 },
    manifests: { copied: 0, skipped: 0 },
    bytes: 0,
  };

  // Already there under that name: nothing to send, not even the tag (unless its subject is missing: an older copy).
  const subject = withSubjects ? rootManifest.subject : undefined;
  if ((await holds(destination, tag ?? descriptor.digest, descriptor)) && (!subject || (await destination.exists(subject)))) {
    result.manifests.skipped++;
    return result;
  }

  const plan = await planCopy(source, destination, { ...root, descriptor }, rootManifest, options, result, withSubjects);
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
  options: GraphCopyOptions,
  result: GraphCopyResult,
  withSubjects: boolean,
): Promise<CopyPlan> {
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const blobs = new Map<string, Descriptor>();
  const manifests: FetchedManifest[] = [];
  const visits = new Map<string, Promise<void>>();
  let heldBytes = 0;

  const subjectOf = (manifest: Manifest): Descriptor | undefined =>
    withSubjects && manifest.subject && isManifestMediaType(manifest.subject.mediaType) ? manifest.subject : undefined;

  const visit = async (node: FetchedManifest, manifest: Manifest, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      throw new OcikitError('UNSUPPORTED', `${source.name}: manifests nest more than ${MAX_DEPTH} levels deep below ${root.descriptor.digest}`, {
        hint: 'this is not an image or artifact graph any tool writes; check what pushed it',
      });
    }
    const [children, leaves] = partition(successors(manifest));
    for (const blob of leaves) {
      if (isExternalLayer(blob)) continue;
      if (!blobs.has(blob.digest)) blobs.set(blob.digest, blob);
    }
    await visitChildren(node, children, subjectOf(manifest), depth);
  };

  // The subject is written before what refers to it, like any child.
  const visitChildren = async (node: FetchedManifest, children: Descriptor[], subject: Descriptor | undefined, depth: number): Promise<void> => {
    await mapConcurrent(subject ? [...children, subject] : children, concurrency, (child) => {
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
          const fetched = child === subject ? await fetchSubject(source, child, node.descriptor, options) : await source.fetchManifest(child);
          if (!fetched) return;
          heldBytes += fetched.bytes.length;
          if (heldBytes > MAX_HELD_MANIFEST_BYTES) {
            throw new OcikitError('SIZE_LIMIT', `${source.name}: the manifests below ${root.descriptor.digest} add up to more than ${MAX_HELD_MANIFEST_BYTES} bytes`, {
              hint: 'no image or artifact graph is that large; copy its parts (each platform manifest) one by one, or check the source',
            });
          }
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
  // What is there is complete, but for a subject that an older copy may have left behind.
  else await visitChildren(root, [], subjectOf(rootManifest), 0);
  return { rootExisted, blobs: [...blobs.values()], manifests };
}

/**
 * The subject of `referrer` from the source; undefined, with a warning, when
 * the source no longer holds it (registries accept referrers of absent
 * subjects, and such a referrer is still worth copying).
 */
async function fetchSubject(source: Target, subject: Descriptor, referrer: Descriptor, options: GraphCopyOptions): Promise<FetchedManifest | undefined> {
  try {
    return await source.fetchManifest(subject);
  } catch (error) {
    if (!isOcikitError(error, 'NOT_FOUND')) throw error;
    options.progress?.warning?.(`${source.name} does not hold ${subject.digest}, the subject of ${referrer.digest}: the referrer is copied without it`);
    return undefined;
  }
}

/** An index's entries split into manifests (walked) and anything else (copied as blobs). */
function partition(descriptors: Descriptor[]): [Descriptor[], Descriptor[]] {
  const manifests = descriptors.filter((d) => isManifestMediaType(d.mediaType));
  return [manifests, descriptors.filter((d) => !isManifestMediaType(d.mediaType))];
}

async function pushManifest(destination: Target, node: FetchedManifest, tag: string | undefined, progress: ProgressListener | undefined): Promise<void> {
  const { descriptor, bytes } = node;
  const platform = descriptor.platform ? ` ${descriptor.platform.os}/${descriptor.platform.architecture}${descriptor.platform.variant ? `/${descriptor.platform.variant}` : ''}` : '';
  progress?.start?.(descriptor, `${isIndexMediaType(descriptor.mediaType) ? 'index' : 'manifest'}${platform}${tag ? ` ${tag}` : ''}`, destination.storing);
  await destination.pushManifest(descriptor, bytes, tag);
  progress?.done?.(descriptor, storedOutcome(destination.storing));
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
