import type { Command } from 'commander';
import { attestReferences, readPredicateFile } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions } from '../options/remote-options.js';
import { type SigningFlags, addSigningOptions } from '../options/signing-options.js';
import { type RecursiveFlags, addRecursiveOption, signAndReport, sourceDateEpochOption } from './sign.js';

interface AttestFlags extends RemoteFlags, ReferrersModeFlags, SigningFlags, RecursiveFlags {
  predicate: string;
  type: string;
}

export function registerAttest(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addSigningOptions(
      addRemoteOptions(
        addRecursiveOption(
          program
            .command('attest')
            .description('sign an in-toto statement about an image or artifact (SLSA provenance, a vulnerability report…) and attach it as a referrer')
            .argument('<reference...>', 'what the statement is about: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest; each gets its own attestation')
            .requiredOption('--predicate <file>', 'the predicate: a JSON object')
            .requiredOption('--type <predicateType>', 'the predicate type URI, e.g. https://slsa.dev/provenance/v1'),
          'attest',
        ),
      ),
    ),
  ).action(async (references: string[], flags: AttestFlags) => {
    const predicate = await readPredicateFile(flags.predicate);
    await signAndReport(context, flags, references, 'Attested', (signer, opened, progress) =>
      attestReferences(
        // cosign attest names the subject by its repository; a layout directory is no such name.
        opened.map(({ target, reference, selector }) => ({ target, selector, ...(reference.kind === 'registry' ? { subjectName: target.name } : {}) })),
        {
          signer,
          recursive: flags.recursive,
          predicateType: flags.type,
          predicate,
          ...sourceDateEpochOption(context),
          progress,
        },
      ),
    );
  });
}
