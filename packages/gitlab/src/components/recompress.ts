/** templates/recompress.yml: an image's or index's tar+gzip layers to tar+zstd (`ocikit recompress`). */
import type { RecompressResultJson } from '@ocikit/core';
import { type Component, registriesOf, valueOption } from '../component.js';
import { shippedArtifact } from '../shipped-artifact.js';

const MODES = ['replace', 'add'] as const;

export const recompress: Component<RecompressResultJson> = {
  verb: 'recompress',
  inputs: { string: ['source', 'destination', 'mode', 'platforms', 'temp-dir'], boolean: ['referrers'], number: ['level', 'chunk-size'] },
  switches: ['referrers', 'plain-http', 'insecure'],
  numbers: ['level', 'concurrency', 'chunk-size'],
  plan(inputs) {
    const source = inputs.required('source');
    const destination = inputs.text('destination');
    const options = [
      '--mode',
      inputs.choice('mode', MODES, 'replace'),
      ...inputs.list('platforms').flatMap((platform) => ['--platform', platform]),
      ...valueOption(inputs, 'temp-dir'),
    ];
    return {
      command: ['recompress'],
      options,
      positionals: destination ? [source, destination] : [source],
      registries: registriesOf(destination || source, source),
    };
  },
  report(result) {
    const bytes = result.bytes;
    return {
      summary: [
        result.changed ? `recompressed to ${result.reference}` : `nothing to recompress: ${result.reference} has no tar+gzip layers`,
        `layers: ${(result.layers ?? []).length} to zstd (${bytes?.gzip ?? 0} bytes gzip -> ${bytes?.zstd ?? 0} bytes zstd), ${result.keptLayers ?? 0} kept`,
        // Signatures and SBOMs of the old digests do not apply to the new ones: say which moved where.
        ...(result.rewritten ?? []).flatMap((r) => [
          `  ${r.from} -> ${r.to}${r.platform ? ` (${r.platform})` : ''}`,
          ...(r.carried ?? []).map((c) => `    carried ${c.artifactType ?? 'referrer'} ${c.from} -> ${c.to}`),
        ]),
      ],
      outputs: { CHANGED: String(Boolean(result.changed)), ...(result.changed ? shippedArtifact(result.reference) : {}) },
    };
  },
};
