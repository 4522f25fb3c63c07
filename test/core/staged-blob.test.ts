// The promise every store's staged blob keeps (target/staged-blob.ts): commit once,
// never after an abort; an abort after a commit, or a second one, does nothing.
import { describe, expect, it } from '@jest/globals';
import { stagedBlob } from '../../packages/core/src/target/staged-blob.js';

const descriptor = { mediaType: 'application/octet-stream', digest: `sha256:${'a'.repeat(64)}`, size: 1 } as const;

function counted() {
  const calls = { commit: 0, abort: 0 };
  const blob = stagedBlob(descriptor, {
    commit: async () => {
      calls.commit++;
      return 'uploaded';
    },
    abort: async () => {
      calls.abort++;
    },
  });
  return { blob, calls };
}

describe('stagedBlob', () => {
  it('commits once; a second commit is refused and an abort after it does nothing', async () => {
    const { blob, calls } = counted();
    await expect(blob.commit()).resolves.toBe('uploaded');
    await expect(blob.commit()).rejects.toThrow(`the blob ${descriptor.digest} was committed already`);
    await blob.abort();
    expect(calls).toEqual({ commit: 1, abort: 0 });
  });

  it('aborts once; a commit after it is refused', async () => {
    const { blob, calls } = counted();
    await blob.abort();
    await blob.abort();
    await expect(blob.commit()).rejects.toThrow('was aborted already');
    expect(calls).toEqual({ commit: 0, abort: 1 });
  });
});
