import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { OcikitError } from '../errors.js';
import { VerifyingStream, digestOf, isDigest, parseDigest, verifyBytes } from '../oci/digest.js';
import { type Descriptor, MAX_MANIFEST_BYTES, parseManifest } from '../oci/manifest.js';
import { MediaType, isManifestMediaType } from '../oci/media-types.js';
import { displayName } from '../progress/progress.js';
import { type RegistryReference, registryEndpointHost } from '../reference/reference.js';
import type { BlobSource, FetchedManifest, PushOptions, StageBlobOptions, StagedBlob, TagListOptions, Target } from '../target/target.js';
import type { ReferrersListing, ReferrersQuery } from '../target/target.js';
import type { Manifest } from '../oci/manifest.js';
import { RemoteReferrers, type RemoteReferrersOptions, type ReferrersUpdate } from './remote-referrers.js';
import { type UploadRecovery, mountBlob, uploadBlob } from './blob-upload.js';
import { stageStreamUpload } from './stream-upload.js';
import type { UploadSession } from './upload-session.js';
import { MANIFEST_ACCEPT } from './manifest-accept.js';
import { type PageLimits, PageWalk } from './page-walk.js';
import { readBounded } from '../util/read-bounded.js';
import { RegistryClient, type RegistryClientOptions, type RegistryResponse, cancelled } from './registry-client.js';
import { ResumeBudget } from './resume-budget.js';
import { isRetryableError } from './retry-policy.js';
import { immutableTagError, isImmutableTagRefusal } from './immutable-tag.js';
import { registryError } from './registry-error.js';
import { mergeScopes, repositoryScope } from './scope.js';

export interface RemoteRepositoryOptions extends Omit<RegistryClientOptions, 'registry' | 'endpointHost'>, Omit<RemoteReferrersOptions, 'onWarning'> {
  /** Upload in `PATCH` chunks of this many bytes (GHCR caps one request at 4 MiB). */
  chunkSize?: number;
  /** Reuse a client (and its tokens and connections) for several repositories of one registry. */
  client?: RegistryClient;
  /** Told of every resume or restart of a blob upload after a failure. */
  onUploadRecovery?: (recovery: UploadRecovery) => void;
}

/**
 * What a tag list may make ocikit hold: a registry whose `Link`s never end must not
 * hold a CI job forever, nor fill its memory. One page may be all of it (distribution
 * 2.8 ignores `n` and sends every tag at once), so a page is bounded by the total.
 */
const TAG_LIST_LIMITS: PageLimits = { pages: 10_000, bytes: 64 * 1024 * 1024, entries: 1_000_000 };

/** A repository on a registry, spoken to over the OCI distribution API. */
export class RemoteRepository implements Target {
  readonly name: string;
  readonly storing = 'upload';
  readonly client: RegistryClient;
  private readonly ownsClient: boolean;
  private readonly pullScope: string;
  private readonly pushScope: string;
  /** Referrers: the OCI 1.1 API where the registry has it, the sha256-<hex> tag schema where not. */
  private readonly referrersSupport: RemoteReferrers;
  /** Whether the registry takes several tags in one manifest PUT; undefined until a push finds out. */
  private tagsInOnePut: boolean | undefined;

  constructor(
    readonly reference: Pick<RegistryReference, 'registry' | 'repository'>,
    private readonly options: RemoteRepositoryOptions = {},
  ) {
    this.name = `${reference.registry}/${reference.repository}`;
    this.ownsClient = !options.client;
    this.client =
      options.client ??
      new RegistryClient({ ...options, registry: reference.registry, endpointHost: registryEndpointHost(reference.registry) });
    this.pullScope = repositoryScope(reference.repository, 'pull');
    this.pushScope = repositoryScope(reference.repository, 'pull,push');
    this.referrersSupport = new RemoteReferrers(this, options);
  }

  private get repository(): string {
    return this.reference.repository;
  }

  async resolve(reference: string): Promise<Descriptor> {
    const response = await this.client.send({
      method: 'HEAD',
      url: `/v2/${this.repository}/manifests/${reference}`,
      headers: { accept: MANIFEST_ACCEPT },
      scope: this.pullScope,
      idempotent: true,
    });
    await response.body.resume();
    if (response.status === 404) throw this.notFound(reference);
    if (response.status !== 200) throw await registryError(`resolving ${this.name}:${reference}`, response.status, undefined, response.headers);
    const digest = header(response, 'docker-content-digest');
    const mediaType = contentType(response);
    const size = Number(header(response, 'content-length'));
    // Some registries omit the digest or type on HEAD: read the manifest itself then.
    if (!digest || !isDigest(digest) || !mediaType || !Number.isSafeInteger(size)) {
      return (await this.fetchManifest(reference)).descriptor;
    }
    if (isDigest(reference) && reference !== digest) {
      throw new OcikitError('DIGEST_MISMATCH', `${this.name}@${reference}: the registry answered for another digest`, { detail: digest });
    }
    return { mediaType, digest: digest as Descriptor['digest'], size };
  }

  async exists(descriptor: Descriptor): Promise<boolean> {
    const kind = isManifestMediaType(descriptor.mediaType) ? 'manifests' : 'blobs';
    const response = await this.client.send({
      method: 'HEAD',
      url: `/v2/${this.repository}/${kind}/${descriptor.digest}`,
      headers: kind === 'manifests' ? { accept: MANIFEST_ACCEPT } : {},
      scope: this.pullScope,
      idempotent: true,
    });
    await response.body.resume();
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await registryError(`checking for ${descriptor.digest} in ${this.name}`, response.status, undefined, response.headers);
  }

  /**
   * The blob's bytes, verified against its digest and size as they flow. A body
   * that breaks off or stalls part-way is resumed where it stopped with
   * `Range: bytes=<received>-` (a registry that answers the whole blob instead
   * has the bytes already received skipped), bounded like retries; the digest is
   * still checked over the whole blob.
   */
  async fetchBlob(descriptor: Descriptor, options: { signal?: AbortSignal } = {}): Promise<Readable> {
    const verifier = new VerifyingStream(descriptor, `blob ${descriptor.digest} from ${this.name}`);
    const inline = inlineData(descriptor);
    if (inline) return Readable.from([inline]).pipe(verifier);
    const what = `downloading ${displayName(descriptor)} (${descriptor.digest}) from ${this.name}`;
    const request = (offset: number) =>
      this.client.send({
        method: 'GET',
        url: `/v2/${this.repository}/blobs/${descriptor.digest}`,
        ...(offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {}),
        scope: this.pullScope,
        idempotent: true,
        followRedirects: true,
        transferBytes: descriptor.size - offset,
        signal: options.signal,
      });
    const response = await request(0);
    if (response.status !== 200) throw await registryError(what, response.status, response.body, response.headers);
    const current = { response };
    const body = Readable.from(resumingBody(current, descriptor.size, request, this.client, what, options.signal), { objectMode: false });
    body.once('error', (error) => verifier.destroy(error));
    // A reader that stops early destroys the verifier; `pipe` would leave the connection held.
    verifier.once('close', () => {
      body.destroy();
      current.response.body.destroy();
    });
    return body.pipe(verifier);
  }

  async fetchManifest(reference: Descriptor | string): Promise<FetchedManifest> {
    const selector = typeof reference === 'string' ? reference : reference.digest;
    if (typeof reference !== 'string') {
      if (reference.size > MAX_MANIFEST_BYTES) {
        throw new OcikitError('SIZE_LIMIT', `manifest ${reference.digest} in ${this.name} is ${reference.size} bytes, over the 4 MiB limit`);
      }
      const inline = inlineData(reference);
      if (inline) {
        verifyBytes(inline, reference.digest, `manifest ${reference.digest}`);
        parseManifest(inline, `manifest ${reference.digest}`, reference.mediaType);
        return { descriptor: reference, bytes: inline };
      }
    }
    const response = await this.client.send({
      method: 'GET',
      url: `/v2/${this.repository}/manifests/${selector}`,
      headers: { accept: MANIFEST_ACCEPT },
      scope: this.pullScope,
      idempotent: true,
    });
    if (response.status === 404) {
      await response.body.resume();
      throw this.notFound(selector);
    }
    if (response.status !== 200) throw await registryError(`reading manifest ${this.name}:${selector}`, response.status, response.body, response.headers);
    const declared = Number(header(response, 'content-length'));
    if (declared > MAX_MANIFEST_BYTES) {
      response.body.destroy();
      throw new OcikitError('SIZE_LIMIT', `manifest ${this.name}:${selector} is ${declared} bytes, over the 4 MiB limit`);
    }
    const bytes = await readBounded(response.body, MAX_MANIFEST_BYTES, `manifest ${this.name}:${selector}`);
    const what = `manifest ${this.name}:${selector}`;
    const headerDigest = header(response, 'docker-content-digest');
    const expected = isDigest(selector) ? selector : headerDigest && isDigest(headerDigest) ? headerDigest : undefined;
    if (expected) verifyBytes(bytes, expected, what);
    const digest = expected ?? digestOf(bytes);
    const mediaType = contentType(response);
    const manifest = parseManifest(bytes, what, mediaType);
    const descriptor: Descriptor = { mediaType: manifest.mediaType, digest: digest as Descriptor['digest'], size: bytes.length };
    if (typeof reference !== 'string' && reference.mediaType !== manifest.mediaType) {
      throw new OcikitError('INVALID_MANIFEST', `${what} is a ${manifest.mediaType}, but was referenced as ${reference.mediaType}`);
    }
    return { descriptor: typeof reference === 'string' ? descriptor : reference, bytes };
  }

  async pushBlob(source: BlobSource, options: PushOptions = {}): Promise<'uploaded' | 'skipped' | 'mounted'> {
    const { descriptor } = source;
    options.progress?.start?.(descriptor, displayName(descriptor), this.storing);
    if (await this.exists(descriptor)) {
      options.progress?.done?.(descriptor, 'skipped');
      return 'skipped';
    }
    let session: UploadSession | undefined;
    const from = this.mountSource(options);
    if (from) {
      // One token must cover reading the source repository and writing this one.
      const scope = from.repository === undefined ? this.pushScope : mergeScopes(repositoryScope(from.repository, 'pull'), this.pushScope);
      const mounted = await mountBlob({ client: this.client, repository: this.repository, scope }, descriptor, from.repository, options.signal);
      if (mounted === 'mounted') {
        options.progress?.done?.(descriptor, 'mounted');
        return 'mounted';
      }
      session = mounted; // the registry could not mount: upload into the session it opened instead
    }
    await uploadBlob(
      { client: this.client, repository: this.repository, scope: this.pushScope },
      source,
      {
        chunkSize: this.options.chunkSize,
        progress: options.progress,
        signal: options.signal,
        ...(this.options.onUploadRecovery ? { onRecovery: this.options.onUploadRecovery } : {}),
      },
      session,
    );
    options.progress?.done?.(descriptor, 'uploaded');
    return 'uploaded';
  }

  /**
   * Where a mount can take the blob from: another repository of this registry
   * (the same host, so the same blob store), or anywhere when an anonymous
   * mount was asked for. Undefined: no mount, upload.
   */
  private mountSource(options: PushOptions): { repository: string | undefined } | undefined {
    const from = options.mountFrom;
    if (
      from instanceof RemoteRepository &&
      from.client.baseUrl.origin === this.client.baseUrl.origin &&
      from.reference.registry === this.reference.registry &&
      from.repository !== this.repository
    ) {
      return { repository: from.repository };
    }
    return options.anonymousMount ? { repository: undefined } : undefined;
  }

  /** A stream of unknown digest up in `PATCH` chunks; the closing `PUT` waits for `commit` (stream-upload.ts). */
  stageBlobStream(stream: Readable, options: StageBlobOptions): Promise<StagedBlob> {
    const context = { client: this.client, repository: this.repository, scope: this.pushScope };
    return stageStreamUpload(context, stream, { ...options, ...(this.options.chunkSize ? { chunkSize: this.options.chunkSize } : {}) });
  }

  async pushManifest(descriptor: Descriptor, bytes: Uint8Array, tag?: string): Promise<void> {
    await this.putManifest(descriptor, bytes, tag);
  }

  /**
   * One manifest under several tags. Where the registry takes them in one `PUT`
   * (`?tag=a&tag=b`, distribution-spec 1.1+: it confirms each in an `OCI-Tag`
   * header), one request; a tag it did not confirm, and every tag on a registry
   * that ignores or refuses the query (learnt once per repository), by a `PUT` each.
   */
  async pushManifestTags(descriptor: Descriptor, bytes: Uint8Array, tags: readonly string[]): Promise<void> {
    let left = [...new Set(tags)];
    if (left.length > 1 && this.tagsInOnePut !== false) {
      const confirmed = await this.putManifest(descriptor, bytes, undefined, left).catch((error: unknown) => {
        // A registry that does not know the query may refuse it: the tags go one by one, which
        // repeats any refusal that was not about the query.
        if (error instanceof OcikitError && error.status !== undefined && error.status >= 400 && error.status < 500) return new Set<string>();
        throw error;
      });
      this.tagsInOnePut = confirmed.size > 0;
      left = left.filter((tag) => !confirmed.has(tag));
    }
    for (const tag of left) await this.putManifest(descriptor, bytes, tag);
  }

  /** PUT by `tag` (or by digest, with `queryTags` in the query); returns the tags the registry confirmed (`OCI-Tag`). */
  private async putManifest(descriptor: Descriptor, bytes: Uint8Array, tag: string | undefined, queryTags: readonly string[] = []): Promise<Set<string>> {
    verifyBytes(bytes, descriptor.digest, `manifest ${descriptor.digest}`);
    const manifest = parsedOrUndefined(bytes, descriptor);
    const selector = tag ?? descriptor.digest;
    const query = queryTags.length > 0 ? `?${queryTags.map((t) => `tag=${encodeURIComponent(t)}`).join('&')}` : '';
    let response: RegistryResponse;
    for (let attempt = 1; ; attempt++) {
      response = await this.client.send({
        method: 'PUT',
        url: `/v2/${this.repository}/manifests/${selector}${query}`,
        // The registry refuses a Content-Type other than the manifest's own mediaType.
        headers: { 'content-type': descriptor.mediaType },
        body: () => bytes,
        scope: this.pushScope,
        idempotent: true,
      });
      if (response.status === 201) break;
      const error = await registryError(`pushing manifest ${this.name}:${selector}`, response.status, response.body, response.headers);
      if (tag !== undefined && isImmutableTagRefusal(response.status, error.detail ?? '')) throw immutableTagError(this.name, tag, response.status, error.detail ?? '');
      // distribution rewrites a blob's link file in place when two uploads of it end together (concurrent
      // attaches all push the empty config): a manifest checked in that instant is refused. Ask again.
      if (response.status === 400 && attempt < 3 && /MANIFEST_BLOB_UNKNOWN/.test(error.detail ?? '')) {
        await sleep(300 * attempt);
        continue;
      }
      throw this.referrersSupport.explainRefusal(error, manifest);
    }
    await response.body.resume();
    const reported = header(response, 'docker-content-digest');
    if (reported && reported.startsWith(`${parseDigest(descriptor.digest).algorithm}:`) && reported !== descriptor.digest) {
      throw new OcikitError('DIGEST_MISMATCH', `pushing manifest ${this.name}:${selector}: the registry stored a different digest`, {
        detail: `sent ${descriptor.digest}, registry says ${reported}`,
      });
    }
    // A manifest with a subject is a referrer: list it where the registry does not (the sha256-<hex> tag schema).
    if (manifest?.subject) await this.referrersSupport.afterPush(descriptor, manifest, header(response, 'oci-subject'));
    const confirmed = [response.headers['oci-tag'] ?? []].flat().flatMap((value) => value.split(',').map((t) => t.trim()));
    return new Set(confirmed.filter((t) => queryTags.includes(t)));
  }

  /** The referrers of `subject`: from the referrers API, else the `sha256-<hex>` tag schema. */
  referrers(subject: Descriptor, query?: ReferrersQuery): Promise<ReferrersListing> {
    return this.referrersSupport.list(subject, query);
  }

  /** How this repository's referrers are listed and recorded (the API, the tag schema): what `referrers tidy` reads and repairs. */
  get referrersSchema(): RemoteReferrers {
    return this.referrersSupport;
  }

  /** How a referrer this repository pushed or deleted was (un)listed: by the registry's API or in the tag schema's index. */
  referrerListing(digest: string): ReferrersUpdate | undefined {
    return this.referrersSupport.outcome(digest);
  }

  async tag(descriptor: Descriptor, tag: string): Promise<void> {
    // The distribution API has no tag operation: tagging is a PUT of the same bytes.
    const { bytes } = await this.fetchManifest(descriptor);
    await this.pushManifest(descriptor, bytes, tag);
  }

  /**
   * Every tag, following `Link: <...>; rel="next"` pages until the registry
   * sends no more. `last` is also applied here, because registries that ignore
   * it (distribution 2.8) answer with the whole list.
   */
  async tags(options: TagListOptions = {}): Promise<string[]> {
    const query = new URLSearchParams();
    if (options.n !== undefined) query.set('n', String(options.n));
    if (options.last !== undefined) query.set('last', options.last);
    const tags: string[] = [];
    const what = `the tag list of ${this.name}`;
    const pages = new PageWalk(`listing tags of ${this.name}`, this.client.baseUrl, TAG_LIST_LIMITS);
    for (let url: string | undefined = pages.first(`/v2/${this.repository}/tags/list${query.size ? `?${query}` : ''}`); url; ) {
      const response: RegistryResponse = await this.client.send({ method: 'GET', url, scope: this.pullScope, idempotent: true });
      if (response.status === 404) {
        await response.body.resume();
        // A repository with no tags (or none yet) is an empty list, not an error.
        return [];
      }
      if (response.status !== 200) throw await registryError(`listing tags of ${this.name}`, response.status, response.body, response.headers);
      const bytes = await readBounded(response.body, TAG_LIST_LIMITS.bytes, what);
      const page = parseTagList(bytes, what);
      pages.add(bytes.length, page.length);
      // One by one: a spread of a page of ~100k tags overflows the call stack.
      for (const tag of page) tags.push(tag);
      url = pages.next(response);
    }
    const last = options.last;
    return last === undefined ? tags : tags.filter((tag) => tag > last);
  }

  /**
   * Deletes a manifest by digest. The distribution API refuses a DELETE by tag,
   * so callers resolve tags first; deleting the manifest removes its tags too.
   */
  async deleteManifest(descriptor: Descriptor): Promise<void> {
    // A referrer leaves the tag schema's index with it: read its subject before it is gone.
    const mayHaveSubject = descriptor.mediaType === MediaType.ImageManifest || descriptor.mediaType === MediaType.ImageIndex;
    const referrer = this.referrersSupport.mode !== 'api' && mayHaveSubject ? await this.subjectOf(descriptor) : undefined;
    const response = await this.client.send({
      method: 'DELETE',
      url: `/v2/${this.repository}/manifests/${descriptor.digest}`,
      scope: repositoryScope(this.repository, 'delete'),
      idempotent: true,
    });
    const what = `deleting manifest ${this.name}@${descriptor.digest}`;
    if (response.status === 202 || response.status === 200 || response.status === 204) {
      await response.body.resume();
      if (referrer) await this.referrersSupport.afterDelete(descriptor, referrer);
      return;
    }
    if (response.status === 404) {
      await response.body.resume();
      throw this.notFound(descriptor.digest);
    }
    const error = await registryError(what, response.status, response.body, response.headers);
    if (response.status === 405) {
      throw new OcikitError('UNSUPPORTED', `${what}: the registry does not allow deleting`, {
        ...(error.detail ? { detail: error.detail } : {}),
        hint: 'deletes are switched off on this registry (distribution: storage.delete.enabled); ask its operator',
        status: 405,
      });
    }
    throw error;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  /** The manifest, when it has a subject; undefined for anything else or when it cannot be read. */
  private async subjectOf(descriptor: Descriptor): Promise<Manifest | undefined> {
    try {
      const { bytes } = await this.fetchManifest(descriptor);
      const manifest = parsedOrUndefined(bytes, descriptor);
      return manifest?.subject ? manifest : undefined;
    } catch (error) {
      if (error instanceof OcikitError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  private notFound(selector: string): OcikitError {
    return new OcikitError('NOT_FOUND', `${this.name}:${selector} not found`.replace(':sha', '@sha'), {
      hint: 'check the repository and tag; `ocikit tags <repo>` lists what is there',
      status: 404,
    });
  }
}

/** Bytes that must arrive since the last failure for a download to count as progressing (else its retries run out). */
const RESUME_PROGRESS_BYTES = 1024 * 1024;

/**
 * A blob's body across resumed requests: the bytes of `first`, and when it
 * breaks off (a dropped connection, a stall past the body timeout) those of a
 * `Range` request from where it stopped. Consecutive resumes that bring less
 * than RESUME_PROGRESS_BYTES are bounded by the client's retry policy (ResumeBudget).
 */
async function* resumingBody(
  current: { response: RegistryResponse },
  size: number,
  request: (offset: number) => Promise<RegistryResponse>,
  client: RegistryClient,
  what: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Buffer> {
  let { response } = current;
  let received = 0;
  let skip = 0; // bytes of a whole-blob answer to a Range request that arrived before
  const budget = new ResumeBudget(client.retryPolicy, RESUME_PROGRESS_BYTES);
  for (;;) {
    try {
      for await (const piece of response.body as AsyncIterable<Buffer>) {
        let chunk = piece;
        if (skip > 0) {
          const dropped = Math.min(skip, chunk.length);
          skip -= dropped;
          chunk = chunk.subarray(dropped);
          if (chunk.length === 0) continue;
        }
        received += chunk.length;
        yield chunk;
      }
      return; // the verifier judges what arrived
    } catch (error) {
      response.body.destroy();
      if (error instanceof OcikitError || signal?.aborted || client.signal?.aborted || !isRetryableError(error) || received >= size) {
        if (signal?.aborted) throw cancelled(signal, undefined, what);
        if (client.signal?.aborted) throw cancelled(client.signal, undefined, what);
        throw bodyError(error as Error, what);
      }
      const delay = budget.next(received);
      if (delay === undefined) throw bodyError(error as Error, what, budget.failuresInARow);
      await client.wait(delay, signal);
      response = current.response = await request(received);
      const range = parseContentRange(response);
      if (response.status === 206 && range?.start === received && (range.size === undefined || range.size === size)) {
        skip = 0;
      } else if (response.status === 200) {
        skip = received; // no Range support here: the whole blob again, minus what we have
      } else {
        const refused = response.status === 206
          ? new OcikitError('REGISTRY_ERROR', `${what}: the registry answered a resumed download with another range`, {
              detail: `asked for bytes ${received}- of ${size}, got ${header(response, 'content-range') ?? 'no Content-Range'}`,
            })
          : await registryError(`${what} (resuming at byte ${received})`, response.status, response.body, response.headers);
        response.body.destroy();
        throw refused;
      }
    }
  }
}

/** `Content-Range: bytes <start>-<end>/<size|*>` of a 206. */
function parseContentRange(response: RegistryResponse): { start: number; end: number; size: number | undefined } | undefined {
  const match = header(response, 'content-range')?.match(/^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/);
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), size: match[3] === '*' ? undefined : Number(match[3]) };
}

/** A body that broke off mid-transfer (undici: "other side closed"), as an error that names the download. */
function bodyError(error: Error, what: string, attempts?: number): Error {
  if (error instanceof OcikitError || error.name === 'AbortError') return error;
  const code = (error as { code?: string }).code;
  const stalled = code === 'UND_ERR_BODY_TIMEOUT';
  return new OcikitError('NETWORK', `${what}: ${stalled ? 'the registry stopped sending' : 'the connection broke off'} before the whole blob arrived`, {
    detail: `${code ?? ''} ${error.message}`.trim() + (attempts ? `; gave up after ${attempts} attempts in a row without progress` : ''),
    hint: 'the network or the registry cut the download short; retry',
    cause: error,
  });
}

function header(response: RegistryResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function contentType(response: RegistryResponse): string | undefined {
  return header(response, 'content-type')?.split(';')[0]?.trim() || undefined;
}

/** The manifest parsed, or undefined when it is not one ocikit reads (stored as given all the same). */
function parsedOrUndefined(bytes: Uint8Array, descriptor: Descriptor): Manifest | undefined {
  try {
    return parseManifest(bytes, `manifest ${descriptor.digest}`, descriptor.mediaType);
  } catch {
    return undefined;
  }
}

function inlineData(descriptor: Descriptor): Buffer | undefined {
  return descriptor.data === undefined ? undefined : Buffer.from(descriptor.data, 'base64');
}

/** A tag list page, `{"name": ..., "tags": [...]}`, checked before its tags are trusted. */
function parseTagList(bytes: Buffer, what: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new OcikitError('REGISTRY_ERROR', `${what} is not JSON`, { detail: (error as Error).message });
  }
  const tags = (body as { tags?: unknown } | null)?.tags;
  if (tags === undefined || tags === null) return []; // distribution sends null for a repository without tags
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
    throw new OcikitError('REGISTRY_ERROR', `${what} is not {"tags": [strings]}`, { detail: bytes.toString('utf8').slice(0, 200) });
  }
  return tags as string[];
}

