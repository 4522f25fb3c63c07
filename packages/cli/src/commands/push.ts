import type { Command } from 'commander';
import {
  openTarget,
  type DirectoryCompression,
  parseAnnotationArguments,
  parseDirectoryCompression,
  parseFileArgument,
  parsePlatform,
  pushArtifact,
  pushTags,
  pushResultJson,
  readAnnotationFile,
  sourceDateEpoch,
} from '@ocikit/core';
import { Readable } from 'node:stream';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { claimStdin } from '../options/stdin.js';
import { restoreStdinArgument } from '../options/stdin-argument.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { collect } from '../options/collect.js';
import { addInlineMaxOption } from '../options/referrers-mode.js';
import { jsonLine } from './with-target.js';

interface PushFlags extends RemoteFlags {
  artifactType?: string;
  annotation: string[];
  annotationFile?: string;
  config?: string;
  tag: string[];
  stdinName?: string;
  platform?: string;
  inlineMax?: number;
  overwrite: boolean;
  compression: DirectoryCompression;
}

export function registerPush(program: Command, context: CliContext): void {
  addInlineMaxOption(addRemoteOptions(
    program
      .command('push')
      .description('push files and directories as an OCI artifact')
      .argument('<reference>', 'where to push: registry/repo[:tag] or oci-layout:<dir>[:tag]')
      .argument('[files...]', 'files or directories, each as path[:mediaType]; - reads standard input')
      .option('--artifact-type <type>', 'the artifact type (default application/vnd.unknown.artifact.v1)')
      .option('-a, --annotation <key=value>', "a manifest annotation (repeatable); wins over the annotation file's $manifest", collect, [])
      .option('--annotation-file <file>', 'annotations as JSON: {"$manifest": {...}, "$config": {...}, "<file>": {...}}')
      .option('--config <file[:mediaType]>', 'a config blob instead of the OCI empty descriptor')
      .option('-t, --tag <tag>', 'an additional tag (repeatable)', collect, [])
      .option('--no-overwrite', 'fail (exit 1) before anything is pushed when a tag already names a manifest')
      .option('--stdin-name <name>', 'the file name to give standard input (for -)', 'stdin')
      .option('--platform <os/arch[/variant]>', 'the platform the files are for, recorded in an image config so registries and clients show it')
      .option('--compression <gzip|zstd>', 'how directories are compressed: gzip (every reader, oras too) or zstd (faster and smaller; ocikit and zstd readers, see docs/interop.md)', parseDirectoryCompression, 'gzip' as DirectoryCompression),
  )).action(async (reference: string, files: string[], flags: PushFlags) => {
    const progress = createProgressRenderer(context);
    try {
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed } = await openTarget(reference, { ...options, create: true });
      try {
        const inputs = files.map((file) => parseFileArgument(restoreStdinArgument(file)));
        const usesStdin = inputs.some((input) => input.path === '-');
        const tags = pushTags(parsed, flags.tag);
        const epoch = sourceDateEpoch(context.env);
        const result = await pushArtifact(target, {
          files: inputs,
          tags,
          ...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
          annotations: parseAnnotationArguments(flags.annotation, 'push'),
          ...(flags.annotationFile ? { annotationFile: await readAnnotationFile(flags.annotationFile) } : {}),
          ...(flags.config ? { config: parseFileArgument(flags.config) } : {}),
          ...(flags.platform ? { platform: parsePlatform(flags.platform) } : {}),
          ...(flags.inlineMax ? { inlineMax: flags.inlineMax } : {}),
          ...(flags.overwrite ? {} : { noOverwrite: true }),
          compression: flags.compression,
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
          concurrency: flags.concurrency,
          progress,
          ...(context.signal ? { signal: context.signal } : {}),
          ...(usesStdin ? { stdin: Readable.from(claimStdin('a file to push') as AsyncIterable<Buffer>) } : {}),
          ...(flags.stdinName ? { stdinName: flags.stdinName } : {}),
        });
        progress.stop();
        const json = pushResultJson(parsed, result);
        if (flags.json) {
          context.stdout.write(jsonLine(json));
        } else {
          context.stdout.write(`Pushed ${json.reference}\nArtifactType: ${result.manifest.artifactType ?? '(from config)'}\nDigest: ${result.descriptor.digest}\n`);
        }
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}
