import { OcikitError, isOcikitError, optionRef } from '../errors.js';
import { isDigest } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import { MediaType, isManifestMediaType } from '../oci/media-types.js';
import type { ProgressListener } from '../progress/progress.js';
import { RemoteRepository } from '../registry/remote-repository.js';
import type { Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { referrersTag, referrersTagSubject } from '../oci/referrers-tag.js';
import type { RemoteReferrers } from '../registry/remote-referrers.js';
import { type InspectedIndex, applyTidy } from './tidy-apply.js';
import { type OwnDescriptors, describedChange, ownDescriptor } from './tidy-own-descriptors.js';
import type { OrphanReferrer, TidiedIndex, TidyReferrersResult } from './tidy-result.js';

export interface TidyReferrersOptions {
  /** Write the changes; without it, only say them (a dry run). */
  apply?: boolean;
  /** Also delete the referrers that only the index of a gone subject lists (and, in turn, their own indexes and referrers). */
  referrers?: boolean;
  /** Indexes read at once (default 8). */
  concurrency?: number;
  progress?: ProgressListener;
}

/** How far a chain of referrers of deleted referrers is followed (as discover's depth). */
const MAX_CASCADE = 32;

/**
 * `ocikit referrers tidy`: repairs the `sha256-<hex>` indexes of the
 * distribution-spec's "Referrers Tag Schema" in a repository (or the one of a
 * subject, `selector` a tag or digest): each entry gets the artifactType and
 * annotations of the referrer's own manifest (older cosign and
 * go-containerregistry wrote entries without them, and policy engines then miss
 * signatures); entries whose manifest is gone and duplicates are dropped; the
 * index of a subject that is gone is deleted, with `referrers` also the
 * referrers only it lists. A dry run unless `apply`. Writes go through the tag
 * schema's one read-modify-write (remote-referrers.ts), so a concurrent attach
 * loses nothing. A registry with the referrers API lists referrers itself:
 * nothing is tidied there, and its `sha256-<hex>` tags are only reported.
 */
export async function tidyReferrers(target: Target, selector: string | undefined, options: TidyReferrersOptions = {}): Promise<TidyReferrersResult> {
  if (!(target instanceof RemoteRepository)) {
    throw new OcikitError('UNSUPPORTED', `${target.name} is no registry repository: an OCI layout lists referrers in its index.json, which has no sha256-<hex> tags to tidy`);
  }
  const schema = target.referrersSchema;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const subjectDigest = selector === undefined ? undefined : isDigest(selector) ? selector : (await target.resolve(selector)).digest;
  let allTags: string[] | undefined;
  const tags = async (): Promise<string[]> => (allTags ??= await target.tags());
  const candidates: Array<{ tag: string; subject: string }> =
    subjectDigest !== undefined
      ? [{ tag: referrersTag(subjectDigest), subject: subjectDigest }]
      : (await tags()).flatMap((tag) => {
          const subject = referrersTagSubject(tag);
          return subject ? [{ tag, subject }] : [];
        });
  const base = { repository: target.name, ...(subjectDigest ? { subject: subjectDigest } : {}), applied: false, indexes: [], referrers: [], changes: 0, failed: 0, refused: 0 };

  const probe = candidates[0]?.subject;
  if (probe !== undefined && (await schema.listsByApi(subjectOf(probe)))) {
    const present = subjectDigest === undefined ? candidates : (await schema.readTagIndex(subjectOf(subjectDigest))).state === 'absent' ? [] : candidates;
    return { ...base, via: 'api', unusedTags: present.map((c) => c.tag) };
  }
  if (probe === undefined && schema.mode === 'api') return { ...base, via: 'api', unusedTags: [] };

  const own: OwnDescriptors = new Map();
  const inspected = (await mapConcurrent(candidates, concurrency, (c) => inspectIndex(target, schema, c.tag, c.subject, own))).filter((i) => i !== undefined);
  const referrers = await orphanReferrers(target, schema, inspected, own, tags, subjectDigest === undefined, options);
  const result: TidyReferrersResult = { ...base, via: 'tag', indexes: inspected.map((i) => i.report), referrers };
  result.changes = result.indexes.filter((i) => i.action === 'repair' || i.action === 'delete').length + referrers.filter((r) => r.action === 'delete').length;
  if (options.apply && result.changes > 0) {
    await applyTidy(target, schema, inspected, referrers, concurrency, options.progress);
    result.applied = true;
    const outcomes = [...result.indexes, ...referrers].map((r) => r.outcome);
    result.failed = outcomes.filter((o) => o === 'failed').length;
    result.refused = outcomes.filter((o) => o === 'refused').length;
  }
  return result;
}

/** A subject known by digest only: all the tag schema and a HEAD need of it. */
function subjectOf(digest: string): Descriptor {
  return { mediaType: MediaType.ImageManifest, digest: digest as Descriptor['digest'], size: 0 };
}

/** What one `sha256-<hex>` tag names and what it needs: undefined when there is no such tag. */
async function inspectIndex(target: RemoteRepository, schema: RemoteReferrers, tag: string, subjectDigest: string, own: OwnDescriptors): Promise<InspectedIndex | undefined> {
  const subject = subjectOf(subjectDigest);
  const read = await schema.readTagIndex(subject);
  const report: TidiedIndex = { tag, subject: subjectDigest, ...(read.digest ? { index: read.digest } : {}), action: 'keep', described: [], dropped: [] };
  const inspected: InspectedIndex = { report, subject, entries: read.manifests, describe: [] };
  if (read.state === 'absent') return undefined;
  if (read.state === 'subject') return leave(inspected, 'the registry answers this tag with the subject itself (GitLab): it keeps no index there');
  if (read.state === 'foreign') return leave(inspected, `it names a ${read.mediaType ?? 'manifest'}, not a referrers index; tidy changes only referrers indexes`);
  if (!(await target.exists(subject))) {
    report.action = 'delete';
    report.reason = `its subject ${subjectDigest} is gone`;
    return inspected;
  }
  const seen = new Set<string>();
  for (const entry of read.manifests) {
    if (seen.has(entry.digest)) {
      report.dropped.push({ digest: entry.digest, why: 'duplicate' });
      continue;
    }
    seen.add(entry.digest);
    // An entry that names no manifest is no referrer: the index keeps it as another writer left it.
    if (!isManifestMediaType(entry.mediaType)) continue;
    const found = await ownDescriptor(target, own, entry.digest);
    if (found === 'gone') {
      report.dropped.push({ digest: entry.digest, why: 'gone' });
      continue;
    }
    if (found === 'unreadable') continue;
    const described = describedChange(entry, found.descriptor);
    if (described) {
      report.described.push(described.change);
      inspected.describe.push(described.wanted);
    }
  }
  if (report.described.length > 0 || report.dropped.length > 0) report.action = 'repair';
  return inspected;
}

function leave(inspected: InspectedIndex, reason: string): InspectedIndex {
  inspected.report.action = 'leave';
  inspected.report.reason = reason;
  return inspected;
}

/**
 * The referrers that the indexes of gone subjects list. With `referrers`, each
 * whose manifest names that subject, that no other index lists and no tag
 * names is deleted, and so, in turn, is its own index (its subject goes with
 * it) and what only that lists; the others are kept and say why.
 */
async function orphanReferrers(
  target: RemoteRepository,
  schema: RemoteReferrers,
  inspected: InspectedIndex[],
  own: OwnDescriptors,
  tags: () => Promise<string[]>,
  wholeRepository: boolean,
  options: TidyReferrersOptions,
): Promise<OrphanReferrer[]> {
  const orphans: OrphanReferrer[] = [];
  const considered = new Set<string>();
  let tagged: Map<string, string> | undefined;
  let level = inspected.filter((i) => i.report.action === 'delete');
  for (let depth = 0; level.length > 0 && depth < MAX_CASCADE; depth++) {
    const next: InspectedIndex[] = [];
    for (const index of level) {
      for (const entry of index.entries) {
        if (considered.has(entry.digest) || !isManifestMediaType(entry.mediaType)) continue;
        considered.add(entry.digest);
        const found = await ownDescriptor(target, own, entry.digest);
        if (found === 'gone' || found === 'unreadable') continue;
        const orphan: OrphanReferrer = {
          digest: entry.digest,
          mediaType: found.descriptor.mediaType,
          ...(found.descriptor.artifactType ? { artifactType: found.descriptor.artifactType } : {}),
          subject: index.subject.digest,
          action: 'keep',
        };
        orphans.push(orphan);
        if (!options.referrers) {
          orphan.reason = `only ${optionRef('referrers')} deletes the referrers of a gone subject`;
          continue;
        }
        if (found.subject !== index.subject.digest) {
          orphan.reason = `its manifest names ${found.subject ? `another subject, ${found.subject}` : 'no subject'}`;
          continue;
        }
        const alsoListed = inspected.find((i) => i.report.action !== 'delete' && i.entries.some((e) => e.digest === entry.digest));
        if (alsoListed) {
          orphan.reason = `the index ${alsoListed.report.tag} lists it too`;
          continue;
        }
        tagged ??= await taggedManifests(target, await tags());
        const tag = tagged.get(entry.digest);
        if (tag !== undefined) {
          orphan.reason = `the tag ${tag} names it`;
          continue;
        }
        orphan.action = 'delete';
        // Its own index goes with it: its subject (this referrer) is deleted.
        const ownTag = referrersTag(entry.digest);
        const known = inspected.find((i) => i.report.tag === ownTag);
        const cascaded = known ?? (wholeRepository ? undefined : await inspectIndex(target, schema, ownTag, entry.digest, own));
        if (cascaded && cascaded.report.action !== 'leave' && cascaded.report.action !== 'delete') {
          cascaded.report.action = 'delete';
          cascaded.report.reason = `its subject ${entry.digest} is deleted with it (a referrer of the gone ${index.subject.digest})`;
          cascaded.report.described = [];
          cascaded.report.dropped = [];
          cascaded.describe = [];
          cascaded.cascaded = true;
          if (!known) inspected.push(cascaded);
          next.push(cascaded);
        }
      }
    }
    level = next;
  }
  return orphans;
}

/**
 * The digest each ordinary tag names (not the tag schema's `sha256-<hex>` tags),
 * read a few at a time: a referrer a tag names is kept, since deleting a
 * manifest deletes every tag that names it.
 */
async function taggedManifests(target: RemoteRepository, tags: string[]): Promise<Map<string, string>> {
  const byDigest = new Map<string, string>();
  const ordinary = tags.filter((tag) => referrersTagSubject(tag) === undefined);
  await mapConcurrent(ordinary, 8, async (tag) => {
    try {
      const { digest } = await target.resolve(tag);
      if (!byDigest.has(digest)) byDigest.set(digest, tag);
    } catch (error) {
      if (!isOcikitError(error, 'NOT_FOUND')) throw error; // deleted since the list was read
    }
  });
  return byDigest;
}
