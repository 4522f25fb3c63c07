import type { Command } from 'commander';
import {
  DEFAULT_ZSTD_LEVEL,
  OcikitError,
  type RecompressMode,
  checkZstdLevel,
  givenCredentialRegistries,
  parsePlatform,
  parseReference,
  recompressReference,
  recompressResultJson,
} from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { formatBytes, shortDigest } from '../output/format.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface RecompressFlags extends RemoteFlags {
  level: number;
  mode: RecompressMode;
  platform: string[];
  tempDir?: string;
  referrers?: boolean;
}

export function registerRecompress(program: Command, context: CliContext): void {
  addRemoteOptions(
    program
      .command('recompress')
      .description('recompress the tar+gzip layers of an image or index to tar+zstd')
      .argument('<source>', 'registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]')
      .argument('[destination]', 'registry/repo[:tag] or oci-layout:<dir>[:tag] (default: the source; its tag when none is given)')
      .option('--level <n>', `zstd level, 1 (fastest) to 22 (smallest) (default ${DEFAULT_ZSTD_LEVEL})`, level, DEFAULT_ZSTD_LEVEL)
      .option('--mode <mode>', 'replace: zstd manifests instead of gzip ones; add: keep gzip first, add zstd for clients that choose it', mode, 'replace')
      .option('--platform <os/arch[/variant]>', 'only recompress images of this platform (repeatable; others stay as they are)', collect, [])
      .option('--temp-dir <dir>', 'write each zstd layer to a temp file here and upload it in one request (for registries that refuse chunked uploads)')
      .option('--referrers', 'also point the old digests\' SBOMs and reports at the new ones (signatures and attestations must be made again)'),
  ).action(async (source: string, destination: string | undefined, flags: RecompressFlags) => {
    const platforms = flags.platform.map(parsePlatform);
    const progress = createProgressRenderer(context);
    try {
      const read = parseReference(source);
      const options = await targetOptions(flags, context, progress, givenCredentialRegistries(destination ? parseReference(destination) : read, [read]));
      const result = await recompressReference(source, destination, {
        ...options,
        level: flags.level,
        mode: flags.mode,
        platforms,
        concurrency: flags.concurrency,
        progress,
        ...(flags.tempDir ? { tempDir: flags.tempDir } : {}),
        ...(flags.referrers ? { carryReferrers: true } : {}),
      });
      progress.stop();
      const json = recompressResultJson(result);
      const { reference: pushed, rewritten } = json;
      if (flags.json) {
        context.stdout.write(jsonLine(json));
        return;
      }
      const lines = [result.changed ? `Recompressed ${pushed}` : `Nothing to recompress: ${pushed} has no tar+gzip layers`];
      if (result.layers.length > 0) {
        const ratio = result.bytes.gzip > 0 ? ` (${((100 * result.bytes.zstd) / result.bytes.gzip).toFixed(1)}% of gzip)` : '';
        lines.push(`Layers: ${result.layers.length} to zstd, ${formatBytes(result.bytes.gzip)} gzip -> ${formatBytes(result.bytes.zstd)} zstd${ratio}; ${result.keptLayers} kept as they were`);
      }
      // The old digests' signatures and SBOMs do not apply to the new ones: say which moved where.
      for (const r of rewritten) {
        lines.push(`${shortDigest(r.from)} -> ${r.to}${r.platform ? ` (${r.platform})` : ''}`);
        const carried = new Set(r.carried?.map((c) => c.from));
        for (const c of r.carried ?? []) lines.push(`  carried ${c.artifactType ?? 'referrer'} ${shortDigest(c.from)} -> ${shortDigest(c.to)}`);
        const left = (r.referrers ?? []).filter((d) => !carried.has(d.digest));
        if (left.length > 0) {
          lines.push(`  ${left.length} referrer(s) of the old digest no longer apply; re-sign or re-attach: ${left.map((d) => `${d.artifactType ?? d.mediaType} ${shortDigest(d.digest)}`).join(', ')}`);
        }
      }
      lines.push(`Digest: ${json.digest}`);
      context.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      progress.stop();
    }
  });
}

function level(value: string): number {
  return checkZstdLevel(Number(value));
}

function mode(value: string): RecompressMode {
  if (value !== 'replace' && value !== 'add') {
    throw new OcikitError('INVALID_INPUT', `--mode ${value}: expected replace or add`);
  }
  return value;
}
