import { describe, expect, it } from '@jest/globals';
import { schemaErrors } from './oci-schema.js';

describe('OCI schema harness', () => {
  it('accepts a valid artifact manifest and rejects a broken one', () => {
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.example+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 },
      layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 }],
    };
    expect(schemaErrors('image-manifest-schema', manifest)).toEqual([]);
    expect(schemaErrors('image-manifest-schema', { ...manifest, config: { ...manifest.config, digest: 'nope' } })).not.toEqual([]);
    expect(schemaErrors('image-manifest-schema', { ...manifest, schemaVersion: 1 })).not.toEqual([]);
    expect(schemaErrors('image-manifest-schema', { ...manifest, layers: [] })).toContain('/layers must NOT have fewer than 1 items');
  });
});
