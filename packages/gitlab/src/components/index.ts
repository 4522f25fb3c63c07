/** templates/index.yml: a multi-platform image index created, added to, or taken from (`ocikit index create|add|remove`). */
import { type IndexResultJson, OcikitError, parseIndexSourceArgument, parseReference } from '@ocikit/core';
import { type Component, registriesOf, valueOption } from '../component.js';
import { annotationOptions, pipelineAnnotations } from '../pipeline.js';
import { shippedArtifact } from '../shipped-artifact.js';

const COMMANDS = ['create', 'add', 'remove'] as const;
/** Boolean inputs of create and add, given as `--<name>` when true. */
const FLAGS = ['allow-duplicates', 'replace', 'anonymous-mount'] as const;

export const index: Component<IndexResultJson> = {
  verb: 'index',
  inputs: { string: ['command', 'reference', 'annotations', 'artifact-type', 'tags'], array: ['sources'], boolean: [...FLAGS], number: ['chunk-size'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  plan(inputs, job) {
    const command = inputs.choice('command', COMMANDS, 'create');
    const reference = inputs.required('reference');
    const sources = inputs.items('sources');
    if (sources.length === 0) {
      throw new OcikitError('INVALID_INPUT', 'the input sources is empty', {
        hint: `list the ${command === 'remove' ? 'platforms or digests to remove' : 'manifests to list'}`,
      });
    }
    const tags = inputs.list('tags').flatMap((tag) => ['--tag', tag]);
    const flags = FLAGS.filter((flag) => inputs.flag(flag));
    if (command === 'remove') {
      const misplaced = [...(inputs.text('annotations') ? ['annotations'] : []), ...(inputs.text('artifact-type') ? ['artifact-type'] : []), ...flags];
      if (misplaced.length > 0) throw new OcikitError('INVALID_INPUT', `command remove takes no ${misplaced.join(', ')}`);
      return { command: ['index', 'remove'], options: tags, positionals: [reference, ...sources], registries: registriesOf(reference) };
    }
    if (flags.includes('replace') && command !== 'add') throw new OcikitError('INVALID_INPUT', 'the input replace is for command add');
    const options = [
      ...tags,
      ...flags.map((flag) => `--${flag}`),
      ...valueOption(inputs, 'artifact-type'),
      // The index carries no time (the same entries give the same digest), so no created.
      ...annotationOptions(inputs.lines('annotations'), pipelineAnnotations(job.env, ['source', 'revision'])),
    ];
    // Sources on other registries: each gets its own credential (core reads `:tag`, `@digest` and `ref=platform` as the CLI does).
    const destination = parseReference(reference);
    const read = sources.map((source) => parseIndexSourceArgument(source, destination).reference);
    const elsewhere = read.flatMap((source) => (source.kind === 'registry' ? [source.registry] : []));
    return { command: ['index', command], options, positionals: [reference, ...sources], registries: [...registriesOf(reference), ...elsewhere] };
  },
  report(result) {
    const copied = result.copied;
    return {
      summary: [
        `pushed ${result.reference} (${result.mediaType})`,
        ...(result.manifests ?? []).map((m) => `  ${(m.attestation ? 'attestation' : (m.platform ?? '(no platform)')).padEnd(24)} ${m.digest}`),
        ...(copied?.manifests ? [`copied into the index's repository: ${copied.manifests} manifests, ${copied.blobs?.mounted ?? 0} blobs mounted, ${copied.blobs?.copied ?? 0} copied`] : []),
      ],
      outputs: shippedArtifact(result.reference),
    };
  },
};
