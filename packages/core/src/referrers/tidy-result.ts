/**
 * What `referrers tidy` found and did, as every front end prints it and as its
 * JSON: plain data, so `--json`, an action's output and a component's report are
 * this object as it is.
 */

/** An entry of a tag-schema index given the referrer's own artifactType and annotations. */
export interface DescribedEntry {
  digest: string;
  /** The artifact type it gets (from the referrer's manifest), when it had none or another. */
  artifactType?: string;
  /** The annotation keys it gets, changes or loses (to be the referrer manifest's). */
  annotations: string[];
  /** Other fields the entry had wrong (mediaType, size). */
  other?: string[];
}

export interface DroppedEntry {
  digest: string;
  /** `gone`: the repository no longer holds the referrer's manifest; `duplicate`: listed before in the same index. */
  why: 'gone' | 'duplicate';
}

/** One `sha256-<hex>` tag looked at, and what was (or would be) done to it. */
export interface TidiedIndex {
  tag: string;
  /** The manifest the tag lists referrers of. */
  subject: string;
  /** The index manifest the tag named when read. */
  index?: string;
  /**
   * `keep`: nothing to change; `repair`: entries to describe or drop; `delete`:
   * its subject is gone; `leave`: not something tidy may change (`reason` says why).
   */
  action: 'keep' | 'repair' | 'delete' | 'leave';
  reason?: string;
  described: DescribedEntry[];
  dropped: DroppedEntry[];
  /**
   * After `apply`: `written` (the index repaired; `written` is its new digest),
   * `unchanged` (another writer had made it so already), `deleted`, `rewritten`
   * (another writer tagged a new index meanwhile, which stays), `refused` (the
   * registry would not; `status` and `answer` are its answer), `failed` (`error`).
   */
  outcome?: 'written' | 'unchanged' | 'deleted' | 'rewritten' | 'refused' | 'failed';
  written?: string;
  /** Read-modify-write rounds the repair took (1 without contention). */
  attempts?: number;
  status?: number;
  answer?: string;
  error?: string;
}

/** A referrer of a subject that is gone, listed only by that subject's index. */
export interface OrphanReferrer {
  digest: string;
  mediaType: string;
  artifactType?: string;
  /** The subject it refers to, which is gone. */
  subject: string;
  /** `delete` (asked for with the referrers option) or `keep` (`reason` says why). */
  action: 'delete' | 'keep';
  reason?: string;
  outcome?: 'deleted' | 'refused' | 'failed';
  status?: number;
  answer?: string;
  error?: string;
}

export interface TidyReferrersResult {
  /** registry/repository */
  repository: string;
  /** The subject asked about, when one was (else the whole repository). */
  subject?: string;
  /** `tag`: the repository's referrers are in the tag schema, which tidy looked at; `api`: the registry lists them itself. */
  via: 'api' | 'tag';
  /** Whether changes were written (`apply`), or only said (a dry run). */
  applied: boolean;
  indexes: TidiedIndex[];
  /** Referrers of gone subjects: deleted with the referrers option, else listed as kept. */
  referrers: OrphanReferrer[];
  /** With the API: the `sha256-<hex>` tags in the repository, which no client of the API reads. Left as they are. */
  unusedTags?: string[];
  /** Indexes to change (or changed): repaired or deleted. */
  changes: number;
  /** Whether something failed or was refused (a front end exits non-zero on `failed`). */
  failed: number;
  refused: number;
}
