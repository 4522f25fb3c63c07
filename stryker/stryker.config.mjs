// StrykerJS for one module of stryker/modules.mjs, named by OCIKIT_MUTATION_MODULE
// (stryker/run.mjs sets it; `npm run test:mutation -- <module>`).
import { MODULES } from './modules.mjs';

const name = process.env.OCIKIT_MUTATION_MODULE ?? '';
const module = MODULES[name];
if (!module) {
  throw new Error(`OCIKIT_MUTATION_MODULE=${JSON.stringify(name)} is not one of: ${Object.keys(MODULES).join(', ')}`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: module.mutate,
  testRunner: 'jest',
  // Jest runs the tests as ES modules (package.json "test"); the runner is a child process of Stryker's.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    configFile: 'jest.config.js',
    // Only this module's tests are candidates; per-test coverage then picks, for each
    // mutant, the tests that ran its code.
    config: { testMatch: module.tests.map((file) => `<rootDir>/${file}`) },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'packages/core/tsconfig.json',
  // Mutants that change only the words of an error or warning are not run (see the plugin).
  appendPlugins: ['./stryker/ignore-message-text.mjs'],
  ignorers: ['message-text'],
  concurrency: Number(process.env.OCIKIT_MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  // The sandbox is .stryker-tmp/sandbox-*; test/harness/oci-schema.ts reads ../shared
  // from the checkout's parent, which run.mjs links as .stryker-tmp/shared.
  tempDirName: '.stryker-tmp',
  // No test chosen runs the CLI or an action (they run bundles, which no mutant reaches).
  ignorePatterns: ['actions', 'dist', 'packages/*/dist', 'packages/cli/bundle', 'reports', 'coverage', 'bench', 'examples', 'templates', 'docs'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  thresholds: { high: 90, low: 80, break: null },
};
