import type { Command } from 'commander';
import { type AttachResult, attachArtifact, openTarget, parseAnnotationArguments, parseFileArgument } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type ReferrersModeFlags, addInlineMaxOption, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { pinned, sourceDateEpoch } from './push.js';
import { jsonLine } from './with-target.js';

interface AttachFlags extends RemoteFlags, ReferrersModeFlags {
  artifactType?: string;
  annotation: string[];
  inlineMax?: number;
}

export function registerAttach(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addInlineMaxOption(
      addRemoteOptions(
        program
          .command('attach')
          .description('attach files (SBOM, signature, scan report…) to an image or artifact as a referrer')
          .argument('<subject>', 'what they are about: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
          .argument('<files...>', 'files, each as path[:mediaType]; SPDX, CycloneDX, SARIF, in-toto, DSSE, Sigstore, cosign and Notation files are recognised and checked')
          .option('--artifact-type <type>', 'the artifact type (default: the one the files\' kind implies)')
          .option('-a, --annotation <key=value>', 'a manifest annotation (repeatable); shown in the referrers list', collect, []),
      ),
    ),
  ).action(async (subject: string, files: string[], flags: AttachFlags) => {
    const progress = createProgressRenderer(context.stderr, { forcePlain: Boolean(context.env.CI) });
    try {
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(subject, { ...options, referrersMode: flags.referrersMode });
      try {
        const epoch = sourceDateEpoch(context.env);
        const result = await attachArtifact(target, selector, {
          files: files.map(parseFileArgument),
          ...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
          annotations: parseAnnotationArguments(flags.annotation),
          ...(flags.inlineMax ? { inlineMax: flags.inlineMax } : {}),
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
          concurrency: flags.concurrency,
          progress,
        });
        progress.stop();
        const attached = pinned(parsed, undefined, result.descriptor.digest);
        const to = pinned(parsed, parsed.tag, result.subject.digest);
        if (flags.json) {
          context.stdout.write(
            jsonLine({
              reference: attached,
              digest: result.descriptor.digest,
              mediaType: result.descriptor.mediaType,
              size: result.descriptor.size,
              artifactType: result.manifest.artifactType,
              annotations: result.manifest.annotations,
              subject: { reference: to, ...result.subject },
              files: result.files.map((f) => ({ path: f.path, mediaType: f.mediaType, ...(f.kind ? { kind: f.kind.name } : {}) })),
              referrers: listedBy(result, parsed.kind),
            }),
          );
        } else {
          context.stdout.write(`Attached ${attached}\nSubject: ${to}\nArtifactType: ${result.manifest.artifactType}\nDigest: ${result.descriptor.digest}\n`);
          for (const file of result.files) context.stdout.write(`  ${file.path}: ${file.kind ? `${file.kind.name}, ` : ''}${file.mediaType}\n`);
          const listed = listedBy(result, parsed.kind);
          context.stdout.write(
            listed.via === 'tag'
              ? `Listed in the referrers index ${target.name}:${listed.tag}${listed.index ? `@${listed.index}` : ''} (the registry has no referrers API)\n`
              : listed.via === 'api'
                ? 'Listed by the registry (referrers API)\n'
                : `Listed in ${target.name}'s index.json\n`,
          );
        }
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}

function listedBy(result: AttachResult, kind: 'registry' | 'oci-layout'): { via: string; tag?: string; index?: string; attempts?: number } {
  if (kind === 'oci-layout') return { via: 'layout' };
  return result.referrers ?? { via: 'api' };
}
