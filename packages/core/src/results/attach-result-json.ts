/** What `attach` reports (`ocikit attach --json`, the attach action's `json` output). */
import type { Reference } from '../reference/reference.js';
import type { AttachResult } from '../referrers/attach.js';
import { type ReferrerResultJson, referrerResultJson } from './referrer-result-json.js';

export interface AttachResultJson extends ReferrerResultJson {
  files: Array<{ path: string; mediaType: string; kind?: string }>;
}

/** `subject` is the reference the attach named (tag or digest). */
export function attachResultJson(subject: Reference, result: AttachResult): AttachResultJson {
  return {
    ...referrerResultJson(subject, result),
    files: result.files.map((f) => ({ path: f.path, mediaType: f.mediaType, ...(f.kind ? { kind: f.kind.name } : {}) })),
  };
}
