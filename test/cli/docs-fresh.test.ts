// The docs that the code already says are written from it (scripts/docs.mjs): each
// CLI verb's usage from its --help, each action's inputs and outputs from action.yml.
// A change to either without `npm run docs` fails here, naming the page.
import { expect, test } from '@jest/globals';
import { join } from 'node:path';
import { REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';

test('docs/cli/<verb>.md and actions/<verb>/README.md match the CLI and the action.yml files', async () => {
  assertCliBuilt();
  const result = await run(process.execPath, [join(REPO_ROOT, 'scripts', 'docs.mjs'), '--check'], { cwd: REPO_ROOT });
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('generated docs are fresh\n');
  expect(result.code).toBe(0);
});
