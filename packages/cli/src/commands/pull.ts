import type { Command } from 'commander';
import { openTarget, pullArtifact } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { pinned } from './push.js';

interface PullFlags extends RemoteFlags {
  output: string;
  mediaType: string[];
  keepOldFiles?: boolean;
}

export function registerPull(program: Command, context: CliContext): void {
  addRemoteOptions(
    program
      .command('pull')
      .description('pull the files of an OCI artifact')
      .argument('<reference>', 'what to pull: registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]')
      .option('-o, --output <dir>', 'where to write the files; - writes the one selected file to stdout', '.')
      .option('--media-type <type>', 'only layers of this media type (repeatable)', collect, [])
      .option('-k, --keep-old-files', 'fail instead of replacing files that exist'),
  ).action(async (reference: string, flags: PullFlags) => {
    const progress = createProgressRenderer(context.stderr, { forcePlain: Boolean(context.env.CI) });
    try {
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(reference, options);
      try {
        const result = await pullArtifact(target, selector, {
          outputDir: flags.output,
          mediaTypes: flags.mediaType,
          keepOldFiles: Boolean(flags.keepOldFiles),
          concurrency: flags.concurrency,
          progress,
          stdout: context.stdout,
        });
        progress.stop();
        const pulled = pinned(parsed, parsed.tag, result.descriptor.digest);
        // With -o -, stdout carries the file itself: the summary goes to stderr.
        const out = flags.output === '-' ? context.stderr : context.stdout;
        if (flags.json) {
          out.write(
            `${JSON.stringify({
              reference: pulled,
              digest: result.descriptor.digest,
              mediaType: result.descriptor.mediaType,
              artifactType: result.manifest.artifactType,
              files: result.files.map((f) => ({ title: f.title, path: f.path, digest: f.descriptor.digest, size: f.descriptor.size, mediaType: f.descriptor.mediaType, unpacked: f.unpacked })),
            }, null, 2)}\n`,
          );
        } else {
          out.write(`Pulled ${pulled}\nDigest: ${result.descriptor.digest}\n`);
          for (const file of result.files) out.write(`  ${file.unpacked ? 'unpacked' : 'wrote'} ${file.path}\n`);
        }
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}
