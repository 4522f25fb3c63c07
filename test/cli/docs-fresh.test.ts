// The docs that the code already says are written from it (scripts/docs.mjs): each
// CLI verb's usage from its --help, each action's inputs and outputs from action.yml.
// A change to either without `npm run docs` fails here, naming the page.
import { expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
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

test('docs/github.md shows every action and docs/gitlab.md every component, each with an example', () => {
  const actions = readdirSync(join(REPO_ROOT, 'actions'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const components = readdirSync(join(REPO_ROOT, 'templates')).filter((name) => name.endsWith('.yml')).map((name) => name.replace(/\.yml$/, ''));
  expect(actions).toEqual(expect.arrayContaining(['sign', 'verify']));
  expect(components).toEqual(expect.arrayContaining(['sign', 'verify']));
  const github = readFileSync(join(REPO_ROOT, 'docs', 'github.md'), 'utf8');
  const gitlab = readFileSync(join(REPO_ROOT, 'docs', 'gitlab.md'), 'utf8');
  expect(actions.filter((verb) => !github.includes(`uses: ocikit/ocikit/actions/${verb}@`))).toEqual([]);
  expect(github).toContain('uses: ocikit/ocikit@');
  expect(components.filter((verb) => !new RegExp(`component: .*/${verb}@`).test(gitlab))).toEqual([]);
});
