// The fast lane, `npm run test:unit`: the tests that need nothing outside this
// process (no registry, no peer, no built CLI or action bundle), found from the
// imports themselves, so a test moves lanes as soon as it starts a registry.
// In-process loopback servers (hostile registries, the mock Sigstore) stay in.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import base from './jest.config.js';

const root = dirname(fileURLToPath(import.meta.url));
const testDir = join(root, 'test');

/** Harness modules that start or run something outside the process. */
const EXTERNAL = ['registry-process.ts', 'api-registry-process.ts', 'peers.ts', 'peer-tools.ts', 'ocikit-cli.ts', 'action-runner.ts', 'containerd.ts', 'gitlab-ci-local.ts'].map((name) =>
  join(testDir, 'harness', name),
);

/** Relative imports of a test-tree file, as absolute .ts paths. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)]
    .map((m) => resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts')))
    .filter((path) => path.startsWith(testDir));
}

const memo = new Map();
function reachesExternal(file) {
  if (EXTERNAL.includes(file)) return true;
  if (memo.has(file)) return memo.get(file);
  memo.set(file, false); // an import cycle does not reach by itself
  let found = false;
  try {
    found = importsOf(file).some(reachesExternal);
  } catch {
    found = false;
  }
  memo.set(file, found);
  return found;
}

const unit = readdirSync(testDir, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => join(testDir, path))
  .filter((file) => !reachesExternal(file));

export default {
  ...base,
  // No peers to check: nothing here runs one.
  globalSetup: undefined,
  testMatch: unit.map((file) => `<rootDir>/${relative(root, file)}`),
};
