// Tests run on the TypeScript sources (swc strips types); the CLI tests spawn the
// built binary, which `npm test` builds first.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    '^@ocikit/core$': '<rootDir>/packages/core/src/index.ts',
    '^@ocikit/cli$': '<rootDir>/packages/cli/src/main.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  // Suite-wide: every test fails if a CLI or action run it made printed a secret it was given.
  setupFilesAfterEnv: ['<rootDir>/test/harness/secrets-check.ts'],
  reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
