import type { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { MAX_BUNDLE_BYTES, OcikitError, attestReference } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type ReferrersModeFlags, addReferrersModeOption } from '../options/referrers-mode.js';
import { type RemoteFlags, addRemoteOptions } from '../options/remote-options.js';
import { type SigningFlags, addSigningOptions } from '../options/signing-options.js';
import { signAndReport, sourceDateEpochOption } from './sign.js';

interface AttestFlags extends RemoteFlags, ReferrersModeFlags, SigningFlags {
  predicate: string;
  type: string;
}

export function registerAttest(program: Command, context: CliContext): void {
  addReferrersModeOption(
    addSigningOptions(
      addRemoteOptions(
        program
          .command('attest')
          .description('sign an in-toto statement about an image or artifact (SLSA provenance, a vulnerability report…) and attach it as a referrer')
          .argument('<reference>', 'what the statement is about: registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest')
          .requiredOption('--predicate <file>', 'the predicate: a JSON object')
          .requiredOption('--type <predicateType>', 'the predicate type URI, e.g. https://slsa.dev/provenance/v1'),
      ),
    ),
  ).action(async (reference: string, flags: AttestFlags) => {
    const predicate = await readPredicate(flags.predicate);
    await signAndReport(context, flags, reference, 'Attested', (signer, { target, reference: parsed, selector }, progress) =>
      attestReference(target, selector, {
        signer,
        predicateType: flags.type,
        predicate,
        // cosign attest names the subject by its repository; a layout directory is no such name.
        ...(parsed.kind === 'registry' ? { subjectName: target.name } : {}),
        ...sourceDateEpochOption(context),
        progress,
      }),
    );
  });
}

/** The predicate file as JSON, read before any key or service is used; it must fit in a bundle. */
async function readPredicate(path: string): Promise<unknown> {
  const what = `the predicate file ${path}`;
  const info = await stat(path).catch(() => {
    throw new OcikitError('INVALID_INPUT', `${what} does not exist or cannot be read`);
  });
  if (!info.isFile()) throw new OcikitError('INVALID_INPUT', `${what} is not a file`);
  if (info.size > MAX_BUNDLE_BYTES) {
    throw new OcikitError('INVALID_INPUT', `${what} is ${info.size} bytes; a signed bundle holds at most ${MAX_BUNDLE_BYTES}`, {
      hint: 'attach a large report as a referrer of its own (`ocikit attach`) and sign that',
    });
  }
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `${what} is not JSON: ${(error as Error).message}`);
  }
}
