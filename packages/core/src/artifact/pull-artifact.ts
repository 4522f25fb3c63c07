import { createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OcikitError, optionRef } from '../errors.js';
import { writeStreamAtomic } from '../fs/atomic-write.js';
import { moveTreeInto, placementProblem } from '../fs/move-tree.js';
import { Annotation } from '../oci/annotations.js';
import { VerifyingStream } from '../oci/digest.js';
import { type Descriptor, type ImageIndex, type ImageManifest, type Platform, isIndex, parseManifest } from '../oci/manifest.js';
import { describePlatforms, selectPlatform } from '../platform/match.js';
import { platformString, hostPlatform, parsePlatform } from '../platform/platform.js';
import { FILE_MODE_ANNOTATION, parseFileMode } from './file-mode.js';
import { countingStream } from '../progress/counting-stream.js';
import type { ProgressListener } from '../progress/progress.js';
import type { FetchedManifest, Target } from '../target/target.js';
import { FetchedBlobSource } from '../target/fetched-blob-source.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { pipeThrough } from '../util/pipe-through.js';
import { checkTitle } from './artifact-inputs.js';
import { extractTarSafely } from './safe-extract.js';

export interface PullArtifactOptions {
  /** Where files land; `-` writes the single selected file to `stdout`. */
  outputDir: string;
  /** Only layers of these media types (all when empty). */
  mediaTypes?: string[];
  /** Refuse to replace existing files (oras's --keep-old-files). */
  keepOldFiles?: boolean;
  concurrency?: number;
  progress?: ProgressListener;
  stdout?: Writable;
  /** Bound on what one directory layer may expand to (decompression bombs). */
  maxUnpackedBytes?: number;
  /**
   * When the reference names an index: the platform whose entry to pull
   * (`linux/arm64` or a Platform). Default: this machine's platform.
   */
  platform?: Platform | string;
  /** Also take a compatible older platform (arm/v7 takes arm/v6; containerd's `platforms.Only`). */
  compatiblePlatforms?: boolean;
}

export interface PulledFile {
  title: string;
  descriptor: Descriptor;
  /** Where it was written ('-' for stdout). */
  path: string;
  unpacked: boolean;
}

export interface PullArtifactResult {
  descriptor: Descriptor;
  manifest: ImageManifest;
  files: PulledFile[];
  /** The index the manifest was picked from, when the reference named one. */
  index?: Descriptor;
  /** The platform of the entry picked from the index. */
  platform?: Platform;
}

const STAGING_PREFIX = '.ocikit-pull-';

/** What a pull reads: the manifests (an index, then its entry for the platform) and the layers it writes. */
interface PullPlan {
  /** The manifests read, in order: the one named, and an index's entry after it. */
  read: FetchedManifest[];
  /** The artifact manifest whose layers are pulled. */
  fetched: FetchedManifest;
  manifest: ImageManifest;
  layers: Descriptor[];
  picked?: { index: Descriptor; platform: Platform };
}

async function planPull(target: Target, reference: string, options: Pick<PullArtifactOptions, 'platform' | 'compatiblePlatforms' | 'mediaTypes' | 'progress'>): Promise<PullPlan> {
  const root = await target.fetchManifest(reference);
  const rootManifest = parseManifest(root.bytes, `${target.name}:${reference}`, root.descriptor.mediaType);
  let fetched = root;
  let picked: PullPlan['picked'];
  if (isIndex(rootManifest)) {
    // An index of platforms: take the entry a client on the wanted platform would take.
    const entry = pickPlatformEntry(rootManifest, options, `${target.name}:${reference}`);
    picked = { index: root.descriptor, platform: entry.platform! };
    fetched = await target.fetchManifest(entry);
  }
  const manifest = picked ? parseManifest(fetched.bytes, `${target.name}@${fetched.descriptor.digest}`, fetched.descriptor.mediaType) : rootManifest;
  if (isIndex(manifest)) {
    throw new OcikitError('UNSUPPORTED', `${target.name}:${reference} is an index of ${manifest.manifests.length} manifests, not an artifact`, {
      hint: 'pull one of its manifests by digest (`ocikit resolve` / `skopeo inspect --raw` lists them)',
    });
  }
  const layers = selectLayers(manifest, options, target, reference);
  return { read: picked ? [root, fetched] : [root], fetched, manifest, layers, ...(picked ? { picked } : {}) };
}

/**
 * Pulls an artifact's titled layers into a directory. Every layer is downloaded
 * and verified into a staging directory first; only when all of them are in
 * does anything move into place, so a failure leaves the output as it was.
 */
export async function pullArtifact(target: Target, reference: string, options: PullArtifactOptions): Promise<PullArtifactResult> {
  const { fetched, manifest, layers: selected, picked } = await planPull(target, reference, options);
  if (options.outputDir === '-') return { ...(await pullToStdout(target, fetched.descriptor, manifest, selected, options)), ...picked };

  await refuseKnownConflicts(selected, options.outputDir, Boolean(options.keepOldFiles));
  await mkdir(options.outputDir, { recursive: true });
  const staging = await mkdtemp(join(options.outputDir, STAGING_PREFIX));
  try {
    // Each layer stages apart (two directory layers whose titles nest, `docs` and `docs/api`,
    // would race for the same directories), and they merge in layer order once all are in.
    const files = await mapConcurrent(selected, Math.max(1, options.concurrency ?? 3), (layer, index) =>
      stageLayer(target, layer, join(staging, String(index)), options),
    );
    const tree = join(staging, 'tree');
    for (const [index, file] of files.entries()) {
      await moveTreeInto(join(staging, String(index)), tree, { overwrite: false }).catch((error: unknown) => {
        if (!(error instanceof OcikitError) || error.code !== 'INVALID_INPUT') throw error;
        throw new OcikitError('UNSAFE_PATH', `${target.name}:${reference}: layer "${file.title}" writes a path an earlier layer wrote`, {
          detail: error.message,
          hint: 'one layer would overwrite the other; pull them separately',
        });
      });
    }
    await moveTreeInto(tree, options.outputDir, { overwrite: !options.keepOldFiles });
    return {
      ...picked,
      descriptor: fetched.descriptor,
      manifest,
      files: files.map((file) => ({ ...file, path: join(options.outputDir, file.title) })),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Refuses, before a byte is downloaded, a layer that could not land: a file over a
 * directory, and with `keepOldFiles` anything over what exists. What a directory
 * layer holds is only known once it is unpacked; the move checks that, all or nothing.
 */
async function refuseKnownConflicts(layers: readonly Descriptor[], outputDir: string, keepOldFiles: boolean): Promise<void> {
  for (const layer of layers) {
    const destination = join(outputDir, layer.annotations![Annotation.Title]!.replace(/\/+$/, ''));
    const existing = await lstat(destination).catch(() => undefined);
    if (!existing) continue;
    const problem = placementProblem(destination, existing, layer.annotations?.[Annotation.OrasUnpack] === 'true', !keepOldFiles);
    if (problem) throw problem;
  }
}

/**
 * Copies exactly what `pullArtifact` with these options reads from `source` (the
 * manifests, and the layers it would write; not the config, not the other
 * platforms) into `destination`, verified as it goes: a store a later pull can be
 * served from, by the same reference's digest, as from the source.
 */
export async function copyForPull(
  source: Target,
  reference: string,
  destination: Target,
  options: Pick<PullArtifactOptions, 'platform' | 'compatiblePlatforms' | 'mediaTypes' | 'progress' | 'concurrency'> = {},
): Promise<Descriptor> {
  const plan = await planPull(source, reference, options);
  await mapConcurrent(plan.layers, Math.max(1, options.concurrency ?? 3), (layer) => destination.pushBlob(new FetchedBlobSource(source, layer)));
  // Children before what lists them.
  for (const fetched of [...plan.read].reverse()) await destination.pushManifest(fetched.descriptor, fetched.bytes);
  return plan.read[0]!.descriptor;
}

/** The index entry for the wanted platform (default: this machine's), or an error naming what there is. */
function pickPlatformEntry(index: ImageIndex, options: Pick<PullArtifactOptions, 'platform' | 'compatiblePlatforms' | 'progress'>, what: string): Descriptor {
  const wanted = typeof options.platform === 'string' ? parsePlatform(options.platform) : (options.platform ?? hostPlatform());
  const chosen = selectPlatform(index.manifests, wanted, { compatible: Boolean(options.compatiblePlatforms) });
  if (!chosen) {
    const offered = describePlatforms(index.manifests);
    throw new OcikitError('NOT_FOUND', `${what} has no entry for ${platformString(wanted)}${options.platform === undefined ? ' (this machine)' : ''}`, {
      hint: offered.length
        ? `it has ${offered.join(', ')}; pick one with ${optionRef('platform')}${/^arm/.test(wanted.architecture) || wanted.architecture === 'amd64' ? `, or accept an older compatible one with ${optionRef('compatible-platforms')}` : ''}`
        : 'none of its entries names a platform; pull one by digest',
    });
  }
  if (chosen.rank > 0) options.progress?.warning?.(`${what}: no ${platformString(wanted)} entry; taking the compatible ${platformString(chosen.descriptor.platform!)}`);
  return chosen.descriptor;
}

function selectLayers(manifest: ImageManifest, options: Pick<PullArtifactOptions, 'mediaTypes' | 'progress'>, target: Target, reference: string): Descriptor[] {
  const wanted = options.mediaTypes?.length ? new Set(options.mediaTypes) : undefined;
  const titles = new Set<string>();
  const selected: Descriptor[] = [];
  for (const layer of manifest.layers) {
    if (wanted && !wanted.has(layer.mediaType)) continue;
    const title = layer.annotations?.[Annotation.Title];
    if (title === undefined) {
      options.progress?.warning?.(`skipping layer ${layer.digest} of ${target.name}:${reference}: it has no title`);
      continue;
    }
    checkTitle(title);
    // The path it lands on: `./x`, `x/`, `x/.` and `x` are one file.
    const key = title.split('/').filter((part) => part !== '' && part !== '.').join('/');
    if (titles.has(key)) {
      throw new OcikitError('UNSAFE_PATH', `${target.name}:${reference} has two layers titled "${title}"`, {
        hint: `one would overwrite the other; pull them separately with ${optionRef('media-type')}`,
      });
    }
    titles.add(key);
    selected.push(layer);
  }
  if (selected.length === 0) {
    throw new OcikitError('NOT_FOUND', `${target.name}:${reference} has no titled layer${wanted ? ` of type ${[...wanted].join(', ')}` : ''} to pull`, {
      hint: `its layers: ${manifest.layers.map((l) => l.mediaType).join(', ') || 'none'}`,
    });
  }
  return selected;
}

/** Downloads one layer into `staging` (made here): its file, or its tree unpacked. */
async function stageLayer(target: Target, layer: Descriptor, staging: string, options: PullArtifactOptions): Promise<Omit<PulledFile, 'path'>> {
  await mkdir(staging);
  const title = layer.annotations![Annotation.Title]!;
  const unpack = layer.annotations?.[Annotation.OrasUnpack] === 'true';
  const mode = unpack ? undefined : parseFileMode(layer.annotations?.[FILE_MODE_ANNOTATION], title);
  options.progress?.start?.(layer, title, 'download');
  const stream = reportingProgress(await target.fetchBlob(layer), layer, options.progress);
  if (unpack) {
    const extractOptions = {
      root: title,
      ...(layer.annotations?.[Annotation.OrasContentDigest] ? { expectedTarDigest: layer.annotations[Annotation.OrasContentDigest] } : {}),
      ...(options.maxUnpackedBytes ? { maxBytes: options.maxUnpackedBytes } : {}),
    };
    // Entries carry the whole title as their leading path (oras's layout), so they extract into staging
    // itself; nothing may land beside the title.
    await extractTarSafely(stream, staging, extractOptions);
  } else {
    await writeStreamAtomic(join(staging, title), stream);
    if (mode !== undefined) await chmod(join(staging, title), mode);
  }
  options.progress?.done?.(layer, 'downloaded');
  return { title, descriptor: layer, unpacked: unpack };
}

/**
 * A blob stream that reports its bytes to `progress`: by the verifier's own count
 * when the target hands out its VerifyingStream (no extra stream for every chunk
 * to pass through), else through a counting pass-through.
 */
function reportingProgress(stream: Readable, layer: Descriptor, progress: ProgressListener | undefined): Readable {
  const report = progress?.bytes;
  if (!report) return stream;
  if (stream instanceof VerifyingStream && stream.onBytes === undefined) {
    stream.onBytes = (count) => report.call(progress, layer, count);
    return stream;
  }
  return pipeThrough(stream, countingStream(layer, progress));
}

async function pullToStdout(
  target: Target,
  descriptor: Descriptor,
  manifest: ImageManifest,
  selected: Descriptor[],
  options: PullArtifactOptions,
): Promise<PullArtifactResult> {
  if (selected.length !== 1 || !options.stdout) {
    throw new OcikitError('INVALID_INPUT', `-o - writes one file to standard output, but ${selected.length} layers match`, {
      hint: `pick one with ${optionRef('media-type')}`,
    });
  }
  const layer = selected[0]!;
  // Verify before a single byte reaches stdout: it cannot be taken back.
  const spoolDir = await mkdtemp(join(tmpdir(), 'ocikit-stdout-'));
  try {
    const spooled = join(spoolDir, 'blob');
    options.progress?.start?.(layer, layer.annotations![Annotation.Title]!, 'download');
    await writeStreamAtomic(spooled, reportingProgress(await target.fetchBlob(layer), layer, options.progress));
    options.progress?.done?.(layer, 'downloaded');
    await pipeline(createReadStream(spooled), options.stdout, { end: false });
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
  return { descriptor, manifest, files: [{ title: layer.annotations![Annotation.Title]!, descriptor: layer, path: '-', unpacked: false }] };
}
