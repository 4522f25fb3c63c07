/**
 * Binaries released per platform in one step: one artifact per platform (its
 * config records the platform, its layer is the file with its name and, for
 * an executable, its mode), then the index over them, so that `ocikit pull
 * <ref>` on any machine takes the file for that machine.
 */
import { posix } from 'node:path';
import { type AnnotationArgument, type AnnotationLevel, checkAnnotationPlaces } from '../artifact/annotation-arguments.js';
import { type ArtifactFileInput, parseFileArgument, titleForPath } from '../artifact/artifact-inputs.js';
import { type PushArtifactResult, DEFAULT_ARTIFACT_TYPE, pushArtifact } from '../artifact/push-artifact.js';
import { OcikitError, optionRef } from '../errors.js';
import { readTagMoves } from '../manifests/tag-moves.js';
import { checkTag } from '../reference/reference.js';
import type { Descriptor, ImageIndex, Platform } from '../oci/manifest.js';
import { buildIndexDocument } from '../platform-index/assemble-index.js';
import { entryOf } from '../platform-index/index-entries.js';
import { samePlatform } from '../platform/match.js';
import { canonicalPlatform, platformString, parsePlatform } from '../platform/platform.js';
import { type ProgressListener, storedOutcome } from '../progress/progress.js';
import type { Target } from '../target/target.js';
import { pushTagged } from '../target/push-tagged.js';

export interface ReleaseFile extends ArtifactFileInput {
  platform: Platform;
}

export interface ReleaseOptions {
  files: ReleaseFile[];
  /** Tags for the index: the first is pushed, the rest tagged after. Empty: by digest only. */
  tags: string[];
  /** The artifact type of every per-platform artifact (default oras's `application/vnd.unknown.artifact.v1`). */
  artifactType?: string;
  /**
   * Without a prefix: of every per-platform manifest and of the index; `manifest:`,
   * `index:` and `manifest-descriptor:` (the index's entry for a manifest) put one
   * where it says, for every platform or those in brackets.
   */
  annotations?: readonly AnnotationArgument[];
  /** Fixes `org.opencontainers.image.created` (SOURCE_DATE_EPOCH), for reproducible digests. */
  sourceDateEpoch?: number;
  /** Let two files share a platform (clients take the first). */
  allowDuplicates?: boolean;
  /** Refuse when a tag already names a manifest (`--no-overwrite`), before anything is pushed. */
  noOverwrite?: boolean;
  concurrency?: number;
  progress?: ProgressListener;
}

export interface ReleaseResult {
  descriptor: Descriptor;
  index: ImageIndex;
  tags: string[];
  /** One per file, in the order given, each with the index entry it got. */
  artifacts: Array<{ file: ReleaseFile; entry: Descriptor; result: PushArtifactResult }>;
}

/** `path[:mediaType]=os/arch[/variant]`; the last `=` starts the platform (paths may contain `=`). */
export function parseReleaseArgument(argument: string): ReleaseFile {
  const eq = argument.lastIndexOf('=');
  if (eq <= 0) {
    throw new OcikitError('INVALID_INPUT', `"${argument}" names no platform`, {
      hint: 'write each file as path=os/arch[/variant], e.g. dist/tool-linux-arm64=linux/arm64',
    });
  }
  const file = parseFileArgument(argument.slice(0, eq));
  if (file.path === '-') throw new OcikitError('INVALID_INPUT', 'release takes files, not standard input');
  return { ...file, platform: parsePlatform(argument.slice(eq + 1)) };
}

/**
 * Pushes each file as an artifact for its platform (by digest), then the
 * index that lists them under `tags`. Everything is checked before the first
 * byte goes out: platforms (two files for one platform are refused unless
 * allowed), tags, the artifact type.
 */
export async function releaseArtifacts(target: Target, options: ReleaseOptions): Promise<ReleaseResult> {
  if (options.files.length === 0) {
    throw new OcikitError('INVALID_INPUT', 'nothing to release', { hint: 'name the files, each as path=os/arch[/variant]' });
  }
  options.tags.forEach((tag) => checkTag(tag));
  const annotations = releaseAnnotations(options.annotations ?? [], options.files);
  if (!options.allowDuplicates) {
    options.files.forEach((file, i) => {
      const earlier = options.files.slice(0, i).find((other) => samePlatform(other.platform, file.platform));
      if (earlier) {
        throw new OcikitError('INVALID_INPUT', `${earlier.path} and ${file.path} are both for ${platformString(file.platform)}`, {
          hint: `clients take the first entry that matches, so the second would never be pulled by platform; fix the platforms, or pass ${optionRef('allow-duplicates')} if that order is meant`,
        });
      }
    });
  }

  const tagMoves = await readTagMoves(target, options.tags, { ...(options.noOverwrite ? { noOverwrite: true } : {}), ...(options.progress ? { progress: options.progress } : {}) });

  const artifacts: ReleaseResult['artifacts'] = [];
  for (const file of options.files) {
    const result = await pushArtifact(target, {
      // A binary is pulled onto a machine by itself: by its name, not the build tree's path (dist/tool-linux-amd64).
      files: [{ path: file.path, title: posix.basename(titleForPath(file.path)), ...(file.mediaType ? { mediaType: file.mediaType } : {}) }],
      tags: [],
      platform: canonicalPlatform(file.platform),
      ...(options.artifactType ? { artifactType: options.artifactType } : {}),
      annotations: annotations.of('manifest', file.platform),
      ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    const entry = entryOf(
      { ...result.descriptor, artifactType: result.manifest.artifactType ?? DEFAULT_ARTIFACT_TYPE },
      file.platform,
      annotations.of('manifest-descriptor', file.platform),
    );
    artifacts.push({ file, entry, result });
  }

  const created = artifacts[0]!.result.manifest.annotations?.['org.opencontainers.image.created'];
  const document = buildIndexDocument(
    artifacts.map((a) => a.entry),
    { annotations: annotations.of('index', undefined), ...(created ? { created } : {}) },
  );
  const [first] = options.tags;
  options.progress?.start?.(document.descriptor, `index${first ? ` ${first}` : ''}`, target.storing);
  await pushTagged(target, document.descriptor, document.bytes, options.tags);
  options.progress?.done?.(document.descriptor, storedOutcome(target.storing));
  await tagMoves.report(document.descriptor);
  return { descriptor: document.descriptor, index: document.index, tags: options.tags, artifacts };
}

type ReleaseLevel = Exclude<AnnotationLevel, 'index-descriptor'>;

/**
 * Where each annotation goes: an unprefixed one on every manifest and the index,
 * a prefixed one where its prefix says. Checked before anything is pushed: a
 * level release does not write, or a platform none of the files is for, is refused.
 */
function releaseAnnotations(
  list: readonly AnnotationArgument[],
  files: readonly ReleaseFile[],
): { of(level: ReleaseLevel, platform: Platform | undefined): Record<string, string> } {
  for (const argument of list) {
    checkAnnotationPlaces(argument, { verb: 'release', levels: ['manifest', 'index', 'manifest-descriptor'], perPlatform: true });
    if (argument.platforms && argument.levels?.includes('index')) {
      throw new OcikitError('INVALID_INPUT', `annotation index[...]:${argument.key} names platforms, and the index is one for all of them`, {
        hint: 'drop the [platform] part of an index: annotation, or write manifest[platform]: to annotate one platform\'s manifest',
      });
    }
    for (const platform of argument.platforms ?? []) {
      if (!files.some((file) => samePlatform(file.platform, platform))) {
        throw new OcikitError('INVALID_INPUT', `annotation ${argument.key} is for ${platformString(platform)}, and no file is`, {
          hint: `the files are for ${files.map((f) => platformString(f.platform)).join(', ')}`,
        });
      }
    }
  }
  return {
    of(level, platform) {
      const annotations: Record<string, string> = {};
      for (const argument of list) {
        const levels = argument.levels ?? ['manifest', 'index'];
        if (!levels.includes(level)) continue;
        if (argument.platforms && !(platform && argument.platforms.some((p) => samePlatform(p, platform)))) continue;
        annotations[argument.key] = argument.value;
      }
      return annotations;
    },
  };
}
