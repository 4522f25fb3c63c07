import type { Command } from 'commander';
import { pinnedReference, tagManifest } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions } from '../options/remote-options.js';
import { jsonLine, withTarget } from './with-target.js';

export function registerTag(program: Command, context: CliContext): void {
  addRemoteOptions(
    program
      .command('tag')
      .description('give a manifest the target holds more tags (no blob is sent)')
      .argument('<reference>', 'the manifest: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
      .argument('<tags...>', 'the new tags')
      .option('--no-overwrite', 'fail (exit 1) instead of moving a tag that already names a manifest'),
  ).action(async (reference: string, tags: string[], flags: RemoteFlags & { overwrite: boolean }) => {
    await withTarget(context, flags, reference, async ({ target, reference: parsed, selector }, warnings) => {
      const descriptor = await tagManifest(target, selector, tags, { noOverwrite: !flags.overwrite, progress: warnings });
      const references = tags.map((tag) => pinnedReference(parsed, tag, descriptor.digest));
      context.stdout.write(
        flags.json ? jsonLine({ digest: descriptor.digest, references }) : references.map((r) => `Tagged ${r}\n`).join(''),
      );
    });
  });
}
