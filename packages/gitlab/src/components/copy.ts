/** templates/copy.yml: an image, index or artifact with everything it points to, to another place (`ocikit copy`). */
import type { CopyResultJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf } from '../component.js';
import { shippedArtifact } from '../shipped-artifact.js';

export const copy: Component<CopyResultJson> = {
  verb: 'copy',
  inputs: { string: ['source', 'destination', 'referrers-mode'], boolean: ['referrers', 'anonymous-mount'], number: ['chunk-size'] },
  switches: ['referrers', 'anonymous-mount', 'plain-http', 'insecure'],
  numbers: ['concurrency', 'chunk-size'],
  plan(inputs) {
    const source = inputs.required('source');
    const destination = inputs.required('destination');
    return {
      command: ['copy'],
      options: referrersModeOptions(inputs),
      positionals: [source, destination],
      registries: registriesOf(destination, source),
    };
  },
  report(result) {
    const { blobs, manifests } = result;
    return {
      summary: [
        `copied ${result.source} to ${result.destination}`,
        `blobs: ${blobs?.copied ?? 0} copied, ${blobs?.mounted ?? 0} mounted, ${blobs?.skipped ?? 0} skipped; manifests: ${manifests?.copied ?? 0} copied, ${manifests?.skipped ?? 0} skipped; ${result.bytes ?? 0} bytes sent`,
        ...(result.referrers ? [`referrers: ${result.referrers.copied} copied, ${result.referrers.skipped} skipped`] : []),
      ],
      outputs: { REFERENCE: result.destination, ...shippedArtifact(result.destination) },
    };
  },
};
