import { type Reference, parseReference, referenceSelector, registryEndpointHost } from '../reference/reference.js';
import { RegistryClient } from '../registry/registry-client.js';
import { type OpenTargetOptions, openTarget } from '../target/open-target.js';
import { type CopyGraphOptions, type CopyGraphResult, copyGraph } from './copy-graph.js';

export interface CopyReferenceOptions extends Omit<OpenTargetOptions, 'create' | 'client'>, CopyGraphOptions {}

export interface CopyReferenceResult extends CopyGraphResult {
  source: Reference;
  destination: Reference;
}

/**
 * `ocikit copy <src> <dst>`: opens both ends and copies the graph. Two
 * repositories of one registry share one client, so one token can cover both
 * (a mount needs pull on the source and push on the destination) and
 * connections are reused. An OCI layout destination is created if need be.
 * The destination's tag or digest names the copy; without either it takes the
 * source's tag (or digest).
 */
export async function copyReference(
  source: string | Reference,
  destination: string | Reference,
  options: CopyReferenceOptions = {},
): Promise<CopyReferenceResult> {
  const from = typeof source === 'string' ? parseReference(source) : source;
  const to = typeof destination === 'string' ? parseReference(destination) : destination;
  const shared =
    from.kind === 'registry' && to.kind === 'registry' && from.registry === to.registry
      ? new RegistryClient({ ...options, registry: from.registry, endpointHost: registryEndpointHost(from.registry) })
      : undefined;
  const targetOptions: OpenTargetOptions = { ...options, ...(shared ? { client: shared } : {}) };
  try {
    const sourceTarget = (await openTarget(from, targetOptions)).target;
    try {
      const destinationTarget = (await openTarget(to, { ...targetOptions, create: true })).target;
      try {
        const destinationRef = to.tag ?? to.digest;
        const result = await copyGraph(sourceTarget, referenceSelector(from), destinationTarget, destinationRef, options);
        return { ...result, source: from, destination: to };
      } finally {
        await destinationTarget.close();
      }
    } finally {
      await sourceTarget.close();
    }
  } finally {
    await shared?.close();
  }
}
