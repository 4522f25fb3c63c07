/**
 * What a GitLab job knows of its pipeline, from GitLab's predefined CI/CD
 * variables: the annotations a manifest gets from it, and the job's slug (the
 * name of its output files).
 */
import { Annotation, sourceDateEpoch } from '@ocikit/core';
import type { Env } from './inputs.js';

export type PipelineAnnotation = 'source' | 'revision' | 'created';

/**
 * `org.opencontainers.image.source` ($CI_PROJECT_URL), `.revision` ($CI_COMMIT_SHA)
 * and `.created` ($CI_PIPELINE_CREATED_AT), those of `keys` the pipeline has.
 * With SOURCE_DATE_EPOCH set, `created` is left to the CLI's reproducible time.
 */
export function pipelineAnnotations(env: Env, keys: readonly PipelineAnnotation[]): Record<string, string> {
  const values: Record<PipelineAnnotation, [string, string | undefined]> = {
    source: [Annotation.Source, env.CI_PROJECT_URL],
    revision: [Annotation.Revision, env.CI_COMMIT_SHA],
    created: [Annotation.Created, sourceDateEpoch(env) === undefined ? env.CI_PIPELINE_CREATED_AT : undefined],
  };
  const annotations: Record<string, string> = {};
  for (const key of keys) {
    const [name, value] = values[key];
    if (value) annotations[name] = value;
  }
  return annotations;
}

/**
 * The `--annotation` options of a run: the pipeline's annotations, then the
 * `annotations` input's lines as they are. The CLI takes the last value given for a
 * key (core's parseAnnotationArguments), so a key the user sets wins, whatever
 * level prefix it has (`manifest:`, `index:`, `manifest[linux/arm64]:`). A key the
 * annotation file's `$manifest` sets (`file`, which the CLI reads itself) wins over
 * the pipeline's too, so the pipeline's is left out (core's precedence: given >
 * file > the CI run).
 */
export function annotationOptions(lines: readonly string[], run: Record<string, string>, file: Record<string, string> = {}): string[] {
  const fromRun = Object.entries(run).filter(([key]) => !Object.hasOwn(file, key));
  return [...fromRun.map(([key, value]) => `${key}=${value}`), ...lines].flatMap((annotation) => ['--annotation', annotation]);
}

/** The job's slug ($CI_JOB_NAME_SLUG, else made from $CI_JOB_NAME as GitLab makes it): the name of its output files. */
export function jobSlug(env: Env, fallback: string): string {
  if (env.CI_JOB_NAME_SLUG) return env.CI_JOB_NAME_SLUG;
  return (env.CI_JOB_NAME || fallback)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 63);
}
