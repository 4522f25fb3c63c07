// The committed bundle every action runs (dist/) matches its sources: the hashes
// recorded in dist/build-manifest.json at build time against the files as they are
// now. Fast enough for every run; `npm run build:actions -- --check` rebuilds and
// compares bytes (the CI workflow runs it).
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS_BUNDLE, MANIFEST_FILE, hashInputs, hashOutputs, serializeManifest, staleness } from '../../packages/github/src/bundle/manifest.js';
import { REPO_ROOT } from '../harness/ocikit-cli.js';
import { makeTempDir } from '../harness/temp.js';

describe('the committed actions bundle', () => {
  it('is fresh', () => {
    const problems = staleness(REPO_ROOT);
    // The message says what to do; the list says why.
    expect({ fix: problems.length ? 'run `npm run build:actions` and commit dist/' : 'none', problems }).toEqual({ fix: 'none', problems: [] });
  });

  it('is the only one: no action carries a bundle of its own, and all of it weighs under 8 MiB', () => {
    expect(readdirSync(join(REPO_ROOT, 'actions')).filter((verb) => readdirSync(join(REPO_ROOT, 'actions', verb)).includes('dist'))).toEqual([]);
    const dist = join(REPO_ROOT, ACTIONS_BUNDLE.distDir);
    const javascript = readdirSync(dist)
      .filter((name) => name.endsWith('.js'))
      .reduce((sum, name) => sum + statSync(join(dist, name)).size, 0);
    expect(javascript).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('the freshness check itself', () => {
  /** A tiny repository with the bundle built, to break in every way. */
  function fakeRepo(): string {
    const root = makeTempDir('ocikit-fake-repo-');
    const write = (path: string, text: string): void => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('node_modules/@vercel/ncc/package.json', '{"version":"0.45.0"}');
    write('node_modules/terser/package.json', '{"version":"5.51.4"}');
    write('node_modules/typescript/package.json', '{"version":"5.9.3"}');
    write(ACTIONS_BUNDLE.entry, 'export async function run() {}\n');
    write('node_modules/dep/index.js', 'module.exports = 1;\n');
    write('dist/actions.js', 'bundle();\n');
    write('dist/1.index.js', 'chunk();\n');
    const distDir = join(root, ACTIONS_BUNDLE.distDir);
    writeFileSync(
      join(distDir, MANIFEST_FILE),
      serializeManifest({
        name: ACTIONS_BUNDLE.name,
        tools: { '@vercel/ncc': '0.45.0', terser: '5.51.4', typescript: '5.9.3' },
        inputs: hashInputs(root, [ACTIONS_BUNDLE.entry, 'node_modules/dep/index.js']),
        outputs: hashOutputs(distDir),
      }),
    );
    return root;
  }

  it('passes a bundle built from the files as they are', () => {
    expect(staleness(fakeRepo())).toEqual([]);
  });

  it('fails when a source or a dependency changed, or a tool was upgraded', () => {
    const root = fakeRepo();
    writeFileSync(join(root, ACTIONS_BUNDLE.entry), 'export async function run() { /* edited */ }\n');
    writeFileSync(join(root, 'node_modules/dep/index.js'), 'module.exports = 2;\n');
    writeFileSync(join(root, 'node_modules/@vercel/ncc/package.json'), '{"version":"0.46.0"}');
    expect(staleness(root)).toEqual([
      '@vercel/ncc is 0.46.0, it was built with 0.45.0',
      'node_modules/dep/index.js changed',
      `${ACTIONS_BUNDLE.entry} changed`,
    ]);
  });

  it('fails when the bundle was edited, lost a chunk or gained a file', () => {
    const root = fakeRepo();
    const dist = join(root, ACTIONS_BUNDLE.distDir);
    writeFileSync(join(dist, 'actions.js'), 'bundle(); // hotfix\n');
    writeFileSync(join(dist, 'extra.js'), '');
    rmSync(join(dist, '1.index.js'));
    expect(staleness(root)).toEqual(['dist/1.index.js is missing', 'dist/actions.js was edited after the build', 'dist/extra.js was not written by the build']);
  });

  it('fails when it was never built', () => {
    expect(staleness(makeTempDir('ocikit-fake-repo-'))).toEqual([`dist/${MANIFEST_FILE} is missing (never built)`]);
  });
});
