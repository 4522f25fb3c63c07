// The two referrers-API registries the suite runs, as they really behave: what the
// referrers tests rely on and what a client must cope with (ggcr sends no
// OCI-Subject and ignores the artifactType filter; olareg does both).
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { API_REGISTRIES, useApiRegistry } from './registry.js';

const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', digest: `sha256:${sha256('{}')}`, size: 2 };

function sha256(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

async function putBlob(url: string, repo: string, data: string): Promise<void> {
  const response = await fetch(`${url}/v2/${repo}/blobs/uploads/?digest=sha256:${sha256(data)}`, { method: 'POST', body: data, headers: { 'content-type': 'application/octet-stream' } });
  if (response.status !== 201) {
    // A registry that takes no monolithic POST: POST, then PUT.
    const session = await fetch(`${url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(session.headers.get('location')!, url);
    location.searchParams.set('digest', `sha256:${sha256(data)}`);
    expect((await fetch(location, { method: 'PUT', body: data, headers: { 'content-type': 'application/octet-stream' } })).status).toBe(201);
  }
}

async function putManifest(url: string, repo: string, reference: string, manifest: object): Promise<{ digest: string; size: number; ociSubject: string | null }> {
  const body = JSON.stringify(manifest);
  const response = await fetch(`${url}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
  expect(response.status).toBe(201);
  return { digest: `sha256:${sha256(body)}`, size: Buffer.byteLength(body), ociSubject: response.headers.get('oci-subject') };
}

describe.each(API_REGISTRIES)('the %s registry', (kind) => {
  const registry = useApiRegistry(kind);

  it('lists referrers through the API; OCI-Subject and the artifactType filter as this registry does them', async () => {
    await putBlob(registry.url, 'facts/app', '{}');
    const subject = await putManifest(registry.url, 'facts/app', 'v1', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.example.app', config: EMPTY, layers: [EMPTY] });
    const manifest = (artifactType: string) => ({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType,
      config: EMPTY,
      layers: [EMPTY],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject.digest, size: subject.size },
    });
    const sbom = await putManifest(registry.url, 'facts/app', `sha256:${sha256(JSON.stringify(manifest('application/spdx+json')))}`, manifest('application/spdx+json'));
    await putManifest(registry.url, 'facts/app', `sha256:${sha256(JSON.stringify(manifest('application/sarif+json')))}`, manifest('application/sarif+json'));
    expect(sbom.ociSubject).toBe(kind === 'olareg' ? subject.digest : null);

    const all = await fetch(`${registry.url}/v2/facts/app/referrers/${subject.digest}`);
    expect(all.status).toBe(200);
    expect(((await all.json()) as { manifests: unknown[] }).manifests).toHaveLength(2);

    const filtered = await fetch(`${registry.url}/v2/facts/app/referrers/${subject.digest}?artifactType=${encodeURIComponent('application/spdx+json')}`);
    const listed = ((await filtered.json()) as { manifests: Array<{ artifactType: string }> }).manifests;
    if (kind === 'olareg') {
      expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
      expect(listed.map((d) => d.artifactType)).toEqual(['application/spdx+json']);
    } else {
      expect(filtered.headers.get('oci-filters-applied')).toBeNull();
      expect(listed).toHaveLength(2);
    }
  });
});
