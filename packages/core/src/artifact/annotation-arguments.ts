/**
 * `key=value` annotation arguments (`--annotation`, the `annotations` input), with
 * Docker's level prefixes as docker/metadata-action and buildx write them:
 * `manifest:`, `index:`, `manifest-descriptor:`, `index-descriptor:`, several at
 * once (`index,manifest:`) and a platform for a per-platform level
 * (`manifest[linux/arm64]:`). A prefix says where the annotation goes; a verb
 * takes it there or refuses it, and never keeps the prefix as part of the key.
 */
import { OcikitError, optionRef } from '../errors.js';
import type { Platform } from '../oci/manifest.js';
import { parsePlatform, platformString } from '../platform/platform.js';

export const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'] as const;
export type AnnotationLevel = (typeof ANNOTATION_LEVELS)[number];

export interface AnnotationArgument {
  key: string;
  value: string;
  /** Where the prefix puts it; none: the verb's own place for an annotation. */
  levels?: AnnotationLevel[];
  /** Only for these platforms' manifests (`manifest[linux/arm64]:`). */
  platforms?: Platform[];
}

const PREFIX = /^([a-z,-]+)(?:\[([^\]]*)\])?:(.*)$/s;

/** One `[levels[platforms]:]key=value` argument. */
export function parseAnnotationArgument(text: string): AnnotationArgument {
  const eq = text.indexOf('=');
  const bad = (): never => {
    throw new OcikitError('INVALID_INPUT', `annotation "${text}" is not key=value`, {
      hint: `e.g. ${optionRef('annotation')} org.opencontainers.image.source=https://github.com/org/repo`,
    });
  };
  if (eq <= 0) bad();
  const name = text.slice(0, eq);
  const value = text.slice(eq + 1);
  const prefixed = PREFIX.exec(name);
  const words = prefixed?.[1]!.split(',') ?? [];
  // A key may hold a colon of its own (`com.example:build`): only Docker's four words make a prefix.
  if (!prefixed || !words.every((word) => (ANNOTATION_LEVELS as readonly string[]).includes(word))) {
    if (/[[\]]/.test(name)) bad();
    return { key: name, value };
  }
  const key = prefixed[3]!;
  if (key === '') bad();
  const platforms = prefixed[2]?.split(',').map((p) => parsePlatform(p.trim()));
  return { key, value, levels: [...new Set(words as AnnotationLevel[])], ...(platforms ? { platforms } : {}) };
}

export function parseAnnotationArgumentList(values: readonly string[]): AnnotationArgument[] {
  return values.map(parseAnnotationArgument);
}

/** The user's map as arguments with no prefix (what a CI run adds, for a verb that takes levels). */
export function unprefixedAnnotations(annotations: Record<string, string>): AnnotationArgument[] {
  return Object.entries(annotations).map(([key, value]) => ({ key, value }));
}

/** What a verb writes: the levels it has a place for, and whether it makes per-platform manifests. */
export interface AnnotationPlaces {
  verb: string;
  /** Where an annotation without a prefix goes, as the verb says it in its help. */
  levels: readonly AnnotationLevel[];
  perPlatform?: boolean;
}

const WHAT_WRITES: Record<AnnotationLevel, string> = {
  manifest: 'push, attach, sign and release write manifests',
  index: 'index create and release write an index',
  'manifest-descriptor': 'release writes an index whose entries are its manifests',
  'index-descriptor': "no ocikit verb writes a descriptor of an index (it would live in an OCI layout's index.json or a parent index)",
};

/** Refuses an argument whose prefix names a level or platform the verb has no place for. */
export function checkAnnotationPlaces(argument: AnnotationArgument, places: AnnotationPlaces): void {
  for (const level of argument.levels ?? []) {
    if (places.levels.includes(level)) continue;
    throw new OcikitError('INVALID_INPUT', `annotation ${level}:${argument.key} has nowhere to go: ${places.verb} writes no ${level.replace('-', ' ')}`, {
      hint: `${WHAT_WRITES[level]}; drop the ${level}: prefix to annotate what ${places.verb} writes (${places.levels.join(', ')})`,
    });
  }
  if (argument.platforms && !places.perPlatform) {
    throw new OcikitError('INVALID_INPUT', `annotation ${argument.key} names platforms (${argument.platforms.map(platformString).join(', ')}), and ${places.verb} writes one manifest for none`, {
      hint: 'drop the [platform] part; release writes a manifest per platform',
    });
  }
}

/** The verbs that write one thing: a manifest (push, attach, sign) or an index (index). */
export type SingleAnnotationVerb = 'push' | 'attach' | 'sign' | 'index';

/**
 * The annotations of a verb that writes one thing: unprefixed keys and those
 * prefixed with its level; any other prefix is refused with where it could go.
 */
export function parseAnnotationArguments(values: readonly string[], verb: SingleAnnotationVerb): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const argument of parseAnnotationArgumentList(values)) {
    checkAnnotationPlaces(argument, { verb, levels: [verb === 'index' ? 'index' : 'manifest'] });
    annotations[argument.key] = argument.value;
  }
  return annotations;
}
