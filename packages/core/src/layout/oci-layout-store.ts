import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { addAbortSignal, pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { OcikitError, isOcikitError } from '../errors.js';
import { writeFileAtomic, writeStreamAtomic } from '../fs/atomic-write.js';
import { spoolToFile } from '../fs/spool-file.js';
import { parseDigest, VerifyingStream, verifyBytes } from '../oci/digest.js';
import { type Descriptor, type ImageIndex, MAX_MANIFEST_BYTES, parseManifest } from '../oci/manifest.js';
import { displayName, storedOutcome } from '../progress/progress.js';
import type { BlobSource, FetchedManifest, PushOptions, StageBlobOptions, StagedBlob, TagListOptions, Target } from '../target/target.js';
import type { ReferrerListing, ReferrersListing, ReferrersQuery } from '../target/target.js';
import { stagedBlob } from '../target/staged-blob.js';
import { isManifestMediaType } from '../oci/media-types.js';
import { filterByArtifactType, referrerDescriptor } from '../oci/referrer-descriptor.js';
import { referrersTag } from '../oci/referrers-tag.js';
import { checkTag } from '../reference/reference.js';
import { withFileLock } from './index-lock.js';
import {
  LAYOUT_FILE,
  LAYOUT_VERSION,
  applyTag,
  checkLayoutFile,
  emptyIndex,
  parseIndexJson,
  refNameOf,
  tagsOf,
  withoutRefName,
} from './layout-index.js';

const INDEX_FILE = 'index.json';

export interface OpenLayoutOptions {
  /** Make the directory and an empty layout when there is none yet. */
  create?: boolean;
}

/** An OCI image layout directory (image-spec v1.1 "image-layout") as a push and pull target. */
export class OciLayoutStore implements Target {
  readonly name: string;
  readonly storing = 'write';
  private readonly root: string;
  /** What each manifest listed in index.json refers to (its subject), read once: manifests never change. */
  private readonly subjects = new Map<string, { subject: string | undefined; referrer: Descriptor }>();

  private constructor(path: string) {
    this.name = `oci-layout:${path}`;
    this.root = resolvePath(path);
  }

  static async open(path: string, options: OpenLayoutOptions = {}): Promise<OciLayoutStore> {
    const store = new OciLayoutStore(path);
    await store.init(options.create ?? false);
    return store;
  }

  private async init(create: boolean): Promise<void> {
    const info = await stat(this.root).catch(() => undefined);
    if (info && !info.isDirectory()) {
      throw new OcikitError('INVALID_INPUT', `${this.name} is not a directory`, { hint: 'an OCI image layout is a directory' });
    }
    if (!info && !create) {
      throw new OcikitError('NOT_FOUND', `${this.name}: no such directory`, { hint: 'pass a layout directory, or create one' });
    }
    const layoutBytes = await readFile(join(this.root, LAYOUT_FILE)).catch(notFoundAs(undefined));
    if (layoutBytes === undefined) {
      // Only an empty directory may become a layout: writing into anything else could bury the user's files.
      const present = info ? (await readdir(this.root)).filter((f) => !/^\..*\.ocikit-[0-9a-f]+\.tmp$/.test(f)) : [];
      if (present.length > 0 || !create) {
        throw new OcikitError('INVALID_INPUT', `${this.name} is not an OCI image layout: it has no ${LAYOUT_FILE} file`, {
          hint: create ? 'choose an empty or new directory for a new layout' : 'check the path, or create the layout first',
        });
      }
      // oci-layout first: from then on a concurrent opener sees a layout, not a foreign non-empty directory.
      await writeFileAtomic(join(this.root, LAYOUT_FILE), JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }));
      await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
    } else {
      checkLayoutFile(layoutBytes, this.name);
    }
    if (await this.readIndexIfPresent()) return;
    if (!create) throw this.noIndex();
    await this.updateIndex(() => false, { createIfMissing: true });
  }

  async resolve(reference: string): Promise<Descriptor> {
    if (/^sha(256|512):/.test(reference)) {
      parseDigest(reference); // a malformed digest says so, rather than "not found"
      const listed = (await this.readIndex()).manifests.find((e) => e.digest === reference);
      if (listed) return withoutRefName(listed);
      return this.describeBlob(reference);
    }
    // Not validated as a tag: layouts from other tools may name entries by full reference.
    const index = await this.readIndex();
    const entry = index.manifests.find((e) => refNameOf(e) === reference);
    if (entry) return withoutRefName(entry);
    const known = tagsOf(index);
    throw new OcikitError('NOT_FOUND', `tag "${reference}" not found in ${this.name}`, {
      hint: known.length === 0 ? 'the layout has no tags yet' : `tags here: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`,
    });
  }

  /** A manifest that is in blobs/ but not listed in index.json: its descriptor comes from its content. */
  private async describeBlob(digest: string): Promise<Descriptor> {
    const bytes = await this.readManifestBytes(digest, undefined);
    const manifest = parseManifest(bytes, `manifest ${digest} in ${this.name}`);
    const descriptor: Descriptor = { mediaType: manifest.mediaType, digest: digest as Descriptor['digest'], size: bytes.length };
    if (manifest.artifactType) descriptor.artifactType = manifest.artifactType;
    return descriptor;
  }

  async exists(descriptor: Descriptor): Promise<boolean> {
    const info = await stat(this.blobPath(descriptor.digest)).catch(() => undefined);
    return info !== undefined && info.isFile() && info.size === descriptor.size;
  }

  async fetchBlob(descriptor: Descriptor, options: { signal?: AbortSignal } = {}): Promise<Readable> {
    options.signal?.throwIfAborted();
    if (descriptor.data !== undefined) {
      // OCI 1.1 `data`: the bytes are in the descriptor; verified like any blob, no file read.
      return Readable.from([Buffer.from(descriptor.data, 'base64')]).pipe(new VerifyingStream(descriptor, `inline data of ${descriptor.digest}`));
    }
    const handle = await open(this.blobPath(descriptor.digest), 'r').catch((error: unknown) => {
      throw this.missing(error, `blob ${descriptor.digest}`);
    });
    const what = `blob ${descriptor.digest} in ${this.name}`;
    const verifier = new VerifyingStream(descriptor, what);
    // The stream owns the handle from here: it closes it at its end or on destroy.
    pipeline(handle.createReadStream(), verifier, () => undefined);
    if (options.signal) addAbortSignal(options.signal, verifier);
    return verifier;
  }

  async fetchManifest(reference: Descriptor | string): Promise<FetchedManifest> {
    const descriptor = typeof reference === 'string' ? await this.resolve(reference) : reference;
    const what = `manifest ${descriptor.digest} in ${this.name}`;
    if (descriptor.size > MAX_MANIFEST_BYTES) {
      throw new OcikitError('SIZE_LIMIT', `${what} is ${descriptor.size} bytes, over the ${MAX_MANIFEST_BYTES}-byte manifest limit`);
    }
    if (typeof reference !== 'string' && reference.data !== undefined) {
      const inline = new Uint8Array(Buffer.from(reference.data, 'base64'));
      if (inline.length !== reference.size) {
        throw new OcikitError('DIGEST_MISMATCH', `inline data of ${what}: size does not match its descriptor`, { detail: `expected ${reference.size} bytes, got ${inline.length}` });
      }
      verifyBytes(inline, reference.digest, `inline data of ${what}`);
      parseManifest(inline, what, reference.mediaType);
      return { descriptor, bytes: inline };
    }
    const bytes = await this.readManifestBytes(descriptor.digest, descriptor.size);
    parseManifest(bytes, what, descriptor.mediaType);
    return { descriptor, bytes };
  }

  /** Reads a manifest blob, refusing before buffering when it is over the limit, and verifies it. */
  private async readManifestBytes(digest: string, expectedSize: number | undefined): Promise<Uint8Array> {
    const what = `manifest ${digest} in ${this.name}`;
    const handle = await open(this.blobPath(digest), 'r').catch((error: unknown) => {
      throw this.missing(error, `manifest ${digest}`);
    });
    try {
      const { size } = await handle.stat();
      if (size > MAX_MANIFEST_BYTES) {
        throw new OcikitError('SIZE_LIMIT', `${what} is ${size} bytes, over the ${MAX_MANIFEST_BYTES}-byte manifest limit`);
      }
      if (expectedSize !== undefined && size !== expectedSize) {
        throw new OcikitError('DIGEST_MISMATCH', `${what}: size does not match its descriptor`, {
          detail: `expected ${expectedSize} bytes, the file has ${size}`,
        });
      }
      const bytes = new Uint8Array(await handle.readFile());
      verifyBytes(bytes, digest, what);
      return bytes;
    } finally {
      await handle.close();
    }
  }

  async pushBlob(source: BlobSource, options: PushOptions = {}): Promise<'uploaded' | 'skipped'> {
    const { descriptor } = source;
    const { progress, signal } = options;
    const path = this.blobPath(descriptor.digest);
    signal?.throwIfAborted();
    progress?.start?.(descriptor, displayName(descriptor), this.storing);
    if (await this.exists(descriptor)) {
      progress?.done?.(descriptor, 'skipped');
      return 'skipped';
    }
    const verifier = new VerifyingStream(descriptor, `blob ${descriptor.digest} pushed to ${this.name}`);
    let transferred = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        transferred += chunk.length;
        progress?.bytes?.(descriptor, transferred);
        callback(null, chunk);
      },
    });
    // An error anywhere (a digest mismatch at the end included) reaches `counter`, so the temp file is removed.
    const stream = pipeline(source.open(), verifier, counter, () => undefined);
    if (signal) addAbortSignal(signal, stream);
    await writeStreamAtomic(path, stream);
    progress?.done?.(descriptor, storedOutcome(this.storing));
    return 'uploaded';
  }

  /** A stream of unknown digest into a temp file in blobs/, hashed on the way; `commit` renames it into place. */
  async stageBlobStream(stream: Readable, options: StageBlobOptions): Promise<StagedBlob> {
    options.signal?.throwIfAborted();
    const spooled = await spoolToFile(join(this.root, 'blobs', 'sha256'), stream, options.signal);
    const descriptor: Descriptor = { mediaType: options.mediaType, digest: spooled.digest, size: spooled.size };
    return stagedBlob(descriptor, {
      commit: async () => {
        if (await this.exists(descriptor)) {
          await rm(spooled.path, { force: true });
          return 'skipped';
        }
        await rename(spooled.path, this.blobPath(descriptor.digest));
        return 'uploaded';
      },
      abort: () => rm(spooled.path, { force: true }),
    });
  }

  async pushManifest(descriptor: Descriptor, bytes: Uint8Array, tag?: string): Promise<void> {
    if (tag !== undefined) checkTag(tag);
    const what = `manifest ${descriptor.digest} pushed to ${this.name}`;
    if (bytes.length !== descriptor.size) {
      throw new OcikitError('DIGEST_MISMATCH', `${what}: size does not match its descriptor`, {
        detail: `expected ${descriptor.size} bytes, got ${bytes.length}`,
      });
    }
    verifyBytes(bytes, descriptor.digest, what);
    const manifest = parseManifest(bytes, what, descriptor.mediaType);
    if (!(await this.exists(descriptor))) await writeFileAtomic(this.blobPath(descriptor.digest), bytes);
    if (tag !== undefined) {
      await this.updateIndex((index) => applyTag(index, descriptor, tag));
    } else if (manifest.subject) {
      // A referrer: nothing points to it, so index.json lists it (untagged, as oras does) for referrers() to find.
      const entry: Descriptor = {
        mediaType: descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
        ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}),
      };
      // Its subject too, when the layout holds it unlisted (an index's platform manifest): oras resolves a
      // digest only among the manifests index.json lists, so `oras discover` could not name the subject.
      const subject = manifest.subject;
      const subjectHeld = isManifestMediaType(subject.mediaType) && (await this.exists(subject));
      await this.updateIndex((index) => {
        let changed = false;
        if (subjectHeld && !index.manifests.some((e) => e.digest === subject.digest)) {
          index.manifests.push({ mediaType: subject.mediaType, digest: subject.digest, size: subject.size });
          changed = true;
        }
        if (!index.manifests.some((e) => e.digest === descriptor.digest)) {
          index.manifests.push(entry);
          changed = true;
        }
        return changed;
      });
    }
    // Other untagged manifests stay out of index.json (but a referrer's subject): a child is reachable through what points to it.
  }

  /**
   * The referrers of `subject`: every manifest index.json lists (tagged or not)
   * whose `subject` is it, and the entries of a tag-schema index (`sha256-<hex>`)
   * if one was copied in from a registry.
   */
  async referrers(subject: Descriptor, query: ReferrersQuery = {}): Promise<ReferrersListing> {
    const index = await this.readIndex();
    const found = new Map<string, Descriptor>();
    for (const entry of index.manifests) {
      if (!isManifestMediaType(entry.mediaType) || found.has(entry.digest)) continue;
      const known = await this.subjectOfEntry(entry);
      if (known?.subject === subject.digest) found.set(entry.digest, known.referrer);
    }
    const tagged = index.manifests.find((e) => refNameOf(e) === referrersTag(subject.digest));
    if (tagged && tagged.digest !== subject.digest) {
      try {
        const { bytes } = await this.fetchManifest(withoutRefName(tagged));
        const listed = parseManifest(bytes, `referrers index ${tagged.digest} in ${this.name}`);
        if ('manifests' in listed) {
          for (const d of listed.manifests) {
            if (!isManifestMediaType(d.mediaType) || found.has(d.digest)) continue;
            // The manifest itself, when the layout has it, says best what it is (a copy may have dropped
            // artifactType from the index, as skopeo 1.9 does) and whether it refers to this subject at all.
            const known = await this.subjectOfEntry(d);
            if (!known) found.set(d.digest, d);
            else if (known.subject === subject.digest) found.set(d.digest, known.referrer);
          }
        }
      } catch (error) {
        if (!(error instanceof OcikitError)) throw error; // a damaged tag-schema index lists nothing
      }
    }
    return { manifests: filterByArtifactType([...found.values()], query.artifactType), via: 'layout' };
  }

  private async subjectOfEntry(entry: Descriptor): Promise<{ subject: string | undefined; referrer: Descriptor } | undefined> {
    const cached = this.subjects.get(entry.digest);
    if (cached) return cached;
    let bytes: Uint8Array;
    try {
      bytes = await this.readManifestBytes(entry.digest, entry.size);
    } catch (error) {
      if (error instanceof OcikitError && error.code === 'NOT_FOUND') return undefined; // listed but gone: not ours to fail on
      throw error;
    }
    const manifest = parseManifest(bytes, `manifest ${entry.digest} in ${this.name}`, entry.mediaType);
    const known = { subject: manifest.subject?.digest, referrer: referrerDescriptor(entry, manifest) };
    this.subjects.set(entry.digest, known);
    return known;
  }

  /** A layout answers referrers from the manifests it holds: every referrer in it is listed, by that walk. */
  referrerListing(): ReferrerListing {
    return { via: 'layout' };
  }

  async tag(descriptor: Descriptor, tag: string): Promise<void> {
    checkTag(tag);
    // Read and verified, as a registry's tag re-sends the manifest it read: a tag never names bytes that were changed.
    await this.readManifestBytes(descriptor.digest, descriptor.size).catch((error: unknown) => {
      if (!isOcikitError(error, 'NOT_FOUND')) throw error;
      throw new OcikitError('NOT_FOUND', `cannot tag ${descriptor.digest} as "${tag}": ${this.name} does not hold that manifest`, {
        hint: 'push the manifest first',
      });
    });
    await this.updateIndex((index) => applyTag(index, descriptor, tag));
  }

  /** Every tag, sorted; `n` is a page size and a layout has one page. */
  async tags(options: TagListOptions = {}): Promise<string[]> {
    const tags = tagsOf(await this.readIndex());
    const last = options.last;
    return last === undefined ? tags : tags.filter((tag) => tag > last);
  }

  /**
   * Removes every index.json entry of the manifest (all its tags), as a
   * registry's delete does. The blob stays in blobs/: another index in the
   * layout may still list it as a child.
   */
  async deleteManifest(descriptor: Descriptor): Promise<void> {
    let found = false;
    await this.updateIndex((index) => {
      const kept = index.manifests.filter((entry) => entry.digest !== descriptor.digest);
      found = kept.length < index.manifests.length;
      index.manifests = kept;
      return found;
    });
    if (!found) {
      throw new OcikitError('NOT_FOUND', `${descriptor.digest} is not listed in ${this.name}'s index.json`, {
        hint: 'only manifests the layout lists (tagged or not) can be deleted; `ocikit tags` shows its tags',
      });
    }
  }

  /** The entries of index.json as they are (tags included as ref name annotations). */
  async listManifests(): Promise<Descriptor[]> {
    return (await this.readIndex()).manifests;
  }

  async close(): Promise<void> {
    // Nothing is held between calls: the index lock lives only inside an update.
  }

  private blobPath(digest: string): string {
    // parseDigest admits only known algorithms and lowercase hex, so the path cannot leave blobs/.
    const { algorithm, hex } = parseDigest(digest);
    return join(this.root, 'blobs', algorithm, hex);
  }

  private async readIndex(): Promise<ImageIndex> {
    const index = await this.readIndexIfPresent();
    if (!index) throw this.noIndex();
    return index;
  }

  private async readIndexIfPresent(): Promise<ImageIndex | undefined> {
    const bytes = await readFile(join(this.root, INDEX_FILE)).catch(notFoundAs(undefined));
    return bytes && parseIndexJson(bytes, `${INDEX_FILE} of ${this.name}`);
  }

  private noIndex(): OcikitError {
    return new OcikitError('INVALID_INPUT', `${this.name} is not a complete OCI image layout: it has no ${INDEX_FILE}`, {
      hint: 'the layout is damaged; recreate it',
    });
  }

  /**
   * Read-modify-write of index.json under the layout's lock. The index is
   * re-read inside the lock (what was read before may be stale); `change` edits
   * it in place and says whether to write it back.
   */
  private async updateIndex(change: (index: ImageIndex) => boolean, options: { createIfMissing?: boolean } = {}): Promise<void> {
    const path = join(this.root, INDEX_FILE);
    await withFileLock(
      path,
      async () => {
        const current = await this.readIndexIfPresent();
        if (!current && !options.createIfMissing) throw this.noIndex();
        const index = current ?? emptyIndex();
        if (change(index) || !current) await writeFileAtomic(path, JSON.stringify(index));
      },
      { name: this.name },
    );
  }

  private missing(error: unknown, what: string): unknown {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
    return new OcikitError('NOT_FOUND', `${what} not found in ${this.name}`, {
      hint: 'the layout does not hold it; push it or copy it in first',
    });
  }
}

/** For `.catch`: turns a missing file into `value`, rethrows anything else. */
function notFoundAs<T>(value: T): (error: unknown) => T {
  return (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return value;
    throw error;
  };
}
