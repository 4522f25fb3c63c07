// One convention for what a verb prints: a verb that writes a manifest prints what it
// did for a person and ends with `Digest: <digest>` on stdout, and --json is the
// machine form of the same result, with the same digest. (Progress and warnings go
// to stderr.) Run on an OCI layout: no registry needed for what this holds.
import { describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ocikit } from '../harness/ocikit-cli.js';
import { makeTempDir } from '../harness/temp.js';

const work = makeTempDir('ocikit-stdout-');
const layout = `oci-layout:${join(work, 'layout')}`;

async function both(args: string[]): Promise<void> {
  const text = await ocikit(args, { cwd: work });
  expect({ code: text.code, stderr: text.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  const digest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(text.stdout)?.[1];
  expect({ args, stdout: text.stdout, digest }).toEqual({ args, stdout: text.stdout, digest: expect.stringMatching(/^sha256:/) });
  // The last line is the digest: DIGEST=$(ocikit ... | tail -1 | cut -d' ' -f2) works for every verb.
  expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(`Digest: ${digest}`);

  const json = await ocikit([...args, '--json'], { cwd: work });
  expect(json.code).toBe(0);
  expect((JSON.parse(json.stdout) as { digest: string }).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
}

describe('stdout: human text ending in "Digest:", or --json', () => {
  it('push, attach, copy, index create, release and recompress keep it', async () => {
    await writeFile(join(work, 'app.txt'), 'the app\n');
    await writeFile(join(work, 'sbom.spdx.json'), '{"spdxVersion":"SPDX-2.3"}');
    await writeFile(join(work, 'tool'), '#!/bin/sh\n');

    await both(['push', `${layout}:v1`, 'app.txt']);
    await both(['attach', `${layout}:v1`, 'sbom.spdx.json']);
    await both(['copy', `${layout}:v1`, `${layout}:copied`]);
    await both(['push', `${layout}:amd64`, 'app.txt', '--platform', 'linux/amd64']);
    await both(['index', 'create', `${layout}:multi`, ':amd64']);
    await both(['release', `${layout}:tool`, 'tool=linux/arm64']);
    await both(['recompress', `${layout}:v1`, `${layout}:zstd`]);
  });
});
