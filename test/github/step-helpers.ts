// What the action tests read back: a step's error and warning annotations, and the
// registry's own view (manifests by tag or digest, fetched directly with Basic auth).
import type { ActionResult } from '../harness/action-runner.js';
import type { RunningRegistry } from '../harness/registry.js';

export const USER = 'ocikit';
export const PASSWORD = 'the-s3cret-pass';
/** The inputs that log a step in to the test registry. */
export const LOGIN = { username: USER, password: PASSWORD } as const;

export function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.value);
}

export function warnings(result: ActionResult): string[] {
  return result.commands.filter((c) => c.command === 'warning').map((c) => c.value);
}

const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** A manifest or index as the registry holds it (any OCI or Docker type), with the digest it reports; undefined when it has none. */
export async function registryManifest(registry: RunningRegistry, repository: string, reference: string): Promise<{ digest: string; mediaType: string; body: any } | undefined> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    headers: { accept: ACCEPT, authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` },
  });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET ${repository}/manifests/${reference}: HTTP ${response.status}`);
  return { digest: response.headers.get('docker-content-digest')!, mediaType: response.headers.get('content-type')!, body: await response.json() };
}

/** Deletes a blob from the registry (storage.delete is enabled in the test registry). */
export async function deleteBlob(registry: RunningRegistry, repository: string, digest: string): Promise<number> {
  const response = await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`, {
    method: 'DELETE',
    headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` },
  });
  return response.status;
}

/** The referrers tag schema's tag for a digest: `sha256-<hex>`. */
export const referrersTagOf = (digest: string): string => digest.replace(':', '-');
