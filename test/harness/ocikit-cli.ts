// Runs the built `ocikit` binary as a user would (`npm test` builds it first).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunResult, run } from './peers.js';
import { CANARY_SECRET, CANARY_VARIABLE, cliSource, recordExposure, secretsOfCliRun } from './secret-ledger.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'ocikit.js');

export interface CliOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string>;
}

/** `ocikit <args>` in a clean environment: no OCIKIT_* or SOURCE_DATE_EPOCH from the host leaks in. */
export async function ocikit(args: string[], options: CliOptions = {}): Promise<RunResult> {
  if (!existsSync(join(REPO_ROOT, 'packages', 'cli', 'dist', 'main.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
  }
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('OCIKIT_') && key !== 'SOURCE_DATE_EPOCH' && key !== 'CI') env[key] = value;
  }
  const result = await run(process.execPath, [BIN, ...args], {
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
