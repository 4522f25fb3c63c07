// Runs the built `ocikit` binary as a user would (`npm test` builds it first).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunResult, run } from './peers.js';
import { CANARY_SECRET, CANARY_VARIABLE, cliSource, recordExposure, secretsOfCliRun } from './secret-ledger.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI as it ships: bin/ocikit.js runs packages/cli/bundle/, made from tsc's output by `npm run build`. */
export const CLI_BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'ocikit.js');
const BUNDLE = join(REPO_ROOT, 'packages', 'cli', 'bundle', 'main.js');

let bundleChecked = false;
/**
 * Throws unless the bundle exists and is newer than every module tsc compiled into
 * core's, packages/gitlab's and the CLI's dist/: a `tsc -b` alone leaves the bundle,
 * and so every CLI test, on the code from before.
 */
export function assertCliBuilt(): void {
  if (bundleChecked) return;
  if (!existsSync(BUNDLE)) throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
  const bundled = statSync(BUNDLE).mtimeMs;
  const newer = ['core', 'gitlab', 'cli'].flatMap((name) => {
    const dist = join(REPO_ROOT, 'packages', name, 'dist');
    return readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && statSync(join(dist, file)).mtimeMs > bundled)
      .map((file) => `packages/${name}/dist/${file}`);
  });
  if (newer.length > 0) {
    throw new Error(`the CLI bundle is older than ${newer[0]}${newer.length > 1 ? ` and ${newer.length - 1} more` : ''}: run \`npm run build\``);
  }
  bundleChecked = true;
}

export interface CliOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string>;
}

/** `ocikit <args>` in a clean environment: no OCIKIT_* or SOURCE_DATE_EPOCH from the host leaks in. */
export async function ocikit(args: string[], options: CliOptions = {}): Promise<RunResult> {
  assertCliBuilt();
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('OCIKIT_') && key !== 'SOURCE_DATE_EPOCH' && key !== 'CI') env[key] = value;
  }
  const result = await run(process.execPath, [CLI_BIN, ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.input !== undefined ? { input: options.input } : { input: '' }),
    env: { ...env, [CANARY_VARIABLE]: CANARY_SECRET, ...options.env },
  });
  // Checked after the test by secrets-check.ts (suite-wide): no secret given may be printed.
  recordExposure({
    source: cliSource(args),
    secrets: secretsOfCliRun(args, options.env, options.input, options.cwd),
    surfaces: { stdout: result.stdout, stderr: result.stderr },
  });
  return result;
}
