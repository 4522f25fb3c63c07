// The git commit a build is made from, for `ocikit version` (bundle-cli.mjs writes it
// into the bundle). Never an error: a source tarball, a Docker build context without
// .git, or a machine without git builds all the same, with `unknown`.
import { execFileSync } from 'node:child_process';

/** The placeholder in packages/cli/src/commands/version.ts that the bundle gets the commit in. */
export const BUILD_COMMIT_PLACEHOLDER = '__OCIKIT_BUILD_COMMIT__';

/** `git rev-parse HEAD` in `dir`, or `unknown` when git or the repository is not there. */
export function buildCommit(dir, env = process.env) {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit) ? commit : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `code` with the placeholder replaced by `commit`; throws when the placeholder is not in it exactly once (version.ts changed). */
export function withBuildCommit(code, commit) {
  const count = code.split(BUILD_COMMIT_PLACEHOLDER).length - 1;
  if (count !== 1) {
    throw new Error(`the bundle holds ${BUILD_COMMIT_PLACEHOLDER} ${count} times, not once: see packages/cli/src/commands/version.ts`);
  }
  return code.replace(BUILD_COMMIT_PLACEHOLDER, commit);
}
