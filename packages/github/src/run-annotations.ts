/**
 * The manifest annotations a workflow run knows: where the source lives and which
 * commit was built. `org.opencontainers.image.created` is left to core, which sets
 * it to the time of the push (the run's time) or to SOURCE_DATE_EPOCH, so a
 * reproducible build keeps a reproducible digest. Whatever the user sets wins.
 */
import { Annotation, manifestAnnotations } from '@ocikit/core';
import type { Env } from './inputs.js';

/** `org.opencontainers.image.source` and `.revision` from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA. */
export function runAnnotations(env: Env = process.env): Record<string, string> {
  const annotations: Record<string, string> = {};
  const server = (env.GITHUB_SERVER_URL ?? '').trim().replace(/\/+$/, '');
  const repository = (env.GITHUB_REPOSITORY ?? '').trim();
  if (server !== '' && repository !== '') annotations[Annotation.Source] = `${server}/${repository}`;
  const sha = (env.GITHUB_SHA ?? '').trim();
  if (sha !== '') annotations[Annotation.Revision] = sha;
  return annotations;
}

/** The run's annotations under the user's (core's rule): a key the user sets is theirs. */
export function withRunAnnotations(user: Record<string, string>, env: Env = process.env): Record<string, string> {
  return manifestAnnotations({ run: runAnnotations(env), given: user });
}

