import type { Command } from 'commander';
import { openTarget, parsePlatform, platformString, pullArtifact, pullResultJson, selectReferrer } from '@ocikit/core';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type RemoteFlags, addRemoteOptions, positiveInteger, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface PullFlags extends RemoteFlags, ReferrersModeFlags {
  artifactType?: string;
  output: string;
  mediaType: string[];
  keepOldFiles?: boolean;
  platform?: string;
  compatiblePlatforms?: boolean;
  maxUnpackBytes?: number;
}

export function registerPull(program: Command, context: CliContext): void {
  addReferrersModeOption(addRemoteOptions(
    program
      .command('pull')
      .description('pull the files of an OCI artifact')
      .argument('<reference>', 'what to pull: registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]')
      .option('-o, --output <dir>', 'where to write the files; - writes the one selected file to stdout', '.')
      .option('--media-type <type>', 'only layers of this media type (repeatable)', collect, [])
      .option('-k, --keep-old-files', 'fail instead of replacing files that exist')
      .option('--platform <os/arch[/variant]>', "from an index, the entry for this platform (default: this machine's)")
      .option('--compatible-platforms', 'also take an older compatible platform (arm/v7 takes arm/v6, amd64 takes 386), as containerd does')
      .option('--artifact-type <type>', 'pull the referrer of this artifact type of <reference> instead (e.g. its SBOM); the newest if several')
      .option('--max-unpack-bytes <bytes>', 'refuse a directory layer that expands past this many bytes (decompression bombs; default 16 GiB)', positiveInteger),
  )).action(async (reference: string, flags: PullFlags) => {
    const progress = createProgressRenderer(context);
    try {
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(reference, { ...options, referrersMode: flags.referrersMode });
      try {
        // "The SBOM of app:v1": a referrer of the reference, picked by artifact type.
        const referrer = flags.artifactType ? await selectReferrer(target, selector, flags.artifactType, { progress }) : undefined;
        const result = await pullArtifact(target, referrer ? referrer.chosen.digest : selector, {
          outputDir: flags.output,
          mediaTypes: flags.mediaType,
          keepOldFiles: Boolean(flags.keepOldFiles),
          concurrency: flags.concurrency,
          progress,
          stdout: context.stdout,
          ...(flags.platform ? { platform: parsePlatform(flags.platform) } : {}),
          ...(flags.compatiblePlatforms ? { compatiblePlatforms: true } : {}),
          ...(flags.maxUnpackBytes ? { maxUnpackedBytes: flags.maxUnpackBytes } : {}),
        });
        progress.stop();
        // From an index, the digest pins the platform's manifest, which the tag does not name.
        const json = pullResultJson(parsed, result, referrer);
        // With -o -, stdout carries the file itself: the summary goes to stderr.
        const out = flags.output === '-' ? context.stderr : context.stdout;
        if (flags.json) {
          out.write(jsonLine(json));
        } else {
          out.write(`Pulled ${json.reference}\nDigest: ${result.descriptor.digest}\n`);
          if (result.index) out.write(`Platform: ${platformString(result.platform!)} (from index ${result.index.digest})\n`);
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
