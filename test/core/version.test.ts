import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCIKIT_VERSION, USER_AGENT } from '@ocikit/core';
import { REPO_ROOT } from '../harness/ocikit-cli.js';

it('reports the version the packages carry', () => {
  for (const pkg of ['core', 'cli']) {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', pkg, 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(OCIKIT_VERSION);
  }
  expect(USER_AGENT).toBe(`ocikit/${OCIKIT_VERSION}`);
});
