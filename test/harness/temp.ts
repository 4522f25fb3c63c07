// Temp directories that go away with the test file that made them, pass or fail.
import { afterAll } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

// Registered when a test file imports this module (jest keeps one module registry
// per test file), so each file cleans up its own directories.
afterAll(async () => {
  const dirs = [...made];
  made.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory under the system temp dir, removed after the test file's last test. */
export function makeTempDir(prefix = 'ocikit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}
