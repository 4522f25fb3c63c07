import type { Command } from 'commander';
import { OcikitError, discoverReferrers, openTarget, referrersGraphJson, renderReferrersMermaid, renderReferrersTree } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, positiveInteger, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface DiscoverFlags extends RemoteFlags, ReferrersModeFlags {
  artifactType?: string;
  depth?: number;
  output?: string;
  legacy: boolean;
}

const FORMATS = ['tree', 'json', 'mermaid'];

export function registerDiscover(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addRemoteOptions(
      program
        .command('discover')
        .description('show the referrers graph of an image or artifact: signatures, SBOMs, reports and theirs')
        .argument('<reference>', 'registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
        .option('--artifact-type <type>', 'only referrers of this artifact type (at every level)')
        .option('--depth <n>', 'levels to show (1: only the direct referrers; default all)', positiveInteger)
        .option('-o, --output <format>', 'tree, json, or mermaid (a fenced diagram for a GitHub job summary or GitLab Markdown)', 'tree')
        .option('--no-legacy', "leave out cosign's sha256-<hex>.sig/.att/.sbom tags"),
    ),
  ).action(async (reference: string, flags: DiscoverFlags) => {
    const format = flags.json ? 'json' : (flags.output ?? 'tree');
    if (!FORMATS.includes(format)) {
      throw new OcikitError('INVALID_INPUT', `-o ${format} is not a discover format`, { hint: `use one of ${FORMATS.join(', ')}` });
    }
    const progress = createProgressRenderer(context.stderr, { quiet: true });
    try {
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(reference, { ...options, referrersMode: flags.referrersMode });
      try {
        if (parsed.tag === undefined && parsed.digest === undefined && parsed.kind === 'oci-layout') {
          throw new OcikitError('INVALID_INPUT', `${reference} names no tag or digest`, { hint: 'add :<tag> or @<digest>' });
        }
        const result = await discoverReferrers(target, selector, {
          ...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
          ...(flags.depth ? { depth: flags.depth } : {}),
          legacy: flags.legacy,
          concurrency: Math.max(flags.concurrency, 8),
          progress,
        });
        progress.stop();
        const name = target.name;
        context.stdout.write(
          format === 'json'
            ? jsonLine(referrersGraphJson(result, name))
            : format === 'mermaid'
              ? renderReferrersMermaid(result, name)
              : renderReferrersTree(result, name),
        );
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}
