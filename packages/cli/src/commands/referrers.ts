import type { Command } from 'commander';
import { OcikitError, openTarget, renderTidy, tidyReferrers, tidyResultJson } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface TidyFlags extends RemoteFlags, ReferrersModeFlags {
  apply?: boolean;
  referrers?: boolean;
}

/**
 * `ocikit referrers tidy`: repairs and prunes the sha256-<hex> tag schema (core's
 * tidyReferrers). It prints what it changed, or would: no one manifest it wrote,
 * so no `Digest:` line. Exits 1 when a change failed; a delete the registry
 * refused is listed with its answer and is no failure (GHCR and Docker Hub refuse them).
 */
export function registerReferrers(program: Command, context: CliContext): void {
  const referrers = program.command('referrers').description('look after the referrers of a repository');

  addReferrersModeOption(
    addRemoteOptions(
      referrers
        .command('tidy')
        .description('repair and prune the sha256-<hex> referrers indexes of a registry without the referrers API (a dry run unless --apply)')
        .argument('<repository-or-reference>', 'registry/repo (every sha256-<hex> index in it) or registry/repo:tag|@digest (that subject\'s index only)')
        .option('--apply', 'write the changes (without it, only print them)')
        .option('--referrers', 'also delete the referrers that only the index of a deleted subject lists (and theirs)'),
    ),
  ).action(async (reference: string, flags: TidyFlags) => {
    const progress = createProgressRenderer(context, { quiet: true });
    try {
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(reference, { ...options, referrersMode: flags.referrersMode });
      try {
        const one = parsed.tag !== undefined || parsed.digest !== undefined;
        const result = await tidyReferrers(target, one ? selector : undefined, {
          ...(flags.apply ? { apply: true } : {}),
          ...(flags.referrers ? { referrers: true } : {}),
          concurrency: Math.max(flags.concurrency, 8),
          progress,
        });
        progress.stop();
        context.stdout.write(flags.json ? jsonLine(tidyResultJson(result, context.words)) : renderTidy(result, context.words));
        if (result.failed > 0) {
          throw new OcikitError('REGISTRY_ERROR', `${result.failed} change${result.failed === 1 ? '' : 's'} of the tidy failed (each is listed above with why)`, {
            hint: 'the others were made; run it again to retry what failed',
          });
        }
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}
