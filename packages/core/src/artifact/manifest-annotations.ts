/**
 * Which manifest annotation wins when several sources set one key: one rule for
 * every front end. What the user sets always wins over what the CI run adds,
 * and both over what ocikit sets itself.
 */
export interface ManifestAnnotationSources {
  /** What ocikit sets itself: `created` (the time of the push, or SOURCE_DATE_EPOCH). */
  own?: Record<string, string>;
  /** What the CI run adds: `source`, `revision`, `created` of the workflow run or pipeline. */
  run?: Record<string, string>;
  /** The user's annotation file's `$manifest`. */
  file?: Record<string, string>;
  /** The user's keys one by one (`--annotation`, the `annotations` input): over the file's, as the more specific. */
  given?: Record<string, string>;
}

/** The manifest's annotations: given > annotation file > CI run > ocikit's own. */
export function manifestAnnotations(sources: ManifestAnnotationSources): Record<string, string> {
  return { ...sources.own, ...sources.run, ...sources.file, ...sources.given };
}
