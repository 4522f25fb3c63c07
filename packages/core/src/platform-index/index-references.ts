/**
 * The `ocikit index create|add|remove` verbs on references: `<src-ref>[=os/arch[/variant]]`
 * arguments parsed, every repository of one registry spoken to through one
 * client (one token covers reading the sources and writing the index, which a
 * cross-repository mount needs), everything closed at the end.
 */
import { OcikitError } from '../errors.js';
import { type Digest, isDigest } from '../oci/digest.js';
import type { Platform } from '../oci/manifest.js';
import { parsePlatform } from '../platform/platform.js';
import { type Reference, extraTag, parseReference, pushTags, referenceSelector, withSelector } from '../reference/reference.js';
import type { OpenTargetOptions } from '../stores/open-target.js';
import { withTargetPool } from '../stores/target-pool.js';
import type { Target } from '../target/target.js';
import { type AssembleIndexResult, type IndexSource, type UpdateIndexOptions, addToIndex, assembleIndex, removeFromIndex } from './assemble-index.js';

export interface IndexSourceArgument {
  reference: Reference;
  platform?: Platform;
}

/**
 * `<ref>[=os/arch[/variant]]`. References cannot contain `=`, so the first one
 * starts the platform. `:tag` and `@digest` alone name a manifest in the
 * index's own repository.
 */
export function parseIndexSourceArgument(argument: string, destination: Reference): IndexSourceArgument {
  const eq = argument.indexOf('=');
  const refText = eq < 0 ? argument : argument.slice(0, eq);
  const platform = eq < 0 ? undefined : parsePlatform(argument.slice(eq + 1));
  let reference: Reference;
  if (refText.startsWith(':')) reference = withSelector(destination, { tag: refText.slice(1) });
  else if (refText.startsWith('@')) reference = withSelector(destination, { digest: refText.slice(1) });
  else reference = parseReference(refText);
  return { reference, ...(platform ? { platform } : {}) };
}

/** A platform (`os/arch[/variant]`) or a digest, as `index remove` takes them. */
export function parseIndexRemoval(argument: string): Platform | Digest {
  return isDigest(argument) ? argument : parsePlatform(argument);
}

export interface IndexReferenceOptions extends Omit<OpenTargetOptions, 'create' | 'client'>, UpdateIndexOptions {
  /** More tags for the index, besides the one its reference names. */
  tags?: string[];
}

export interface IndexReferenceResult extends AssembleIndexResult {
  reference: Reference;
}

/** `ocikit index create <dst-ref> <src-ref>[=platform]...` */
export async function createIndexFromReferences(destination: string | Reference, sources: string[], options: IndexReferenceOptions = {}): Promise<IndexReferenceResult> {
  const to = typeof destination === 'string' ? parseReference(destination) : destination;
  if (to.digest !== undefined) {
    throw new OcikitError('INVALID_INPUT', `the index reference names a digest (${to.digest}); an index gets the digest of its content`, {
      hint: 'name it by tag (registry/app:v1), or by repository alone for :latest',
    });
  }
  const parsed = sources.map((source) => parseIndexSourceArgument(source, to));
  const tags = pushTags(to, options.tags); // checked before any request
  return withTargetPool(options, async (pool) => {
    const target = await pool.open(to, true);
    const resolved = await Promise.all(parsed.map(async (s) => source(await pool.open(s.reference), s)));
    const result = await assembleIndex(target, resolved, tags, options);
    return { ...result, reference: to };
  });
}

/** `ocikit index add <index-ref> <src-ref>[=platform]...` */
export async function addToIndexByReference(index: string | Reference, sources: string[], options: IndexReferenceOptions = {}): Promise<IndexReferenceResult> {
  const at = typeof index === 'string' ? parseReference(index) : index;
  const parsed = sources.map((source) => parseIndexSourceArgument(source, at));
  const tags = options.tags?.map((tag) => extraTag(at, tag)); // checked before any request
  return withTargetPool(options, async (pool) => {
    const target = await pool.open(at);
    const resolved = await Promise.all(parsed.map(async (s) => source(await pool.open(s.reference), s)));
    const result = await addToIndex(target, referenceSelector(at), resolved, { ...options, ...(tags ? { tags } : {}) });
    return { ...result, reference: at };
  });
}

/** `ocikit index remove <index-ref> <platform|digest>...` */
export async function removeFromIndexByReference(index: string | Reference, removals: string[], options: IndexReferenceOptions = {}): Promise<IndexReferenceResult> {
  const at = typeof index === 'string' ? parseReference(index) : index;
  const remove = removals.map(parseIndexRemoval);
  const tags = options.tags?.map((tag) => extraTag(at, tag)); // checked before any request
  return withTargetPool(options, async (pool) => {
    const target = await pool.open(at);
    const result = await removeFromIndex(target, referenceSelector(at), remove, { ...options, ...(tags ? { tags } : {}) });
    return { ...result, reference: at };
  });
}

function source(target: Target, argument: IndexSourceArgument): IndexSource {
  return { target, selector: referenceSelector(argument.reference), ...(argument.platform ? { platform: argument.platform } : {}) };
}


