import type { Descriptor } from '../oci/manifest.js';
import type { StagedBlob } from './target.js';

/** What a store does to make a staged blob visible, or to drop it. */
export interface StagingSteps {
  commit(): Promise<'uploaded' | 'skipped'>;
  abort(): Promise<void>;
}

/**
 * A staged blob that keeps StagedBlob's promise whatever the store: `commit` runs
 * once and never after `abort`; `abort` is harmless after a commit or a second time.
 */
export function stagedBlob(descriptor: Descriptor, steps: StagingSteps): StagedBlob {
  let state: 'staged' | 'committed' | 'aborted' = 'staged';
  return {
    descriptor,
    async commit() {
      if (state !== 'staged') throw new Error(`the blob ${descriptor.digest} was ${state} already`);
      state = 'committed';
      return steps.commit();
    },
    async abort() {
      if (state !== 'staged') return;
      state = 'aborted';
      await steps.abort();
    },
  };
}
