import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OcikitError } from '../errors.js';
import { Annotation } from '../oci/annotations.js';
import { MAX_MANIFEST_BYTES } from '../oci/manifest.js';
import { type Descriptor, EMPTY_DESCRIPTOR, EMPTY_JSON, type ImageManifest, type Platform, describeManifest, encodeManifest } from '../oci/manifest.js';
import { MediaType, isValidMediaType } from '../oci/media-types.js';
import { digestOf } from '../oci/digest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { BlobSource, Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { type ArtifactFileInput, titleForPath } from './artifact-inputs.js';
import { type AnnotationFile, annotationsFor } from './annotation-file.js';
import { packDirectory } from './directory-tar.js';
import { fileBlobSource, spoolToFile } from './file-source.js';
import { canonicalPlatform } from '../platform/platform.js';
import { FILE_MODE_ANNOTATION, formatFileMode } from './file-mode.js';

/** oras's default when an artifact names no type: OCI 1.1 requires one with an empty config. */
export const DEFAULT_ARTIFACT_TYPE = 'application/vnd.unknown.artifact.v1';

export interface PushArtifactOptions {
  files: ArtifactFileInput[];
  /** Where the manifest goes: the first is pushed, the rest tagged after. Empty: by digest only. */
  tags: string[];
  artifactType?: string;
  annotations?: Record<string, string>;
  /** oras's annotation file: `$manifest`, `$config` and per-title keys. */
  annotationFile?: AnnotationFile;
  config?: ArtifactFileInput;
  /** Fixes `org.opencontainers.image.created` and tar mtimes (SOURCE_DATE_EPOCH), for reproducible digests. */
  sourceDateEpoch?: number;
  concurrency?: number;
  progress?: ProgressListener;
  /** Standard input, for a file argument of `-`. */
  stdin?: Readable;
  /** The title of the layer read from standard input. */
  stdinName?: string;
  subject?: Descriptor;
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
 * with its path, each directory a reproducible tar+gzip layer oras unpacks.
 */
export async function pushArtifact(target: Target, options: PushArtifactOptions): Promise<PushArtifactResult> {
  const workDir = await mkdtemp(join(tmpdir(), 'ocikit-push-'));
  try {
    const created = options.sourceDateEpoch === undefined ? new Date() : new Date(options.sourceDateEpoch * 1000);
    const layerSources = await prepareLayers(options, workDir, created);
    const configSource = options.platform
      ? platformConfigSource(options)
      : options.config
        ? await prepareConfig(options.config, options.annotationFile)
        : emptySource();

    const concurrency = Math.max(1, options.concurrency ?? 3);
    const outcomes = await mapConcurrent([...layerSources, configSource], concurrency, (source) =>
      target.pushBlob(source, { progress: options.progress }),
    );

    if (options.inlineMax !== undefined && options.inlineMax > 0) await inlineSmallLayers(layerSources, options.inlineMax);
    const manifest = buildManifest(options, layerSources, configSource, created);
    const bytes = encodeManifest(manifest);
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new OcikitError('SIZE_LIMIT', `the manifest would be ${bytes.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit registries keep to`, {
        hint: options.inlineMax ? 'lower --inline-max: inlined layers count towards the manifest' : 'push fewer files, or pack them into a directory',
      });
    }
    const descriptor = describeManifest(manifest, bytes);
    const [first, ...rest] = options.tags;
    await target.pushManifest(descriptor, bytes, first);
    for (const tag of rest) await target.pushManifest(descriptor, bytes, tag);
    options.progress?.done?.(descriptor, 'uploaded');
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

async function prepareLayers(options: PushArtifactOptions, workDir: string, created: Date): Promise<BlobSource[]> {
  const titles = new Set<string>();
  const sources: BlobSource[] = [];
  for (const file of options.files) {
    const title = file.path === '-' ? (options.stdinName ?? 'stdin') : titleForPath(file.path);
    if (titles.has(title)) {
      throw new OcikitError('INVALID_INPUT', `two inputs would both be titled "${title}"`, {
        hint: 'each file in an artifact needs its own name; rename or move one of them',
      });
    }
    titles.add(title);
    const annotations = { [Annotation.Title]: title, ...annotationsFor(options.annotationFile, title) };
    if (file.mediaType !== undefined && !isValidMediaType(file.mediaType)) {
      throw new OcikitError('INVALID_INPUT', `"${file.mediaType}" is not a valid media type for ${file.path}`);
    }
    if (file.path === '-') {
      if (!options.stdin) throw new OcikitError('INVALID_INPUT', '"-" reads standard input, but none is available here');
      const spooled = join(workDir, 'stdin');
      await spoolToFile(options.stdin, spooled);
      sources.push(await fileBlobSource(spooled, { mediaType: file.mediaType ?? MediaType.DefaultFile, annotations }));
      continue;
    }
    const info = await stat(file.path).catch(() => {
      throw new OcikitError('INVALID_INPUT', `${file.path} does not exist`, { hint: 'paths are relative to the working directory' });
    });
    if (info.isDirectory()) {
      const packed = await packDirectory(file.path, {
        name: title,
        tempDir: workDir,
        ...(options.sourceDateEpoch === undefined ? {} : { mtime: created }),
      });
      const descriptor: Descriptor = {
        mediaType: file.mediaType ?? MediaType.LayerGzip,
        digest: packed.digest,
        size: packed.size,
        annotations: {
          ...annotations,
          [Annotation.OrasContentDigest]: packed.tarDigest,
          [Annotation.OrasUnpack]: 'true',
        },
      };
      sources.push((await fileBlobSource(packed.path, descriptor)) satisfies BlobSource);
    } else {
      // A file layer carries no mode: an executable says so in an annotation that pull honours.
      const mode: Record<string, string> = info.mode & 0o111 ? { [FILE_MODE_ANNOTATION]: formatFileMode(info.mode) } : {};
      sources.push(await fileBlobSource(file.path, { mediaType: file.mediaType ?? MediaType.DefaultFile, annotations: { ...annotations, ...mode } }));
    }
  }
  return sources;
}

/** The config of an artifact for one platform: an image config naming only the platform. */
function platformConfigSource(options: PushArtifactOptions): BlobSource {
  if (options.config) {
    throw new OcikitError('INVALID_INPUT', 'a platform and a config cannot both be given', {
      hint: 'the platform is recorded in a config of its own; put it in your config file instead (architecture, os), or drop --platform',
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

function emptySource(): BlobSource {
  const { data: _data, ...descriptor } = EMPTY_DESCRIPTOR;
  return {
    descriptor,
    open: () => Readable.from([Buffer.from(EMPTY_JSON)]),
  };
}

function buildManifest(options: PushArtifactOptions, layers: BlobSource[], config: BlobSource, created: Date): ImageManifest {
  // A platform config stands in for the empty one: the artifact still needs its type (as oras does).
  const usesEmptyConfig = config.descriptor.mediaType === MediaType.Empty || options.platform !== undefined;
  const artifactType = options.artifactType ?? (usesEmptyConfig ? DEFAULT_ARTIFACT_TYPE : undefined);
  const annotations = {
    [Annotation.Created]: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...options.annotationFile?.$manifest,
    ...options.annotations,
  };
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
