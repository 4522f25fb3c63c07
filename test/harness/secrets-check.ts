// Jest setup file (jest.config.js setupFilesAfterEnv), so it applies to every test
// file with no opt-in: after each test, every CLI and action run the test made
// (recorded by ocikit-cli.ts and action-runner.ts, see secret-ledger.ts) is checked
// for the secrets it was given; one in stdout, stderr, an output, the summary, an
// error message or a debug log fails the test.
import { afterEach } from '@jest/globals';
import { findLeaks, takeExposures } from './secret-ledger.js';

afterEach(() => {
  const leaks = findLeaks(takeExposures());
  if (leaks.length > 0) {
    throw new Error(`secrets check: ${leaks.length} secret value(s) were printed where logs or later steps can read them:\n  ${leaks.join('\n  ')}`);
  }
});
