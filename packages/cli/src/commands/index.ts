import type { Command } from 'commander';
import {
  type IndexReferenceOptions,
  type IndexReferenceResult,
  addToIndexByReference,
  createIndexFromReferences,
  indexResultJson,
  givenCredentialRegistries,
  isAttestationEntry,
  parseAnnotationArguments,
  parseIndexSourceArgument,
  parseReference,
  platformString,
  removeFromIndexByReference,
  sourceDateEpoch,
} from '@ocikit/core';
import type { CliContext } from '../context.js';
import { collect } from '../options/collect.js';
import { type RemoteFlags, addRemoteOptions, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';
import { jsonLine } from './with-target.js';

interface IndexFlags extends RemoteFlags {
  annotation: string[];
  artifactType?: string;
  allowDuplicates?: boolean;
  tag: string[];
  anonymousMount?: boolean;
  replace?: boolean;
}

const SOURCE_HELP =
  'manifests (or indexes) to list, each as <ref>[=os/arch[/variant]]; :tag or @digest alone means the index\'s repository';

/** `ocikit index create|add|remove`: multi-platform image indexes from manifests pushed one platform each. */
export function registerIndex(program: Command, context: CliContext): void {
  const index = program.command('index').description('assemble and update multi-platform image indexes');

  addIndexOptions(
    index
      .command('create')
      .description('build an image index from manifests pushed separately (e.g. by matrix jobs) and print its digest')
      .argument('<index-ref>', 'where the index goes: registry/repo[:tag] (default tag latest) or oci-layout:<dir>[:tag]')
      .argument('<sources...>', SOURCE_HELP),
  ).action(async (reference: string, sources: string[], flags: IndexFlags) => {
    await runIndexVerb(context, flags, reference, sources, (options) => createIndexFromReferences(reference, sources, options));
  });

  addIndexOptions(
    index
      .command('add')
      .description('add manifests to an existing index (pushed again under the same tag)')
      .argument('<index-ref>', 'the index: registry/repo:tag or oci-layout:<dir>:tag')
      .argument('<sources...>', SOURCE_HELP)
      .option('--replace', 'first remove the entries of each platform being added'),
  ).action(async (reference: string, sources: string[], flags: IndexFlags) => {
    await runIndexVerb(context, flags, reference, sources, (options) => addToIndexByReference(reference, sources, options));
  });

  addRemoteOptions(
    index
      .command('remove')
      .description('remove entries (by platform or digest, with their attestations) from an index')
      .argument('<index-ref>', 'the index: registry/repo:tag or oci-layout:<dir>:tag')
      .argument('<entries...>', 'platforms (os/arch[/variant]) or digests of the entries to remove')
      .option('-t, --tag <tag>', 'also tag the result with this tag (repeatable)', collect, []),
  ).action(async (reference: string, entries: string[], flags: IndexFlags) => {
    await runIndexVerb(context, { ...flags, annotation: [] }, reference, [], (options) => removeFromIndexByReference(reference, entries, options));
  });
}

function addIndexOptions(command: Command): Command {
  return addRemoteOptions(
    command
      .option('-a, --annotation <key=value>', 'an index annotation (repeatable)', collect, [])
      .option('--artifact-type <type>', 'the index artifactType (OCI 1.1)')
      .option('--allow-duplicates', 'allow two entries for one platform (clients take the first: the order is meant)')
      .option('-t, --tag <tag>', 'also tag the index with this tag (repeatable)', collect, [])
      .option('--anonymous-mount', 'ask the registry to mount blobs it may hold in any repository (OCI 1.1)'),
  );
}

async function runIndexVerb(
  context: CliContext,
  flags: IndexFlags,
  reference: string,
  sources: readonly string[],
  run: (options: IndexReferenceOptions) => Promise<IndexReferenceResult>,
): Promise<void> {
  const progress = createProgressRenderer(context);
  try {
    const index = parseReference(reference);
    const read = sources.map((source) => parseIndexSourceArgument(source, index).reference);
    const annotations = parseAnnotationArguments(flags.annotation, 'index');
    const options = await targetOptions(flags, context, progress, givenCredentialRegistries(index, read));
    const epoch = sourceDateEpoch(context.env);
    const result = await run({
      ...options,
      concurrency: flags.concurrency,
      progress,
      annotations,
      ...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
      ...(flags.allowDuplicates ? { allowDuplicates: true } : {}),
      ...(flags.anonymousMount ? { anonymousMount: true } : {}),
      ...(flags.replace ? { replace: true } : {}),
      ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
      tags: flags.tag,
    });
    progress.stop();
    const json = indexResultJson(result);
    if (flags.json) {
      context.stdout.write(jsonLine(json));
      return;
    }
    for (const m of result.index.manifests) {
      const what = isAttestationEntry(m) ? 'attestation' : m.platform ? platformString(m.platform) : '(no platform)';
      context.stdout.write(`  ${what.padEnd(24)} ${m.digest}\n`);
    }
    context.stdout.write(`Pushed ${json.reference} (${result.index.mediaType})\nDigest: ${result.descriptor.digest}\n`);
  } finally {
    progress.stop();
  }
}
