import type { Command } from 'commander';
import {
  type BundleReferrer,
  type ImageSigner,
  type OpenedTarget,
  openTarget,
  parseAnnotationArguments,
  signReference,
  signResultJson,
  sourceDateEpoch,
} from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { type SigningFlags, addSigningOptions, explainSigningFailure, signerFromFlags } from '../options/signing-options.js';
import { type ProgressRenderer, createProgressRenderer } from '../output/progress-renderer.js';
import { signatureReport } from '../output/signature-lines.js';
import { jsonLine } from './with-target.js';

interface SignFlags extends RemoteFlags, ReferrersModeFlags, SigningFlags {
  annotation: string[];
}

export function registerSign(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addSigningOptions(
      addRemoteOptions(
        program
          .command('sign')
          .description('sign an image or artifact as cosign does (a Sigstore bundle) and attach the signature as its referrer')
          .argument('<reference>', 'what to sign: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest (the manifest digest is signed)')
          .option('-a, --annotation <key=value>', 'a claim signed along (cosign sign -a), repeatable', collect, []),
      ),
    ),
  ).action(async (reference: string, flags: SignFlags) => {
    const annotations = parseAnnotationArguments(flags.annotation, 'sign');
    await signAndReport(context, flags, reference, 'Signed', (signer, { target, selector }, progress) =>
      signReference(target, selector, {
        signer,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        ...sourceDateEpochOption(context),
        progress,
      }),
    );
  });
}

/**
 * What `sign` and `attest` share: the signer built from the flags before the
 * target is opened (a key that cannot be used fails first), the signing call,
 * and the report (`--json` or lines).
 */
export async function signAndReport(
  context: CliContext,
  flags: RemoteFlags & ReferrersModeFlags & SigningFlags,
  reference: string,
  verb: 'Signed' | 'Attested',
  sign: (signer: ImageSigner, opened: OpenedTarget, progress: ProgressRenderer) => Promise<BundleReferrer>,
): Promise<void> {
  const progress = createProgressRenderer(context, { quiet: true });
  try {
    const signer = await signerFromFlags(flags, context);
    const options = await targetOptions(flags, context, progress);
    const opened = await openTarget(reference, { ...options, referrersMode: flags.referrersMode });
    try {
      const result = await sign(signer, opened, progress).catch((error: unknown) => {
        throw explainSigningFailure(error, signer);
      });
      progress.stop();
      const json = signResultJson(opened.reference, result);
      context.stdout.write(flags.json ? jsonLine(json) : signatureReport(json, verb, opened.target.name));
    } finally {
      await opened.target.close();
    }
  } finally {
    progress.stop();
  }
}

/** SOURCE_DATE_EPOCH fixes the referrer's `created` annotation, as for every other verb. */
export function sourceDateEpochOption(context: CliContext): { sourceDateEpoch?: number } {
  const epoch = sourceDateEpoch(context.env);
  return epoch === undefined ? {} : { sourceDateEpoch: epoch };
}
