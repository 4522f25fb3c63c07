// A tag pushed over a manifest with referrers takes the name away from its
// signatures and SBOMs: ocikit says so, and --no-overwrite refuses the tag before
// a byte is pushed. On the registry (the tag schema) and in a layout.
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OciLayoutStore, RemoteRepository, type Target, attachArtifact, isOcikitError, pushArtifact, releaseArtifacts, parsePlatform, tagManifest } from '@ocikit/core';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

function recordingWarnings(): { warnings: string[]; progress: { warning(message: string): void } } {
  const warnings: string[] = [];
  return { warnings, progress: { warning: (message) => warnings.push(message) } };
}

async function file(name: string, content: string): Promise<string> {
  const path = join(makeTempDir(), name);
  await writeFile(path, content);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<Error & { code: string }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isOcikitError(error)) throw new Error(`expected an OcikitError, got ${String(error)}`);
  return error;
}

const targets: Array<[string, () => Promise<Target>]> = [
  ['a registry', async () => new RemoteRepository({ registry: registry.host, repository: `moves/${Math.random().toString(36).slice(2)}` })],
  ['an OCI layout', () => OciLayoutStore.open(makeTempDir(), { create: true })],
];

describe.each(targets)('a tag that moves, on %s', (_, open) => {
  it('warns when the manifest it leaves has referrers, and not when it has none or the tag stays', async () => {
    const target = await open();
    try {
      const first = await pushArtifact(target, { files: [{ path: await file('app.txt', 'one\n') }], tags: ['v1', 'plain'], sourceDateEpoch: 1 });
      await attachArtifact(target, first.descriptor.digest, { files: [{ path: await file('sbom.spdx.json', '{"spdxVersion":"SPDX-2.3"}') }] });

      // The same manifest again (a reproducible build): the tag stays, nothing to say.
      const again = recordingWarnings();
      await pushArtifact(target, { files: [{ path: await file('app.txt', 'one\n') }], tags: ['v1'], sourceDateEpoch: 1, progress: again.progress });
      expect(again.warnings).toEqual([]);

      const same = recordingWarnings();
      await pushArtifact(target, { files: [{ path: await file('app.txt', 'one, rebuilt\n') }], tags: ['v1'], progress: same.progress });
      expect(same.warnings).toEqual([expect.stringMatching(new RegExp(`:v1 moved from ${first.descriptor.digest} to sha256:[0-9a-f]{64}; the referrer of ${first.descriptor.digest} \\(signatures, SBOMs, reports\\) stays with it and no longer reaches v1`))]);

      const tagged = recordingWarnings();
      const second = await pushArtifact(target, { files: [{ path: await file('app.txt', 'two\n') }], tags: ['plain'], progress: tagged.progress });
      expect(tagged.warnings).toEqual([expect.stringContaining(':plain moved from')]);

      // No referrers on what it leaves: nothing to say.
      const quiet = recordingWarnings();
      await pushArtifact(target, { files: [{ path: await file('app.txt', 'three\n') }], tags: ['plain'], progress: quiet.progress });
      expect(quiet.warnings).toEqual([]);

      // `ocikit tag` moving a tag back onto the signed manifest: the manifest it leaves (second) has none.
      const back = recordingWarnings();
      await tagManifest(target, first.descriptor.digest, ['plain'], { progress: back.progress });
      expect(back.warnings).toEqual([]);
      expect((await target.resolve('plain')).digest).toBe(first.descriptor.digest);
      expect(second.descriptor.digest).not.toBe(first.descriptor.digest);
    } finally {
      await target.close();
    }
  });

  it('--no-overwrite refuses a tag that exists before any byte is pushed (push, release, tag)', async () => {
    const target = await open();
    try {
      const first = await pushArtifact(target, { files: [{ path: await file('app.txt', 'one\n') }], tags: ['v1'] });
      const blobBefore = await pushArtifact(target, { files: [{ path: await file('other.txt', 'x\n') }], tags: [] });

      const pushed = await refusal(pushArtifact(target, { files: [{ path: await file('new.txt', 'never sent\n') }], tags: ['v2', 'v1'], noOverwrite: true }));
      expect(pushed.code).toBe('ALREADY_EXISTS');
      expect(pushed.message).toMatch(new RegExp(`:v1 exists \\(${first.descriptor.digest}\\); nothing was pushed`));
      const neverSent = Buffer.from('never sent\n');
      expect(await target.exists({ mediaType: 'application/octet-stream', digest: `sha256:${createHash('sha256').update(neverSent).digest('hex')}`, size: neverSent.length })).toBe(false);
      await expect(target.resolve('v2')).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const released = await refusal(
        releaseArtifacts(target, { files: [{ path: await file('tool', 'bin\n'), platform: parsePlatform('linux/amd64') }], tags: ['v1'], noOverwrite: true }),
      );
      expect(released.code).toBe('ALREADY_EXISTS');

      const retagged = await refusal(tagManifest(target, blobBefore.descriptor.digest, ['v1'], { noOverwrite: true }));
      expect(retagged.code).toBe('ALREADY_EXISTS');
      expect((await target.resolve('v1')).digest).toBe(first.descriptor.digest);

      // A tag that does not exist yet is pushed as ever.
      const fresh = await pushArtifact(target, { files: [{ path: await file('app.txt', 'one\n') }], tags: ['v3'], noOverwrite: true });
      expect((await target.resolve('v3')).digest).toBe(fresh.descriptor.digest);
    } finally {
      await target.close();
    }
  });
});
