import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener, StoreKind } from '../progress/progress.js';

/** Blob content that can be opened again (a retry or resume re-reads it). */
export interface BlobSource {
  descriptor: Descriptor;
  /** The bytes from `start` to `end` inclusive (default: all of them). */
  open(start?: number, end?: number): Readable;
}

export interface FetchedManifest {
  descriptor: Descriptor;
  /** The exact bytes, verified against `descriptor.digest`. */
  bytes: Uint8Array;
}

export interface PushOptions {
  progress?: ProgressListener;
  signal?: AbortSignal;
  /**
   * Where the blob is being copied from. A store that can take it from there
   * without the bytes (a cross-repository mount on one registry) does so; any
   * other store ignores it and reads `source`.
   */
  mountFrom?: Target;
  /** Also try an OCI 1.1 anonymous mount (`mount=` without `from`) when `mountFrom` cannot be used. */
  anonymousMount?: boolean;
}

export interface TagListOptions {
  /** Page size to ask for (`n`); registries may ignore it. */
  n?: number;
  /** Only tags after this one in lexical order (`last`). */
  last?: string;
}

/**
 * One interface for every store ocikit talks to: a remote repository or an OCI
 * image layout directory. Every verb is written once over it.
 */
/** How a registry lists a referrer it holds. */
export interface RegistryReferrerListing {
  /** `api`: the registry lists it itself; `tag`: the tag schema's index was updated. */
  via: 'api' | 'tag';
  /** The tag schema's tag (`sha256-<hex>`), when `via` is `tag`. */
  tag?: string;
  /** The index the tag names after the update. */
  index?: Descriptor['digest'];
  /** Read-modify-write rounds it took (1 without contention). */
  attempts?: number;
  /** Replaced index manifests deleted afterwards. */
  cleanedUp?: string[];
}

/** How the store lists a referrer: the registry's API, the `sha256-<hex>` tag schema, or a layout's own walk of its manifests. */
export type ReferrerListing = RegistryReferrerListing | { via: 'layout' };

export interface Target {
  /** How the store is named in messages: `127.0.0.1:5000/app` or `oci-layout:./dir`. */
  readonly name: string;

  /**
   * How a referrer this store holds, pushed (or deleted) through it, is listed for
   * its subject: what attach, sign and attest report. Undefined when this store did
   * not push it.
   */
  referrerListing(digest: string): ReferrerListing | undefined;

  /** What storing here is, as progress reports it: `upload` (a registry) or `write` (a local layout). */
  readonly storing: StoreKind;

  /** A tag or digest to the descriptor of the manifest it names. */
  resolve(reference: string): Promise<Descriptor>;

  /** Whether the store holds this blob or manifest. */
  exists(descriptor: Descriptor): Promise<boolean>;

  /**
   * A stream of the blob's bytes. It verifies size and digest as it flows and
   * errors at its end if they do not match, so consumers must finish reading
   * before trusting what they wrote.
   */
  fetchBlob(descriptor: Descriptor, options?: { signal?: AbortSignal }): Promise<Readable>;

  /** A manifest by descriptor, tag or digest: bounded to 4 MiB and verified. */
  fetchManifest(reference: Descriptor | string): Promise<FetchedManifest>;

  /** Stores a blob unless it is already there; returns how it got there. */
  pushBlob(source: BlobSource, options?: PushOptions): Promise<'uploaded' | 'skipped' | 'mounted'>;

  /** Stores a manifest (under `tag` when given) with its exact media type. */
  pushManifest(descriptor: Descriptor, bytes: Uint8Array, tag?: string): Promise<void>;

  /** Optional: the manifest under several tags at once, where the store can do better than one push a tag (pushTagged). */
  pushManifestTags?(descriptor: Descriptor, bytes: Uint8Array, tags: readonly string[]): Promise<void>;

  /** Points `tag` at a manifest the store already holds. */
  tag(descriptor: Descriptor, tag: string): Promise<void>;

  /** Tags in the repository or layout, every page of them. */
  tags(options?: TagListOptions): Promise<string[]>;

  /**
   * Optional: removes a manifest (and with it every tag that names it). Stores
   * that cannot delete leave it out.
   */
  deleteManifest?(descriptor: Descriptor): Promise<void>;

  /**
   * Optional: stores a stream whose digest is not known up front (what a
   * recompression produces) without holding it whole in memory or on disk. The
   * blob stays invisible until `commit`. Use `stageBlobStream` (blob-stream.ts),
   * which falls back to a temp file for stores without it.
   */
  stageBlobStream?(stream: Readable, options: StageBlobOptions): Promise<StagedBlob>;

  /**
   * Optional: the manifests whose `subject` is `subject` (OCI 1.1 referrers), as
   * descriptors with `artifactType` and annotations. A registry answers from
   * its referrers API or the `sha256-<hex>` tag schema; a layout from the
   * manifests it holds. Stores that keep referrers also maintain them on
   * `pushManifest` and `deleteManifest` of a manifest with a subject.
   */
  referrers?(subject: Descriptor, query?: ReferrersQuery): Promise<ReferrersListing>;

  /** Releases connections and locks. */
  close(): Promise<void>;
}

export interface StageBlobOptions {
  /** The media type the blob's descriptor gets. */
  mediaType: string;
  signal?: AbortSignal;
}

/** A blob written to a store but not yet visible in it (an open upload session, a temp file). */
export interface StagedBlob {
  /** Digest and size of the bytes actually stored, computed as they went. */
  readonly descriptor: Descriptor;
  /** Makes the blob visible ('skipped': the store held it already). Once only. */
  commit(): Promise<'uploaded' | 'skipped'>;
  /** Drops what was staged; harmless after a commit or a second time. */
  abort(): Promise<void>;
}

/** What `Target.referrers` is asked. */
export interface ReferrersQuery {
  /** Only referrers of this artifact type (filtered by the registry when it can, else locally). */
  artifactType?: string;
  signal?: AbortSignal;
}

/** What `Target.referrers` answers. */
export interface ReferrersListing {
  /** Descriptors of the referrers, each with `artifactType` and the manifest's annotations. */
  manifests: Descriptor[];
  /** Where the list came from: the referrers API, the tag schema's index, or a layout's index.json. */
  via: 'api' | 'tag' | 'layout';
}
