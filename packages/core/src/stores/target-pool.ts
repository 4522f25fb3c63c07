/**
 * The stores one verb opens: one per repository or layout, and one client per
 * registry shared by all of that registry's repositories (one token covers reading
 * one and writing another, which a cross-repository mount needs), everything closed
 * at the end. The one way a verb speaks to several stores.
 */
import { resolve as resolvePath } from 'node:path';
import { type Reference, registryEndpointHost } from '../reference/reference.js';
import { RegistryClient } from '../registry/registry-client.js';
import { type OpenTargetOptions, openTarget } from './open-target.js';
import type { Target } from '../target/target.js';

export type TargetPoolOptions = Omit<OpenTargetOptions, 'create' | 'client'>;

export class TargetPool {
  private readonly clients = new Map<string, RegistryClient>();
  private readonly targets = new Map<string, Promise<Target>>();

  constructor(private readonly options: TargetPoolOptions) {}

  /** The store `reference` names, opened once (`create`: a layout that does not exist yet is made). */
  open(reference: Reference, create = false): Promise<Target> {
    const key = reference.kind === 'registry' ? `${reference.registry}/${reference.repository}` : `oci-layout:${resolvePath(reference.path)}`;
    let target = this.targets.get(key);
    if (!target) {
      let client: RegistryClient | undefined;
      if (reference.kind === 'registry') {
        client = this.clients.get(reference.registry);
        if (!client) {
          client = new RegistryClient({ ...this.options, registry: reference.registry, endpointHost: registryEndpointHost(reference.registry) });
          this.clients.set(reference.registry, client);
        }
      }
      target = openTarget(reference, { ...this.options, ...(client ? { client } : {}), create }).then((opened) => opened.target);
      this.targets.set(key, target);
    }
    return target;
  }

  async close(): Promise<void> {
    const opened = await Promise.allSettled([...this.targets.values()]);
    for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
    for (const client of this.clients.values()) await client.close();
  }
}

/** Runs `work` with a pool of stores, closing every one afterwards, whatever `work` did. */
export async function withTargetPool<T>(options: TargetPoolOptions, work: (pool: TargetPool) => Promise<T>): Promise<T> {
  const pool = new TargetPool(options);
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}
