// The npm packages of a release, packed by npm itself (`npm pack`), so a test lists
// exactly what `npm publish` would upload.
import { run } from './run.mjs';

export const NPM_WORKSPACES = ['packages/core', 'packages/cli'];

/**
 * `npm pack` of each published workspace into `outDir` (or, with `dryRun`, only the
 * listing): [{ name, version, filename, files: [{ path, size, mode }] }].
 */
export async function packNpmPackages(repoRoot, { outDir, dryRun = false } = {}) {
  const args = ['pack', '--json', '--ignore-scripts', ...NPM_WORKSPACES.flatMap((w) => ['--workspace', w])];
  if (dryRun) args.push('--dry-run');
  if (outDir) args.push('--pack-destination', outDir);
  return JSON.parse(await run('npm', args, { cwd: repoRoot }));
}
