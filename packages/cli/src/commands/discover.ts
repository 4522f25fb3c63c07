import type { Command } from 'commander';
import { DISCOVER_FORMATS, type DiscoverFormat, OcikitError, discoverReferrers, openTarget, parseDiscoverFormat, referrersGraphJson, renderReferrers } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, positiveInteger, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface DiscoverFlags extends RemoteFlags, ReferrersModeFlags {
  artifactType?: string;
  depth?: number;
  format?: string;
  output?: string;
  legacy: boolean;
}

export function registerDiscover(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addRemoteOptions(
      program
        .command('discover')
        .description('show the referrers graph of an image or artifact: signatures, SBOMs, reports and theirs')
        .argument('<reference>', 'registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
        .option('--artifact-type <type>', 'only referrers of this artifact type (at every level)')
        .option('--depth <n>', 'levels to show (1: only the direct referrers; default all)', positiveInteger)
        .option('--format <format>', `${DISCOVER_FORMATS.join(', ')} (mermaid: a fenced diagram for a GitHub job summary or GitLab Markdown); default tree`)
        .option('-o, --output <format>', "the same as --format (oras's older name; -o is an output directory in pull)")
        .option('--no-legacy', "leave out cosign's sha256-<hex>.sig/.att/.sbom tags"),
    ),
  ).action(async (reference: string, flags: DiscoverFlags) => {
    const format = discoverFormat(flags);
    const progress = createProgressRenderer(context, { quiet: true });
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
        context.stdout.write(format === 'json' ? jsonLine(referrersGraphJson(result, name)) : renderReferrers(result, name, format));
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}

/** --format, or -o (its older name), or --json; two that disagree are refused. */
function discoverFormat(flags: DiscoverFlags): DiscoverFormat {
  const given = [
    ...(flags.format !== undefined ? [['--format', flags.format]] : []),
    ...(flags.output !== undefined ? [['-o', flags.output]] : []),
    ...(flags.json ? [['--json', 'json']] : []),
  ] as Array<[string, string]>;
  const formats = given.map(([named, value]) => parseDiscoverFormat(value, named));
  if (new Set(formats).size > 1) {
    throw new OcikitError('INVALID_INPUT', `${given.map(([named, value]) => (named === '--json' ? named : `${named} ${value}`)).join(' and ')} ask for different formats`, { hint: 'give one of them' });
  }
  return formats[0] ?? 'tree';
}
