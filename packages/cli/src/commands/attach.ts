import type { Command } from 'commander';
import { OcikitError, attachArtifact, attachResultJson, openTarget, parseAnnotationArguments, parseFileArgument, signResultJson, sourceDateEpoch, withSelector } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type ReferrersModeFlags, addInlineMaxOption, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { type SigningFlags, addSigningOptions, explainSigningFailure, givesSigningFlags, signerFromFlags } from '../options/signing-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { evidenceText, listedLine, signerText } from '../output/signature-lines.js';
import { jsonLine } from './with-target.js';

interface AttachFlags extends RemoteFlags, ReferrersModeFlags, SigningFlags {
  artifactType?: string;
  annotation: string[];
  inlineMax?: number;
  sign?: boolean;
}

export function registerAttach(program: Command, context: CliContext): void {
  addSigningOptions(addReferrersModeOption(
    addInlineMaxOption(
      addRemoteOptions(
        program
          .command('attach')
          .description('attach files (SBOM, signature, scan report…) to an image or artifact as a referrer')
          .argument('<subject>', 'what they are about: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
          .argument('<files...>', 'files, each as path[:mediaType]; SPDX, CycloneDX, SARIF, in-toto, DSSE, Sigstore, cosign and Notation files are recognised and checked')
          .option('--artifact-type <type>', 'the artifact type (default: the one the files\' kind implies)')
          .option('-a, --annotation <key=value>', 'a manifest annotation (repeatable); shown in the referrers list', collect, [])
          .option('--sign', 'also sign what is attached (with --key or --keyless), attaching the signature to it'),
      ),
    ),
  )).action(async (subject: string, files: string[], flags: AttachFlags) => {
    const progress = createProgressRenderer(context);
    try {
      if (!flags.sign && givesSigningFlags(flags)) {
        throw new OcikitError('INVALID_INPUT', 'signing options were given without --sign', { hint: 'add --sign to sign what is attached' });
      }
      // Built before anything is pushed: a key that cannot be used fails first.
      const signer = flags.sign ? await signerFromFlags(flags, context) : undefined;
      const options = await targetOptions(flags, context, progress);
      const { target, reference: parsed, selector } = await openTarget(subject, { ...options, referrersMode: flags.referrersMode });
      try {
        const epoch = sourceDateEpoch(context.env);
        const result = await attachArtifact(target, selector, {
          files: files.map(parseFileArgument),
          ...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
          annotations: parseAnnotationArguments(flags.annotation, 'attach'),
          ...(flags.inlineMax ? { inlineMax: flags.inlineMax } : {}),
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
          concurrency: flags.concurrency,
          progress,
          ...(signer ? { sign: signer } : {}),
        }).catch((error: unknown) => {
          throw signer ? explainSigningFailure(error, signer) : error;
        });
        progress.stop();
        const json = attachResultJson(parsed, result);
        const signature = result.signature ? signResultJson(withSelector(parsed, { digest: result.descriptor.digest }), result.signature) : undefined;
        if (flags.json) {
          context.stdout.write(jsonLine(signature ? { ...json, signature } : json));
        } else {
          context.stdout.write(`Attached ${json.reference}\nSubject: ${json.subject.reference}\nArtifactType: ${result.manifest.artifactType}\n`);
          for (const file of result.files) context.stdout.write(`  ${file.path}: ${file.kind ? `${file.kind.name}, ` : ''}${file.mediaType}\n`);
          context.stdout.write(listedLine(json.referrers, target.name));
          if (signature) {
            context.stdout.write(`Signature: ${signature.reference} by ${signerText(signature.signer)}; ${evidenceText(signature.transparencyLogEntries, signature.signedTimestamps)}\n`);
          }
          context.stdout.write(`Digest: ${result.descriptor.digest}\n`);
        }
      } finally {
        await target.close();
      }
    } finally {
      progress.stop();
    }
  });
}
