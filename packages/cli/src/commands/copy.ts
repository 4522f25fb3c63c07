import type { Command } from 'commander';
import { copyReference, copyResultJson, givenCredentialRegistries, parseReference } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { formatBytes } from '../output/format.js';
import { jsonLine } from './with-target.js';

interface CopyFlags extends RemoteFlags, ReferrersModeFlags {
  anonymousMount?: boolean;
  referrers?: boolean;
}

export function registerCopy(program: Command, context: CliContext): void {
  addReferrersModeOption(addRemoteOptions(
    program
      .command('copy')
      .alias('cp')
      .description('copy an image, index or artifact with everything it points to')
      .argument('<source>', 'registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]')
      .argument('<destination>', 'registry/repo[:tag] or oci-layout:<dir>[:tag] (default: the source tag)')
      .option('--anonymous-mount', 'ask the registry to mount blobs it may hold in any repository (OCI 1.1)')
      .option('--referrers', "also copy the referrers graphs (signatures, SBOMs, reports, theirs) of it and of every manifest in it (each platform's), listed at the destination its own way"),
  )).action(async (source: string, destination: string, flags: CopyFlags) => {
    const progress = createProgressRenderer(context);
    try {
      const options = await targetOptions(flags, context, progress, givenCredentialRegistries(parseReference(destination), [parseReference(source)]));
      const result = await copyReference(source, destination, {
        ...options,
        concurrency: flags.concurrency,
        progress,
        ...(flags.anonymousMount ? { anonymousMount: true } : {}),
        ...(flags.referrers ? { referrers: true } : {}),
        referrersMode: flags.referrersMode,
      });
      progress.stop();
      const json = copyResultJson(result);
      if (flags.json) {
        context.stdout.write(jsonLine(json));
      } else {
        const { copied, mounted, skipped } = json.blobs;
        context.stdout.write(`Copied ${json.source}\n    to ${json.destination}\n`);
        context.stdout.write(`Blobs: ${copied} copied, ${mounted} mounted, ${skipped} already there; manifests: ${json.manifests.copied} copied, ${json.manifests.skipped} already there; ${formatBytes(json.bytes)} sent\n`);
        if (json.referrers) context.stdout.write(`Referrers: ${json.referrers.copied} copied, ${json.referrers.skipped} already there\n`);
        context.stdout.write(`Digest: ${json.digest}\n`);
      }
    } finally {
      progress.stop();
    }
  });
}
