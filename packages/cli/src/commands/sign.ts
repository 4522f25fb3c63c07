import type { Command } from 'commander';
import {
  type ImageSigner,
  type OpenedTarget,
  type SignedManifest,
  openTarget,
  parseAnnotationArguments,
  signReferences,
  signResultsJson,
  sourceDateEpoch,
} from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { type SigningFlags, addSigningOptions, explainSigningFailure, signerFromFlags } from '../options/signing-options.js';
import { type ProgressRenderer, createProgressRenderer } from '../output/progress-renderer.js';
import { signaturesReport } from '../output/signature-lines.js';
import { jsonLine } from './with-target.js';

/** `--recursive`, as sign and attest take it. */
export interface RecursiveFlags {
  recursive: boolean;
}

interface SignFlags extends RemoteFlags, ReferrersModeFlags, SigningFlags, RecursiveFlags {
  annotation: string[];
}

/** `-r, --recursive`, cosign's name and meaning. */
export function addRecursiveOption(command: Command, what: string): Command {
  return command.option('-r, --recursive', `for an index: ${what} every manifest it lists too (and theirs, for nested indexes), each with its own digest`, false);
}

export function registerSign(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addSigningOptions(
      addRemoteOptions(
        addRecursiveOption(
          program
            .command('sign')
            .description('sign an image or artifact as cosign does (a Sigstore bundle) and attach the signature as its referrer')
            .argument(
              '<reference...>',
              'what to sign: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest (the manifest digest is signed); the same image in several registries is signed once, its signature attached in each',
            )
            .option('-a, --annotation <key=value>', 'a claim signed along (cosign sign -a), repeatable', collect, []),
          'sign',
        ),
      ),
    ),
  ).action(async (references: string[], flags: SignFlags) => {
    const annotations = parseAnnotationArguments(flags.annotation, 'sign');
    await signAndReport(context, flags, references, 'Signed', (signer, opened, progress) =>
      signReferences(
        opened.map(({ target, selector }) => ({ target, selector })),
        {
          signer,
          recursive: flags.recursive,
          ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          ...sourceDateEpochOption(context),
          progress,
        },
      ),
    );
  });
}

/**
 * What `sign` and `attest` share: the signer built from the flags before any
 * target is opened (a key that cannot be used fails first), the signing call over
 * every reference, and the report (`--json`: the first signature's fields and all
 * of them in `signatures`; or lines).
 */
export async function signAndReport(
  context: CliContext,
  flags: RemoteFlags & ReferrersModeFlags & SigningFlags,
  references: string[],
  verb: 'Signed' | 'Attested',
  sign: (signer: ImageSigner, opened: OpenedTarget[], progress: ProgressRenderer) => Promise<SignedManifest[]>,
): Promise<void> {
  const progress = createProgressRenderer(context, { quiet: true });
  const opened: OpenedTarget[] = [];
  try {
    const signer = await signerFromFlags(flags, context);
    const options = await targetOptions(flags, context, progress);
    for (const reference of references) opened.push(await openTarget(reference, { ...options, referrersMode: flags.referrersMode }));
    const signed = await sign(signer, opened, progress).catch((error: unknown) => {
      throw explainSigningFailure(error, signer);
    });
    progress.stop();
    const json = signResultsJson(opened.map((o) => o.reference), signed);
    context.stdout.write(flags.json ? jsonLine(json) : signaturesReport(json.signatures, verb, signed.map((s) => opened[s.from]!.target.name)));
  } finally {
    progress.stop();
    await Promise.all(opened.map((o) => o.target.close()));
  }
}

/** SOURCE_DATE_EPOCH fixes the referrer's `created` annotation, as for every other verb. */
export function sourceDateEpochOption(context: CliContext): { sourceDateEpoch?: number } {
  const epoch = sourceDateEpoch(context.env);
  return epoch === undefined ? {} : { sourceDateEpoch: epoch };
}
