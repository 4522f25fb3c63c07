/**
 * Registries that keep tags immutable refuse to move one, each in its own words:
 * ECR (400 TAG_INVALID, "… cannot be overwritten because the repository is
 * immutable"), Harbor (412 PRECONDITION, "… is immutable"), Artifact Registry and
 * Docker Hub (400/403 naming immutability), GitLab's protected container tags (403,
 * "protected"). The tag schema's `sha256-<hex>` index is rewritten at every attach,
 * so an immutability rule that covers it breaks attach, sign and attest after the
 * first referrer: the hint says which pattern to exclude.
 */
import { OcikitError, optionRef } from '../errors.js';
import { referrersTagSubject } from '../oci/referrers-tag.js';

const REFUSING_STATUSES = new Set([400, 403, 409, 412]);
const IMMUTABLE_ANSWER = /immutable|cannot be overwritten|protected tag|tag is protected/i;

/** Whether a registry's answer to a manifest `PUT` by tag is its refusal to move an immutable tag. */
export function isImmutableTagRefusal(status: number, answer: string): boolean {
  return REFUSING_STATUSES.has(status) && IMMUTABLE_ANSWER.test(answer);
}

/** The error for `repository:tag` refused as immutable: `answer` is the registry's words. */
export function immutableTagError(repository: string, tag: string, status: number, answer: string): OcikitError {
  const referrersIndex = referrersTagSubject(tag) !== undefined;
  return new OcikitError('ALREADY_EXISTS', `${repository}:${tag} exists and the registry keeps it immutable (HTTP ${status})`, {
    detail: answer,
    hint: referrersIndex
      ? 'this tag holds the referrers index of a subject (the sha256-<hex> tag schema), which every attach, sign and attest rewrites: ' +
        'exclude the pattern sha256-* from the immutability rule (ECR: IMMUTABLE_WITH_EXCLUSION with the filter sha256-*; Harbor: a tag immutability rule whose tags exclude sha256-*; ' +
        `GitLab: a protection rule whose pattern does not match sha256-*), or use a registry with the referrers API (${optionRef('referrers-mode')} api)`
      : 'push under a new tag (a version, a commit), or ask the registry\'s administrator to exempt this tag from the immutability rule',
    status,
  });
}
