import type { Stats } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OcikitError, optionRef } from '../errors.js';
import { Annotation } from '../oci/annotations.js';
import { MAX_MANIFEST_BYTES } from '../oci/manifest.js';
import { type Descriptor, EMPTY_DESCRIPTOR, EMPTY_JSON, type ImageManifest, type Platform, describeManifest, encodeManifest } from '../oci/manifest.js';
import { MediaType, isValidMediaType } from '../oci/media-types.js';
import { digestOf } from '../oci/digest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { BlobSource, Target } from '../target/target.js';
import { Limiter } from '../util/limiter.js';
import { type ArtifactFileInput, titleForPath, titleProblem } from './artifact-inputs.js';
import { type AnnotationFile, annotationsFor } from './annotation-file.js';
import { manifestAnnotations } from './manifest-annotations.js';
import { readTagMoves } from '../manifests/tag-moves.js';
import type { DirectoryCompression } from './directory-compression.js';
import { packDirectory } from './directory-tar.js';
import { fileBlobSource, knownFileBlobSource } from './file-source.js';
import { spoolToFile } from '../fs/spool-file.js';
import { canonicalPlatform } from '../platform/platform.js';
import { FILE_MODE_ANNOTATION, formatFileMode } from './file-mode.js';
import { printable } from '../util/printable.js';
import { pushTagged } from '../target/push-tagged.js';

/** oras's default when an artifact names no type: OCI 1.1 requires one with an empty config. */
export const DEFAULT_ARTIFACT_TYPE = 'application/vnd.unknown.artifact.v1';

export interface PushArtifactOptions {
  files: ArtifactFileInput[];
  /** Where the manifest goes: the first is pushed, the rest tagged after. Empty: by digest only. */
  tags: string[];
  artifactType?: string;
  /** The user's manifest annotations (`--annotation`, the `annotations` input): they win over every other source. */
  annotations?: Record<string, string>;
  /** oras's annotation file: `$manifest`, `$config` and per-file keys (path as written, or title). */
  annotationFile?: AnnotationFile;
  /**
   * What the CI run adds to the manifest (`source`, `revision`, `created`): under
   * every key the user sets, in `annotations` or the annotation file's `$manifest`
   * (see manifestAnnotations).
   */
  runAnnotations?: Record<string, string>;
  config?: ArtifactFileInput;
  /** Fixes `org.opencontainers.image.created` and tar mtimes (SOURCE_DATE_EPOCH), for reproducible digests. */
  sourceDateEpoch?: number;
  /** How directories are compressed: gzip (the default, what every reader takes) or zstd. */
  compression?: DirectoryCompression;
  concurrency?: number;
  progress?: ProgressListener;
  /** Standard input, for a file argument of `-`. */
  stdin?: Readable;
  /** The title of the layer read from standard input. */
  stdinName?: string;
  subject?: Descriptor;
  /** Cancels the push (SIGINT): open upload sessions cancelled where the registry accepts it, temp files removed, no manifest written. */
  signal?: AbortSignal;
  /**
   * Layers of at most this many bytes also travel inside the manifest, as the
   * OCI 1.1 `data` field (base64), so readers skip a round trip. They are
   * uploaded all the same: registries require every blob a manifest names.
   */
  inlineMax?: number;
  /**
   * The platform the files are for: the config becomes an image config that
   * records it (`{"architecture","os",...}`, what `oras push --artifact-platform`
   * writes), so registries and clients show it. Not together with `config`.
   */
  platform?: Platform;
  /** Refuse when a tag already names a manifest (`--no-overwrite`), before anything is pushed. */
  noOverwrite?: boolean;
}

export interface PushedLayer {
  descriptor: Descriptor;
  outcome: 'uploaded' | 'skipped' | 'mounted';
}

export interface PushArtifactResult {
  descriptor: Descriptor;
  manifest: ImageManifest;
  layers: PushedLayer[];
  tags: string[];
}

/**
 * Pushes files and directories as one OCI 1.1 artifact: each file a layer titled
 * with its path, each directory a reproducible tar+gzip layer oras unpacks (or tar+zstd).
 */
export async function pushArtifact(target: Target, options: PushArtifactOptions): Promise<PushArtifactResult> {
  const workDir = await mkdtemp(join(tmpdir(), 'ocikit-push-'));
  try {
    const created = options.sourceDateEpoch === undefined ? new Date() : new Date(options.sourceDateEpoch * 1000);
    // Whatever can be refused is refused before a file is read or a byte is sent.
    const plans = await planLayers(options);
    const configSource = options.platform
      ? platformConfigSource(options)
      : options.config
        ? await prepareConfig(options.config, options.annotationFile)
        : emptySource(options.annotationFile?.$config);

    const tagMoves = await readTagMoves(target, options.tags, { ...(options.noOverwrite ? { noOverwrite: true } : {}), ...(options.progress ? { progress: options.progress } : {}) });

    const concurrency = Math.max(1, options.concurrency ?? 3);
    const { sources, outcomes } = await prepareAndPush(
      [...plans.map((plan) => () => prepareLayer(plan, options, workDir, created)), async () => configSource],
      concurrency,
      (source) => target.pushBlob(source, { progress: options.progress, ...(options.signal ? { signal: options.signal } : {}) }),
      options.signal,
    );
    const layerSources = sources.slice(0, plans.length);

    if (options.inlineMax !== undefined && options.inlineMax > 0) await inlineSmallLayers(layerSources, options.inlineMax);
    const manifest = buildManifest(options, layerSources, configSource, created);
    const bytes = encodeManifest(manifest);
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new OcikitError('SIZE_LIMIT', `the manifest would be ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit registries keep to`, {
        hint: options.inlineMax ? `lower ${optionRef('inline-max')}: inlined layers count towards the manifest` : 'push fewer files, or pack them into a directory',
      });
    }
    const descriptor = describeManifest(manifest, bytes);
    options.signal?.throwIfAborted();
    await pushTagged(target, descriptor, bytes, options.tags);
    options.progress?.done?.(descriptor, 'uploaded');
    await tagMoves.report(descriptor);
    return {
      descriptor,
      manifest,
      layers: layerSources.map((source, i) => ({ descriptor: source.descriptor, outcome: outcomes[i]! })),
      tags: options.tags,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** One input, checked: its title, annotations and what it is; nothing read yet. */
interface LayerPlan {
  file: ArtifactFileInput;
  title: string;
  annotations: Record<string, string>;
  /** Undefined for standard input. */
  info?: Stats;
}

/** Checks every input (titles, media types, that it exists) without reading any. */
async function planLayers(options: PushArtifactOptions): Promise<LayerPlan[]> {
  const titles = new Set<string>();
  const plans: LayerPlan[] = [];
  for (const file of options.files) {
    const stdin = file.path === '-';
    const named = stdin ? (options.stdinName ?? 'stdin') : (file.title ?? titleForPath(file.path));
    const fromFile = annotationsFor(options.annotationFile, named, stdin ? undefined : file.path);
    // A title in the annotation file renames the layer, and a directory's tar root with it (as oras does).
    const given = fromFile[Annotation.Title];
    if (given !== undefined) checkGivenTitle(given, file.path);
    const title = given ?? named;
    checkInputTitle(title, file.path);
    if (titles.has(title)) {
      throw new OcikitError('INVALID_INPUT', `two inputs would both be titled "${title}"`, {
        hint: 'each file in an artifact needs its own name; rename or move one of them',
      });
    }
    titles.add(title);
    const annotations = { [Annotation.Title]: title, ...fromFile };
    if (file.mediaType !== undefined && !isValidMediaType(file.mediaType)) {
      throw new OcikitError('INVALID_INPUT', `"${file.mediaType}" is not a valid media type for ${file.path}`);
    }
    if (file.path === '-') {
      if (!options.stdin) throw new OcikitError('INVALID_INPUT', '"-" reads standard input, but none is available here');
      plans.push({ file, title, annotations });
      continue;
    }
    const info = await stat(file.path).catch(() => {
      throw new OcikitError('INVALID_INPUT', `${file.path} does not exist`, { hint: 'paths are relative to the working directory' });
    });
    plans.push({ file, title, annotations, info });
  }
  return plans;
}

/** A title made from a path or --stdin-name: a file name every puller can write and print. */
function checkInputTitle(title: string, path: string): void {
  const problem = titleProblem(title);
  if (problem) {
    throw new OcikitError('INVALID_INPUT', `${path === '-' ? 'standard input' : printable(path)} would be titled "${printable(title.slice(0, 200))}", which cannot be a file name in an artifact: ${problem}`, {
      hint: `rename the file (or give standard input another ${optionRef('stdin-name')})`,
    });
  }
}

/** A title the annotation file gives: it must name a path inside whatever directory the artifact is pulled to. */
function checkGivenTitle(title: string, path: string): void {
  const problem = titleProblem(title);
  if (problem) {
    throw new OcikitError('INVALID_INPUT', `the annotation file titles ${printable(path)} "${printable(title.slice(0, 200))}", which cannot be a file name in an artifact: ${problem}`, {
      hint: 'give a relative path without ".." parts as its org.opencontainers.image.title, or leave the title out',
    });
  }
}

/** Reads one input into a blob source: standard input spooled, a directory packed, a file hashed. */
async function prepareLayer(plan: LayerPlan, options: PushArtifactOptions, workDir: string, created: Date): Promise<BlobSource> {
  const { file, title, annotations, info } = plan;
  if (!info) {
    // Hashed as it is spooled: no second read.
    const spooled = await spoolToFile(workDir, options.stdin!);
    return knownFileBlobSource(spooled.path, { mediaType: file.mediaType ?? MediaType.DefaultFile, digest: spooled.digest, size: spooled.size, annotations });
  }
  if (info.isDirectory()) {
    const packed = await packDirectory(file.path, {
      name: title,
      tempDir: workDir,
      ...(options.sourceDateEpoch === undefined ? {} : { mtime: created }),
      ...(options.compression ? { compression: options.compression } : {}),
    });
    const descriptor: Descriptor = {
      mediaType: file.mediaType ?? packed.mediaType,
      digest: packed.digest,
      size: packed.size,
      annotations: {
        ...annotations,
        [Annotation.OrasContentDigest]: packed.tarDigest,
        [Annotation.OrasUnpack]: 'true',
      },
    };
    // packDirectory hashed the archive as it wrote it: no second read.
    return knownFileBlobSource(packed.path, descriptor);
  }
  // A file layer carries no mode: an executable says so in an annotation that pull honours.
  const mode: Record<string, string> = info.mode & 0o111 ? { [FILE_MODE_ANNOTATION]: formatFileMode(info.mode) } : {};
  return fileBlobSource(file.path, { mediaType: file.mediaType ?? MediaType.DefaultFile, annotations: { ...annotations, ...mode } });
}

/**
 * Prepares the blobs one at a time, in order, and starts each upload as soon as
 * its blob is ready, at most `concurrency` at once: the next file is hashed while
 * the ones before it go up, and no more than one waits ready ahead of the uploads
 * (a packed directory is a temp file). Results come in input order. As with
 * mapConcurrent, the first failure stops new work and is rethrown once the
 * uploads under way settle, so no transfer is left dangling.
 */
async function prepareAndPush(
  prepares: ReadonlyArray<() => Promise<BlobSource>>,
  concurrency: number,
  push: (source: BlobSource) => Promise<PushedLayer['outcome']>,
  signal: AbortSignal | undefined,
): Promise<{ sources: BlobSource[]; outcomes: PushedLayer['outcome'][] }> {
  const slots = new Limiter(concurrency);
  const sources: BlobSource[] = new Array(prepares.length);
  const outcomes: PushedLayer['outcome'][] = new Array(prepares.length);
  const uploads: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  try {
    for (const [index, prepare] of prepares.entries()) {
      if (failure) break;
      signal?.throwIfAborted();
      const source = await prepare();
      sources[index] = source;
      const release = await slots.acquire();
      if (failure) {
        release();
        break;
      }
      uploads.push(
        push(source)
          .then((outcome) => void (outcomes[index] = outcome), (error: unknown) => void (failure ??= { error }))
          .finally(release),
      );
    }
  } catch (error) {
    failure ??= { error };
  }
  await Promise.all(uploads);
  if (failure) throw failure.error;
  return { sources, outcomes };
}

/** The config of an artifact for one platform: an image config naming only the platform. */
function platformConfigSource(options: PushArtifactOptions): BlobSource {
  if (options.config) {
    throw new OcikitError('INVALID_INPUT', 'a platform and a config cannot both be given', {
      hint: `the platform is recorded in a config of its own; put it in your config file instead (architecture, os), or drop ${optionRef('platform')}`,
    });
  }
  const bytes = Buffer.from(JSON.stringify(canonicalPlatform(options.platform!)));
  const annotations = options.annotationFile?.$config;
  const descriptor: Descriptor = {
    mediaType: MediaType.ImageConfig,
    digest: digestOf(bytes),
    size: bytes.length,
    ...(annotations ? { annotations } : {}),
  };
  return { descriptor, open: (start = 0, end = bytes.length - 1) => Readable.from([bytes.subarray(start, end + 1)]) };
}

async function prepareConfig(config: ArtifactFileInput, annotationFile: AnnotationFile | undefined): Promise<BlobSource> {
  const annotations = annotationFile?.$config;
  return fileBlobSource(config.path, {
    mediaType: config.mediaType ?? MediaType.ImageConfig,
    ...(annotations ? { annotations } : {}),
  });
}

/** The OCI 1.1 empty config; an annotation file's `$config` annotations go on its descriptor, as oras puts them. */
function emptySource(annotations: Record<string, string> | undefined): BlobSource {
  const { data: _data, ...empty } = EMPTY_DESCRIPTOR;
  const descriptor: Descriptor = annotations && Object.keys(annotations).length > 0 ? { ...empty, annotations: { ...annotations } } : empty;
  return {
    descriptor,
    open: () => Readable.from([Buffer.from(EMPTY_JSON)]),
  };
}

function buildManifest(options: PushArtifactOptions, layers: BlobSource[], config: BlobSource, created: Date): ImageManifest {
  // A platform config stands in for the empty one: the artifact still needs its type (as oras does).
  const usesEmptyConfig = config.descriptor.mediaType === MediaType.Empty || options.platform !== undefined;
  const artifactType = options.artifactType ?? (usesEmptyConfig ? DEFAULT_ARTIFACT_TYPE : undefined);
  const annotations = manifestAnnotations({
    own: { [Annotation.Created]: created.toISOString().replace(/\.\d{3}Z$/, 'Z') },
    run: options.runAnnotations,
    file: options.annotationFile?.$manifest,
    given: options.annotations,
  });
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ImageManifest,
    ...(artifactType ? { artifactType } : {}),
    config: config.descriptor,
    // OCI 1.1: an artifact with no files still carries one layer, the empty descriptor.
    layers: layers.length ? layers.map((l) => l.descriptor) : [withoutData(EMPTY_DESCRIPTOR)],
    ...(options.subject ? { subject: options.subject } : {}),
    annotations,
  };
  return manifest;
}

function withoutData(descriptor: Descriptor): Descriptor {
  const { data: _data, ...rest } = descriptor;
  return rest;
}

/** Adds OCI 1.1 `data` (the bytes, base64) to the descriptors of layers no larger than `max`. */
async function inlineSmallLayers(layers: BlobSource[], max: number): Promise<void> {
  for (const layer of layers) {
    if (layer.descriptor.size > max) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of layer.open() as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    if (bytes.length !== layer.descriptor.size) throw new OcikitError('INVALID_INPUT', `${displayTitle(layer.descriptor)} changed while it was being pushed`);
    layer.descriptor.data = bytes.toString('base64');
  }
}

function displayTitle(descriptor: Descriptor): string {
  return descriptor.annotations?.[Annotation.Title] ?? descriptor.digest;
}
