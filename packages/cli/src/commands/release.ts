import type { Command } from 'commander';
import { openTarget, parseAnnotationArgumentList, parseReleaseArgument, platformString, pushTags, releaseArtifacts, releaseResultJson, sourceDateEpoch } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface ReleaseFlags extends RemoteFlags {
  artifactType?: string;
  annotation: string[];
  tag: string[];
  allowDuplicates?: boolean;
  overwrite: boolean;
}

/** `ocikit release <ref> <file=os/arch>...`: one artifact per platform and the index over them. */
export function registerRelease(program: Command, context: CliContext): void {
  addRemoteOptions(
    program
      .command('release')
      .description('push one artifact per platform and the index over them, so pull picks the right file')
      .argument('<reference>', 'where the index goes: registry/repo[:tag] or oci-layout:<dir>[:tag]')
      .argument('<files...>', 'files, each as path[:mediaType]=os/arch[/variant], e.g. dist/tool-linux-arm64=linux/arm64')
      .option('--artifact-type <type>', 'the artifact type of each per-platform artifact (default application/vnd.unknown.artifact.v1)')
      .option('-a, --annotation <key=value>', 'an annotation of every manifest and the index; a manifest:, index: or manifest-descriptor: prefix puts it in one place, manifest[os/arch]: on one platform (repeatable)', collect, [])
      .option('-t, --tag <tag>', 'an additional tag for the index (repeatable)', collect, [])
      .option('--allow-duplicates', 'allow two files for one platform (clients take the first)')
      .option('--no-overwrite', 'fail (exit 1) before anything is pushed when a tag already names a manifest'),
  ).action(async (reference: string, files: string[], flags: ReleaseFlags) => {
    const progress = createProgressRenderer(context);
    try {
      const releaseFiles = files.map(parseReleaseArgument);
      const annotations = parseAnnotationArgumentList(flags.annotation);
      const epoch = sourceDateEpoch(context.env);
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed } = await openTarget(reference, { ...options, create: true });
      try {
        const tags = pushTags(parsed, flags.tag);
        const result = await releaseArtifacts(target, {
          files: releaseFiles,
          tags,
          annotations,
          ...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
          ...(flags.allowDuplicates ? { allowDuplicates: true } : {}),
          ...(flags.overwrite ? {} : { noOverwrite: true }),
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
          concurrency: flags.concurrency,
          progress,
        });
        progress.stop();
        const json = releaseResultJson(parsed, result);
        if (flags.json) {
          context.stdout.write(jsonLine(json));
        } else {
          for (const a of result.artifacts) context.stdout.write(`  ${platformString(a.entry.platform!).padEnd(20)} ${a.entry.digest} ${a.file.path}\n`);
          context.stdout.write(`Pushed ${json.reference}\nDigest: ${result.descriptor.digest}\n`);
        }
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}
