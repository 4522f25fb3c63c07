/**
 * What moving a tag leaves behind. Referrers (signatures, SBOMs, scan reports)
 * hang off a digest, not a tag: a tag pushed over another manifest takes the name
 * away from them without a sound. So the tags are read before anything is pushed
 * (an existing one refused under `noOverwrite`), and a tag that moves off a
 * manifest with referrers is said out loud.
 */
import { OcikitError, isOcikitError, optionRef } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { Target } from '../target/target.js';

export interface TagMoveOptions {
  /** Refuse a tag that already names a manifest (`--no-overwrite`): nothing is pushed. */
  noOverwrite?: boolean;
  progress?: ProgressListener;
}

export interface TagMoves {
  /** Says which tags moved off a manifest with referrers, once `descriptor` holds them. */
  report(descriptor: Descriptor): Promise<void>;
}

/** Where each tag points now; under `noOverwrite`, refuses when one exists. Read before the first byte goes out. */
export async function readTagMoves(target: Target, tags: readonly string[], options: TagMoveOptions = {}): Promise<TagMoves> {
  const before = new Map<string, Descriptor>();
  for (const tag of new Set(tags)) {
    const current = await target.resolve(tag).catch((error: unknown) => {
      if (isOcikitError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!current) continue;
    if (options.noOverwrite) {
      throw new OcikitError('ALREADY_EXISTS', `${target.name}:${tag} exists (${current.digest}); nothing was pushed`, {
        hint: `pick another tag, or leave out ${optionRef('no-overwrite')} to move it`,
      });
    }
    before.set(tag, current);
  }
  return {
    async report(descriptor) {
      const moved = [...before].filter(([, old]) => old.digest !== descriptor.digest);
      for (const [tag, old] of moved) {
        const count = await referrerCount(target, old);
        if (count === 0) continue;
        options.progress?.warning?.(
          `${target.name}:${tag} moved from ${old.digest} to ${descriptor.digest}; ` +
            `${count === 1 ? 'the referrer' : `the ${count} referrers`} of ${old.digest} (signatures, SBOMs, reports) ${count === 1 ? 'stays' : 'stay'} with it and no longer ${count === 1 ? 'reaches' : 'reach'} ${tag}. ` +
            `Attach them again to the new digest, or use ${optionRef('no-overwrite')} to refuse a tag that exists`,
        );
      }
    },
  };
}

/** How many referrers a manifest has; 0 when the target cannot tell (a warning is not worth failing a push for). */
async function referrerCount(target: Target, descriptor: Descriptor): Promise<number> {
  if (!target.referrers) return 0;
  try {
    return (await target.referrers(descriptor)).manifests.length;
  } catch {
    return 0;
  }
}
