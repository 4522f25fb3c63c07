import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { OcikitError, isOcikitError, optionRef } from '../errors.js';
import { digestOf, isDigest, verifyBytes } from '../oci/digest.js';
import { type Descriptor, MAX_MANIFEST_BYTES, type Manifest, encodeManifest, isIndex, parseManifest } from '../oci/manifest.js';
import { MediaType, isManifestMediaType } from '../oci/media-types.js';
import { MANIFEST_ACCEPT } from './manifest-accept.js';
import { readBounded } from '../util/read-bounded.js';
import type { RegistryClient, RegistryResponse } from './registry-client.js';
import { type PageLimits, PageWalk } from './page-walk.js';
import { immutableTagError, isImmutableTagRefusal } from './immutable-tag.js';
import { registryAnswer, registryError } from './registry-error.js';
import { repositoryScope } from './scope.js';
import type { ReferrersListing, ReferrersQuery, RegistryReferrerListing } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { filterByArtifactType, listsConfigTypeAsArtifactType, parseReferrersList, referrerDescriptor, referrersIndex } from '../oci/referrer-descriptor.js';
import { referrersTag } from '../oci/referrers-tag.js';

/**
 * How referrers are found and recorded on a registry, as oras's
 * `--distribution-spec`: `auto` detects (the API where the registry has it, the
 * tag schema where not), `api` uses only the OCI 1.1 referrers API
 * (`v1.1-referrers-api`), `tag` only the `sha256-<hex>` tag schema
 * (`v1.1-referrers-tag`).
 */
export type ReferrersMode = 'auto' | 'api' | 'tag';
export const REFERRERS_MODES: readonly ReferrersMode[] = ['auto', 'api', 'tag'];

export function parseReferrersMode(value: string): ReferrersMode {
  if ((REFERRERS_MODES as readonly string[]).includes(value)) return value as ReferrersMode;
  throw new OcikitError('INVALID_INPUT', `"${value}" is not a referrers mode`, {
    hint: 'use auto (detect), api (the OCI 1.1 referrers API) or tag (the sha256-<hex> tag schema)',
  });
}

export interface RemoteReferrersOptions {
  referrersMode?: ReferrersMode;
  /**
   * How long to wait after writing a tag-schema index before reading it back to
   * confirm it (default: three times the write's own round trip, at least
   * 250 ms, at most 2 s, plus jitter). A writer that read before ours and
   * writes after it would have done so by then, and its loss of our entry shows.
   */
  referrersSettleMs?: number;
  /** Read-modify-write rounds of one tag-schema update before giving up (default 30). */
  referrersMaxAttempts?: number;
  onWarning?: (message: string) => void;
}

/** How a registry lists a referrer (the type is the stores', target/target.ts). */
export type ReferrersUpdate = RegistryReferrerListing;

/** The parts of a remote repository this needs: raw requests, no referrers logic of its own. */
export interface ReferrersRepository {
  readonly name: string;
  readonly client: RegistryClient;
  readonly reference: { repository: string };
}

/** What a subject's `sha256-<hex>` tag names, as read. */
export interface ReferrersTagIndex {
  /** absent: no such tag; subject: the registry answered with the subject itself (GitLab); foreign: some other manifest. */
  state: 'absent' | 'index' | 'subject' | 'foreign';
  digest?: Descriptor['digest'];
  etag?: string;
  mediaType?: string;
  /** The index's entries as they are (other clients' entries kept). */
  manifests: Descriptor[];
}

/**
 * A repair of a tag-schema index that other writers may be changing at the same
 * time (`referrers tidy`): it never adds an entry, so an entry another writer
 * removed meanwhile stays removed.
 */
export interface ReferrersIndexRepair {
  /** Entries to rewrite in place (by digest) where the index lists them: the referrer's own descriptor. */
  describe?: Descriptor[];
  /** Entries to take out (their manifests are gone). */
  drop?: string[];
  /** Keep one entry per digest (the first). */
  dedupe?: boolean;
}

/** What happened to a `sha256-<hex>` index asked to be deleted (its subject is gone). */
export type ReferrersIndexDeletion =
  | { outcome: 'deleted' }
  /** Another writer tagged a new index meanwhile: that one stays. */
  | { outcome: 'rewritten'; index: string }
  /** The registry refused the delete (GHCR, Docker Hub): its status and its own words. */
  | { outcome: 'refused'; status: number; answer: string };

interface Change extends ReferrersIndexRepair {
  add?: Descriptor;
  remove?: string;
}

/** The changes of one batch, merged: later changes win over earlier ones for a digest. */
interface MergedChanges {
  adds: Map<string, Descriptor>;
  removes: Set<string>;
  describes: Map<string, Descriptor>;
  dedupe: boolean;
}

interface Pending {
  change: Change;
  resolve(update: ReferrersUpdate): void;
  reject(error: unknown): void;
}

/**
 * What the referrers path answered: the list, no such API, or (404
 * NAME_UNKNOWN) a repository the registry does not know, which tells nothing
 * about the API: go-containerregistry's registry has one and answers so.
 */
type ApiAnswer = Descriptor[] | 'no-api' | 'no-repository';

const REFERRERS_PAGE_LIMIT = MAX_MANIFEST_BYTES;
/** What one subject's referrers list may make ocikit hold (a registry whose pages never end must not). */
const REFERRERS_LIMITS: PageLimits = { pages: 1000, bytes: 64 * 1024 * 1024, entries: 100_000 };
const DEFAULT_MAX_ATTEMPTS = 30;
const UPDATE_BUDGET_MS = 5 * 60_000;
/** Statuses with which a registry without the API answers the referrers path (besides the 404 of the spec). */
const NO_API_STATUSES = new Set([400, 404, 405, 406, 501, 301, 302, 303, 307, 308]);

/**
 * The referrers of a remote repository: listed from the OCI 1.1 referrers API
 * where the registry has it, else from the index under the `sha256-<hex>` tag
 * (distribution-spec 1.1, "Unavailable Referrers API"), which this also
 * maintains when manifests with a subject are pushed or deleted.
 *
 * The tag schema is a read-modify-write of one manifest that concurrent CI
 * jobs race on. Every update is confirmed: after writing, the index is read
 * back once the write has settled, and written again (bounded) until every
 * referrer this process added is in it and every one it removed is not.
 * Where the registry sends an `ETag`, the write carries `If-Match`, so a
 * registry that honours it refuses a stale write outright (412). Updates for
 * one subject from this process are batched into one write.
 */
export class RemoteReferrers {
  /**
   * In auto mode, whether the registry has the referrers API; undefined until a
   * request tells. The api and tag modes never read it: they go by the mode.
   */
  apiAvailable: boolean | undefined;
  private readonly queues = new Map<string, { pending: Pending[]; running: boolean }>();
  private readonly outcomes = new Map<string, ReferrersUpdate>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly repository: ReferrersRepository,
    private readonly options: RemoteReferrersOptions = {},
  ) {}

  get mode(): ReferrersMode {
    return this.options.referrersMode ?? 'auto';
  }

  private get repo(): string {
    return this.repository.reference.repository;
  }

  /** How the referrer with this digest was listed by a push or delete of this process. */
  outcome(digest: string): ReferrersUpdate | undefined {
    return this.outcomes.get(digest);
  }

  async list(subject: Descriptor, query: ReferrersQuery = {}): Promise<ReferrersListing> {
    if (this.mode !== 'tag' && this.apiAvailable !== false) {
      const listed = await this.listViaApi(subject, query);
      if (Array.isArray(listed)) return { manifests: listed, via: 'api' };
      if (listed === 'no-repository') {
        // No repository, no referrers; whether the API is there stays open for when the repository is.
        if (this.mode === 'api') return { manifests: [], via: 'api' };
      } else {
        if (this.mode === 'api') throw this.noApi(subject);
        this.apiAvailable = false;
      }
    }
    const index = await this.readTagIndex(subject);
    // Only an index has entries (readTagIndex gives every other state none).
    const manifests = index.manifests.filter((d) => isManifestMediaType(d.mediaType));
    return { manifests: filterByArtifactType(manifests, query.artifactType), via: 'tag' };
  }

  /**
   * After a manifest was stored: record it as a referrer of its subject where
   * the registry does not. `ociSubject` is the push response's `OCI-Subject`.
   */
  async afterPush(descriptor: Descriptor, manifest: Manifest, ociSubject: string | undefined): Promise<ReferrersUpdate | undefined> {
    const subject = manifest.subject;
    if (!subject) return undefined;
    let update: ReferrersUpdate;
    if (this.mode === 'api') {
      if (!ociSubject) this.warnOnce('no-oci-subject', `${this.repository.name} did not confirm the subject of ${descriptor.digest} (no OCI-Subject header); with ${optionRef('referrers-mode')} api no sha256-<hex> tag is written`);
      update = { via: 'api' };
    } else if (this.mode === 'auto' && ociSubject && (await this.probeApi(subject))) {
      update = { via: 'api' };
    } else {
      if (this.mode === 'auto' && ociSubject) {
        this.warnOnce('oci-subject-without-api', `${this.repository.name} answered OCI-Subject but has no referrers API; keeping the ${referrersTag(subject.digest)} tag index too`);
      }
      update = await this.enqueue(subject, { add: referrerDescriptor(descriptor, manifest) });
    }
    this.outcomes.set(descriptor.digest, update);
    return update;
  }

  /** After a manifest with a subject was deleted: take it out of the tag schema's index where that is what lists it. */
  async afterDelete(descriptor: Descriptor, manifest: Manifest): Promise<ReferrersUpdate | undefined> {
    const subject = manifest.subject;
    if (!subject || this.mode === 'api') return undefined;
    let update: ReferrersUpdate | undefined;
    if (this.mode === 'auto' && (await this.probeApi(subject))) {
      // The registry has dropped it from its API answer. One that sent no OCI-Subject on the push
      // (go-containerregistry's) had clients keep the tag index as well: the entry goes from there too.
      const index = await this.readTagIndex(subject);
      if (!index.manifests.some((d) => d.digest === descriptor.digest)) update = { via: 'api' };
    }
    // Recorded whichever lists it now: outcome() answers for a delete as for a push.
    update ??= await this.enqueue(subject, { remove: descriptor.digest });
    this.outcomes.set(descriptor.digest, update);
    return update;
  }

  /**
   * A registry that refuses a manifest as MANIFEST_INVALID because of its
   * artifactType (GitLab keeps an allow-list) is told apart here, so the error
   * says what to change rather than "manifest invalid".
   */
  explainRefusal(error: OcikitError, manifest: Manifest | undefined): OcikitError {
    if (!manifest || error.status !== 400 || !error.detail?.includes('MANIFEST_INVALID')) return error;
    const type = manifest.artifactType ?? (isIndex(manifest) ? undefined : manifest.config.mediaType);
    const standard = [MediaType.ImageConfig, MediaType.DockerConfig] as string[];
    if (!type || standard.includes(type)) return error;
    return new OcikitError('UNSUPPORTED', `${this.repository.name} refused the manifest as invalid (MANIFEST_INVALID): the registry does not accept the artifact type "${type}"`, {
      detail: error.detail,
      hint:
        `some registries (GitLab among them) accept only artifact types on an allow-list; use one it accepts (${optionRef('artifact-type')}, or the file's media type), ` +
        'ask its operator to allow this one, or push to a registry that takes any (GHCR, Docker Hub, Harbor, zot)',
      status: 400,
      cause: error,
    });
  }

  /**
   * Whether referrers of this repository are listed by the registry's API rather
   * than the tag schema (`referrers tidy` asks before it touches any tag). Any
   * digest will do to ask, the subject need not exist.
   */
  async listsByApi(subject: Descriptor): Promise<boolean> {
    if (this.mode === 'api') return true;
    if (this.mode === 'tag') return false;
    return this.probeApi(subject);
  }

  /**
   * Repairs the subject's tag-schema index (`referrers tidy`): the same
   * read-modify-write, If-Match, read-back and retries as a push or delete of a
   * referrer, so a concurrent `attach` loses nothing and a tidy never undoes it.
   */
  repairTagIndex(subject: Descriptor, repair: ReferrersIndexRepair): Promise<ReferrersUpdate> {
    return this.enqueue(subject, repair);
  }

  /**
   * Deletes the index manifest `index` that the subject's tag named when read
   * (`referrers tidy`, for a subject that is gone). By digest, as registries
   * refuse a DELETE by tag: an index another writer tagged since is another
   * digest and stays; the tag is read back to tell which happened.
   */
  async deleteTagIndex(subject: Descriptor, index: string): Promise<ReferrersIndexDeletion> {
    const response = await this.repository.client.send({
      method: 'DELETE',
      url: `/v2/${this.repo}/manifests/${index}`,
      scope: repositoryScope(this.repo, 'delete'),
      idempotent: true,
    });
    // 404: deleted already, by another tidy or a garbage collection.
    if (![200, 202, 204, 404].includes(response.status)) {
      return { outcome: 'refused', status: response.status, answer: await registryAnswer(response.status, response.body) };
    }
    await response.body.resume();
    const now = await this.readTagIndex(subject);
    return now.state === 'absent' || now.digest === index ? { outcome: 'deleted' } : { outcome: 'rewritten', index: now.digest ?? '' };
  }

  // --- The referrers API -------------------------------------------------------

  /** Whether the registry really answers the referrers API (it may send OCI-Subject and still lack it). */
  private async probeApi(subject: Descriptor): Promise<boolean> {
    if (this.apiAvailable !== undefined) return this.apiAvailable;
    const answer = await this.listViaApi(subject, {});
    if (answer === 'no-repository') return false;
    this.apiAvailable = answer !== 'no-api';
    return this.apiAvailable;
  }

  /** Every page of `GET /v2/<name>/referrers/<digest>`, or why there is no list. */
  private async listViaApi(subject: Descriptor, query: ReferrersQuery): Promise<ApiAnswer> {
    const search = query.artifactType === undefined ? '' : `?${new URLSearchParams({ artifactType: query.artifactType })}`;
    const what = `referrers of ${this.repository.name}@${subject.digest}`;
    const pages = new PageWalk(`listing ${what}`, this.repository.client.baseUrl, REFERRERS_LIMITS);
    const manifests: Descriptor[] = [];
    let url: string | undefined = pages.first(`/v2/${this.repo}/referrers/${subject.digest}${search}`);
    for (let page = 0; url; page++) {
      const response: RegistryResponse = await this.repository.client.send({
        method: 'GET',
        url,
        headers: { accept: MediaType.ImageIndex },
        scope: repositoryScope(this.repo, 'pull'),
        idempotent: true,
        ...(query.signal ? { signal: query.signal } : {}),
      });
      if (response.status !== 200) {
        if (page === 0 && response.status === 404) {
          const answer = await registryAnswer(response.status, response.body);
          return answer.split('; ').some((e) => e.startsWith('NAME_UNKNOWN:')) ? 'no-repository' : 'no-api';
        }
        if (page === 0 && NO_API_STATUSES.has(response.status)) {
          await response.body.resume();
          return 'no-api';
        }
        throw await registryError(`listing ${what}`, response.status, response.body, response.headers);
      }
      const bytes = await readBounded(response.body, REFERRERS_PAGE_LIMIT, what).catch((error: unknown) => {
        if (!isOcikitError(error, 'SIZE_LIMIT')) throw error;
        throw new OcikitError('SIZE_LIMIT', error.message, {
          hint: `the registry answered with more than a page may hold instead of pages (distribution-spec: Link rel="next"); list them from the tag schema with ${optionRef('referrers-mode')} tag, or ask its operator`,
          cause: error,
        });
      });
      let entries: Descriptor[];
      try {
        entries = parseReferrersList(bytes, what);
      } catch (error) {
        // A 200 that is no image index (a web page behind a catch-all route): no API here.
        if (page === 0 && isOcikitError(error, 'INVALID_MANIFEST') && this.mode === 'auto') return 'no-api';
        throw error;
      }
      pages.add(bytes.length, entries.length);
      for (const entry of entries) manifests.push(entry);
      url = pages.next(response);
    }
    const typed = await this.withOwnArtifactTypes(manifests, query.signal);
    // Filtered here whether or not the registry says it applied the filter (OCI-Filters-Applied):
    // one that did not leaves the header out (ggcr; olareg's cached answers), filtering what a
    // registry filtered keeps the same entries, and the types are those read from the manifests.
    return filterByArtifactType(typed, query.artifactType);
  }

  /**
   * The entries a registry listed with its config's media type for the
   * artifact type (go-containerregistry's lists the empty type for every
   * artifact), with the type and annotations read from the manifests
   * themselves; the others as listed.
   */
  private async withOwnArtifactTypes(manifests: Descriptor[], signal: AbortSignal | undefined): Promise<Descriptor[]> {
    return mapConcurrent(manifests, 8, async (listed) => {
      if (!listsConfigTypeAsArtifactType(listed)) return listed;
      const what = `manifest ${this.repository.name}@${listed.digest}`;
      const response = await this.repository.client.send({
        method: 'GET',
        url: `/v2/${this.repo}/manifests/${listed.digest}`,
        headers: { accept: MANIFEST_ACCEPT },
        scope: repositoryScope(this.repo, 'pull'),
        idempotent: true,
        ...(signal ? { signal } : {}),
      });
      if (response.status === 404) {
        await response.body.resume();
        return listed; // deleted since it was listed: nothing better to say of it
      }
      if (response.status !== 200) throw await registryError(`reading the referrer ${what} for its artifact type`, response.status, response.body, response.headers);
      const bytes = await readBounded(response.body, MAX_MANIFEST_BYTES, what);
      verifyBytes(bytes, listed.digest, what);
      return referrerDescriptor(listed, parseManifest(bytes, what, isManifestMediaType(listed.mediaType) ? listed.mediaType : undefined));
    });
  }

  private noApi(subject: Descriptor): OcikitError {
    return new OcikitError('UNSUPPORTED', `${this.repository.name} has no referrers API (GET /v2/${this.repo}/referrers/${subject.digest} is not answered)`, {
      hint: `use ${optionRef('referrers-mode')} auto or tag (the sha256-<hex> tag schema; oras: --distribution-spec v1.1-referrers-tag)`,
    });
  }

  // --- The tag schema -----------------------------------------------------------

  /** Reads the index under the subject's referrers tag, telling an index from what some registries answer instead. */
  async readTagIndex(subject: Descriptor): Promise<ReferrersTagIndex> {
    const tag = referrersTag(subject.digest);
    const response = await this.repository.client.send({
      method: 'GET',
      url: `/v2/${this.repo}/manifests/${tag}`,
      headers: { accept: MANIFEST_ACCEPT },
      scope: repositoryScope(this.repo, 'pull'),
      idempotent: true,
    });
    if (response.status === 404) {
      await response.body.resume();
      return { state: 'absent', manifests: [] };
    }
    const what = `referrers index ${this.repository.name}:${tag}`;
    if (response.status !== 200) throw await registryError(`reading ${what}`, response.status, response.body, response.headers);
    const bytes = await readBounded(response.body, MAX_MANIFEST_BYTES, what);
    const headerDigest = header(response, 'docker-content-digest');
    if (headerDigest && isDigest(headerDigest) && headerDigest.startsWith('sha256:')) verifyBytes(bytes, headerDigest, what);
    const digest = digestOf(bytes);
    const etag = header(response, 'etag');
    const mediaType = header(response, 'content-type')?.split(';')[0]?.trim();
    // GitLab answers a sha256-<hex> tag with the manifest of that digest: the subject, not a referrers index.
    if (digest === subject.digest) return { state: 'subject', digest, manifests: [] };
    let manifest: Manifest;
    try {
      // A content-type that is no manifest type (application/json) says nothing: parseManifest goes by the shape then.
      manifest = parseManifest(bytes, what, mediaType);
    } catch {
      return { state: 'foreign', digest, ...(mediaType ? { mediaType } : {}), manifests: [] };
    }
    if (!isIndex(manifest) || manifest.mediaType !== MediaType.ImageIndex) {
      return { state: 'foreign', digest, mediaType: manifest.mediaType, manifests: [] };
    }
    return { state: 'index', digest, ...(etag ? { etag } : {}), manifests: manifest.manifests };
  }

  /** Queues a change for the subject's index; changes queued while a write runs go into the next one together. */
  private enqueue(subject: Descriptor, change: Change): Promise<ReferrersUpdate> {
    let queue = this.queues.get(subject.digest);
    if (!queue) {
      queue = { pending: [], running: false };
      this.queues.set(subject.digest, queue);
    }
    const promise = new Promise<ReferrersUpdate>((resolve, reject) => queue.pending.push({ change, resolve, reject }));
    if (!queue.running) void this.drain(subject, queue);
    return promise;
  }

  private async drain(subject: Descriptor, queue: { pending: Pending[]; running: boolean }): Promise<void> {
    queue.running = true;
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0);
      try {
        const update = await this.updateTagIndex(subject, batch.map((p) => p.change));
        batch.forEach((p) => p.resolve(update));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    // The queue goes (its running flag with it): the next change for the subject starts a new one.
    this.queues.delete(subject.digest);
  }

  /**
   * The read-modify-write of the subject's referrers index (distribution-spec
   * 1.1, "Pushing Manifests with Subject" and "Deleting Manifests"), confirmed
   * by reading it back, retried until it holds, then the replaced index
   * manifests deleted where the registry allows it.
   */
  private async updateTagIndex(subject: Descriptor, changes: Change[]): Promise<ReferrersUpdate> {
    const tag = referrersTag(subject.digest);
    const merged = mergeChanges(changes);
    const { adds } = merged;
    // A repair pushed no referrer: its failures must not speak of one.
    const repairing = changes.every((change) => !change.add && !change.remove);
    const maxAttempts = this.options.referrersMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const deadline = Date.now() + UPDATE_BUDGET_MS;
    const replaced = new Set<string>();
    const written = new Set<string>();
    let started = Date.now();
    let lastWritten: string | undefined;
    let confirmedAgain = false;
    let conflicted = false;
    /** Our last read-to-write cycle. */
    let cycle = 0;
    let current = await this.readTagIndex(subject);
    for (let attempt = 1; ; attempt++) {
      if (current.state === 'foreign') {
        const problem = `${this.repository.name}:${tag} holds a ${current.mediaType ?? 'manifest'} (${current.digest}), not a referrers index`;
        if (adds.size === 0) {
          this.warnOnce(`foreign-${tag}`, `${problem}; left as it is`);
          return { via: 'tag', tag };
        }
        throw new OcikitError('REGISTRY_ERROR', `cannot list ${[...adds.keys()].join(', ')} as a referrer: ${problem}`, {
          hint: `the referrer itself was pushed; the tag ${tag} is reserved for the referrers index of ${subject.digest}: remove or move what is there, then attach again`,
        });
      }
      if (current.state === 'subject' && written.size > 0) {
        // GitLab answers a sha256-<hex> tag with the manifest of that digest: what was written cannot be read back.
        this.warnOnce(`unverifiable-${tag}`, `${this.repository.name} answers the tag ${tag} with the subject itself rather than the referrers index written there, so the index could not be read back to confirm it`);
        return { via: 'tag', tag, attempts: attempt };
      }
      const base = current.manifests; // none unless an index
      if (holds(base, merged)) {
        // Another writer seen (ours refused or replaced, or theirs on top of ours): one that
        // read before our write may be slower still, so ours must hold on a second read too.
        const contended = conflicted || written.size > 1 || current.digest !== lastWritten;
        if (contended && !confirmedAgain && written.size > 0) {
          confirmedAgain = true;
          await this.settle(cycle);
          started = Date.now();
          current = await this.readTagIndex(subject);
          continue;
        }
        // Nothing written, nothing replaced: then there is nothing to clean up.
        const cleanedUp = await this.cleanUp(tag, [...replaced, ...written], current.digest);
        return {
          via: 'tag',
          tag,
          ...(current.state === 'index' && current.digest ? { index: current.digest } : {}),
          attempts: attempt,
          ...(cleanedUp.length ? { cleanedUp } : {}),
        };
      }
      if (attempt > maxAttempts || Date.now() > deadline) {
        throw new OcikitError('REGISTRY_ERROR', `could not update the referrers index ${this.repository.name}:${tag}: other writers kept replacing it (${attempt - 1} attempts)`, {
          hint: repairing
            ? 'nothing was lost: the index is as the other writers left it; run the tidy again when fewer jobs attach to this subject'
            : 'the referrers themselves were pushed; attach again (ocikit adds what is missing), run fewer attaches to one subject at once, or use a registry with the OCI 1.1 referrers API',
        });
      }
      const next = revised(base, merged);
      const put = await this.putTagIndex(tag, next, current.etag, repairing); // only an index has an etag
      if (put.outcome === 'conflict') {
        // If-Match refused: someone wrote since we read. Read again and redo the change on theirs.
        conflicted = true;
        started = Date.now();
        current = await this.readTagIndex(subject);
        continue;
      }
      if (put.outcome === 'dangling') {
        const missing = await this.missingEntries(next);
        for (const digest of adds.keys()) {
          if (missing.has(digest)) throw new OcikitError('NOT_FOUND', `${this.repository.name}@${digest} is no longer in the repository; it cannot be listed as a referrer`);
        }
        if (missing.size === 0) throw put.error;
        this.warnOnce(`dangling-${tag}`, `the referrers index ${this.repository.name}:${tag} listed manifests that are gone (${[...missing].join(', ')}); dropped them`);
        current = { ...current, manifests: base.filter((d) => !missing.has(d.digest)) };
        continue;
      }
      written.add(put.digest);
      lastWritten = put.digest;
      if (current.state === 'index' && current.digest) replaced.add(current.digest);
      // Wait out the window in which a writer that read before our write may still write; then see whether ours stuck.
      cycle = Date.now() - started;
      await this.settle(cycle);
      started = Date.now();
      current = await this.readTagIndex(subject);
    }
  }

  /** Waits about three of our own read-to-write cycles (250 ms to 2 s), jittered: the time a writer that read before our write may take to write. */
  private async settle(roundTrip: number): Promise<void> {
    const settle = this.options.referrersSettleMs ?? Math.min(2000, Math.max(250, 3 * roundTrip));
    if (settle > 0) await sleep(settle + Math.random() * settle * 0.5);
  }

  private async putTagIndex(
    tag: string,
    manifests: Descriptor[],
    etag: string | undefined,
    repairing: boolean,
  ): Promise<{ outcome: 'written'; digest: string } | { outcome: 'conflict' } | { outcome: 'dangling'; error: OcikitError }> {
    const bytes = encodeManifest(referrersIndex(manifests));
    const response = await this.repository.client.send({
      method: 'PUT',
      url: `/v2/${this.repo}/manifests/${tag}`,
      headers: { 'content-type': MediaType.ImageIndex, ...(etag ? { 'if-match': etag } : {}) },
      body: () => bytes,
      scope: repositoryScope(this.repo, 'pull,push'),
      idempotent: true,
    });
    if (response.status === 201 || response.status === 200) {
      await response.body.resume();
      return { outcome: 'written', digest: digestOf(bytes) };
    }
    const answer = await registryAnswer(response.status, response.body);
    // Harbor refuses an immutable tag with the 412 that If-Match uses: only its words tell them apart.
    if (isImmutableTagRefusal(response.status, answer)) throw immutableTagError(this.repository.name, tag, response.status, answer);
    if (response.status === 412) return { outcome: 'conflict' };
    const error = new OcikitError(response.status === 401 ? 'UNAUTHORIZED' : response.status === 403 ? 'DENIED' : 'REGISTRY_ERROR', `writing the referrers index ${this.repository.name}:${tag} failed (HTTP ${response.status})`, {
      detail: answer,
      hint: repairing ? 'a repair of the tag schema needs push access to the repository' : 'the referrer itself was pushed; the tag schema needs push access to the repository',
      status: response.status,
    });
    // A registry refuses an index that lists a manifest it no longer has (deleted by a tool that left the index):
    // distribution with 400, go-containerregistry's with 404 MANIFEST_UNKNOWN.
    if ((response.status === 400 && /MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN|MANIFEST_UNKNOWN/.test(answer)) || (response.status === 404 && /MANIFEST_UNKNOWN/.test(answer))) {
      return { outcome: 'dangling', error };
    }
    throw error;
  }

  /** The entries of an index whose manifests the repository no longer holds. */
  private async missingEntries(manifests: Descriptor[]): Promise<Set<string>> {
    const missing = new Set<string>();
    await mapConcurrent(manifests, 8, async (descriptor) => {
      const response = await this.repository.client.send({
        method: 'HEAD',
        url: `/v2/${this.repo}/manifests/${descriptor.digest}`,
        headers: { accept: MANIFEST_ACCEPT },
        scope: repositoryScope(this.repo, 'pull'),
        idempotent: true,
      });
      await response.body.resume();
      if (response.status === 404) missing.add(descriptor.digest);
    });
    return missing;
  }

  /**
   * Deletes index manifests this update replaced (or wrote and saw replaced), so
   * they do not pile up untagged. Never the one the tag names now. A registry
   * that refuses deletes (GHCR) gets a warning, not a failure.
   */
  private async cleanUp(tag: string, digests: string[], keep: string | undefined): Promise<string[]> {
    const deleted: string[] = [];
    for (const digest of new Set(digests)) {
      if (digest === keep) continue;
      try {
        const response = await this.repository.client.send({
          method: 'DELETE',
          url: `/v2/${this.repo}/manifests/${digest}`,
          scope: repositoryScope(this.repo, 'delete'),
          idempotent: true,
        });
        if ([200, 202, 204].includes(response.status)) {
          await response.body.resume();
          deleted.push(digest);
          continue;
        }
        if (response.status === 404) {
          await response.body.resume(); // another writer cleaned it up first
          continue;
        }
        const answer = await registryAnswer(response.status, response.body);
        this.warnOnce(`cleanup-${tag}`, `${this.repository.name} did not delete the replaced referrers index ${digest} (HTTP ${response.status}: ${answer}); it stays in the repository, untagged`);
        return deleted;
      } catch (error) {
        this.warnOnce(`cleanup-${tag}`, `could not delete the replaced referrers index ${this.repository.name}@${digest}: ${(error as Error).message}`);
        return deleted;
      }
    }
    return deleted;
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.onWarning?.(message);
  }
}

function mergeChanges(changes: Change[]): MergedChanges {
  const merged: MergedChanges = { adds: new Map(), removes: new Set(), describes: new Map(), dedupe: false };
  const remove = (digest: string): void => {
    merged.removes.add(digest);
    merged.adds.delete(digest);
    merged.describes.delete(digest);
  };
  for (const change of changes) {
    if (change.add) {
      merged.adds.set(change.add.digest, change.add);
      merged.removes.delete(change.add.digest);
    }
    if (change.remove) remove(change.remove);
    for (const digest of change.drop ?? []) remove(digest);
    for (const descriptor of change.describe ?? []) if (!merged.removes.has(descriptor.digest)) merged.describes.set(descriptor.digest, descriptor);
    if (change.dedupe) merged.dedupe = true;
  }
  return merged;
}

/**
 * Whether the index already is as the changes want it: every referrer to add
 * listed, none to remove, each entry to describe as described, no digest twice
 * where asked. An entry to describe that is not listed (another writer removed
 * it) is as wanted: a repair never brings one back.
 */
function holds(manifests: Descriptor[], changes: MergedChanges): boolean {
  const listed = new Set<string>();
  for (const entry of manifests) {
    if (changes.dedupe && listed.has(entry.digest)) return false;
    listed.add(entry.digest);
    const described = changes.describes.get(entry.digest);
    if (described && !sameDescriptor(entry, described)) return false;
  }
  for (const digest of changes.adds.keys()) if (!listed.has(digest)) return false;
  for (const digest of changes.removes) if (listed.has(digest)) return false;
  return true;
}

/** The index's entries with the changes made: other writers' entries kept in their order, the added ones last. */
function revised(manifests: Descriptor[], changes: MergedChanges): Descriptor[] {
  const seen = new Set<string>();
  const kept: Descriptor[] = [];
  for (const entry of manifests) {
    if (changes.removes.has(entry.digest) || changes.adds.has(entry.digest)) continue;
    if (changes.dedupe && seen.has(entry.digest)) continue;
    seen.add(entry.digest);
    kept.push(changes.describes.get(entry.digest) ?? entry);
  }
  return [...kept, ...changes.adds.values()];
}

/**
 * The same descriptor, whatever the order of its fields and annotations
 * (isDeepStrictEqual compares an object's keys as a set). Both sides are JSON
 * values: read from an index, or made by referrerDescriptor and wantedEntry.
 */
export function sameDescriptor(a: Descriptor, b: Descriptor): boolean {
  return isDeepStrictEqual(a, b);
}

function header(response: RegistryResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
