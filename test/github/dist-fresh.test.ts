// Every committed action bundle (dist/) matches its sources: the hashes recorded in
// dist/build-manifest.json at build time against the files as they are now. Fast
// enough for every run; `npm run build:actions -- --check` rebuilds and compares
// bytes (the CI workflow runs it).
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ActionBundle,
  MANIFEST_FILE,
  hashInputs,
  hashOutputs,
  listActionBundles,
  serializeManifest,
  staleness,
} from '../../packages/github/src/bundle/manifest.js';
import { REPO_ROOT } from '../harness/ocikit-cli.js';
import { makeTempDir } from '../harness/temp.js';

describe('committed action bundles', () => {
  it.each(listActionBundles(REPO_ROOT).map((b) => [b.distDir, b] as const))('%s is fresh', (_, bundle) => {
    const problems = staleness(REPO_ROOT, bundle);
    // The message says what to do; the list says why.
    expect({ bundle: bundle.distDir, fix: problems.length ? 'run `npm run build:actions` and commit dist/' : 'none', problems }).toEqual({
      bundle: bundle.distDir,
      fix: 'none',
      problems: [],
    });
  });
});

describe('the freshness check itself', () => {
  /** A tiny repository with one built action, to break in every way. */
  function fakeRepo(): { root: string; bundle: ActionBundle } {
    const root = makeTempDir('ocikit-fake-repo-');
    const write = (path: string, text: string): void => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('node_modules/@vercel/ncc/package.json', '{"version":"0.45.0"}');
    write('node_modules/typescript/package.json', '{"version":"5.9.3"}');
    write('packages/github/src/main/pull.ts', 'await run();\n');
    write('node_modules/dep/index.js', 'module.exports = 1;\n');
    write('actions/pull/action.yml', 'name: x\n');
    write('actions/pull/dist/index.js', 'bundle();\n');
    write('actions/pull/dist/1.index.js', 'chunk();\n');
    const bundle = listActionBundles(root)[0]!;
    const distDir = join(root, bundle.distDir);
    writeFileSync(
      join(distDir, MANIFEST_FILE),
      serializeManifest({
        verb: 'pull',
        tools: { '@vercel/ncc': '0.45.0', typescript: '5.9.3' },
        inputs: hashInputs(root, [bundle.entry, 'node_modules/dep/index.js']),
        outputs: hashOutputs(distDir),
      }),
    );
    return { root, bundle };
  }

  it('passes a bundle built from the files as they are', () => {
    const { root, bundle } = fakeRepo();
    expect(bundle).toEqual({ verb: 'pull', dir: 'actions/pull', distDir: 'actions/pull/dist', entry: 'packages/github/src/main/pull.ts' });
    expect(staleness(root, bundle)).toEqual([]);
  });

  it('fails when a source or a dependency changed, or a tool was upgraded', () => {
    const { root, bundle } = fakeRepo();
    writeFileSync(join(root, bundle.entry), 'await run(); // edited\n');
    writeFileSync(join(root, 'node_modules/dep/index.js'), 'module.exports = 2;\n');
    writeFileSync(join(root, 'node_modules/@vercel/ncc/package.json'), '{"version":"0.46.0"}');
    expect(staleness(root, bundle)).toEqual([
      '@vercel/ncc is 0.46.0, it was built with 0.45.0',
      'node_modules/dep/index.js changed',
      'packages/github/src/main/pull.ts changed',
    ]);
  });

  it('fails when the bundle was edited, lost a chunk or gained a file', () => {
    const { root, bundle } = fakeRepo();
    const dist = join(root, bundle.distDir);
    writeFileSync(join(dist, 'index.js'), 'bundle(); // hotfix\n');
    writeFileSync(join(dist, 'extra.js'), '');
    rmSync(join(dist, '1.index.js'));
    expect(staleness(root, bundle)).toEqual([
      'actions/pull/dist/1.index.js is missing',
      'actions/pull/dist/index.js was edited after the build',
      'actions/pull/dist/extra.js was not written by the build',
    ]);
  });

  it('fails when it was never built', () => {
    const root = makeTempDir('ocikit-fake-repo-');
    mkdirSync(join(root, 'actions', 'attach'), { recursive: true });
    writeFileSync(join(root, 'actions', 'attach', 'action.yml'), 'name: x\n');
    const [bundle] = listActionBundles(root);
    expect(staleness(root, bundle!)).toEqual([`actions/attach/dist/${MANIFEST_FILE} is missing (never built)`]);
  });
});
