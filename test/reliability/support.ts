// Shared pieces of the reliability tests: a real registry (distribution 2.8.2)
// behind the fault-injecting proxy, blobs held in memory, and checks that what a
// registry holds is whole: every manifest's blobs there, every blob its digest.
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { Readable } from 'node:stream';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import type { Descriptor } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import type { UploadRecovery } from '../../packages/core/src/registry/blob-upload.js';
import { RemoteRepository, type RemoteRepositoryOptions } from '../../packages/core/src/registry/remote-repository.js';
import type { BlobSource } from '../../packages/core/src/target/target.js';
export { failureOf, readAll } from '../harness/outcomes.js';
import { type FaultProxy, type FaultRule, type RecordedRequest, startFaultProxy } from '../harness/fault-proxy.js';
import { type RunningRegistry, useRegistry } from '../harness/registry.js';

export const MiB = 1024 * 1024;
/** Quick retries: the faults are many, the waits need not be long. */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 100, maxElapsedMs: 20_000 };

export interface MemoryBlob {
  bytes: Buffer;
  descriptor: Descriptor;
  source: BlobSource;
  /** Byte ranges each `open` was asked for, in order. */
  opened: Array<[number, number]>;
}

/** A blob held in memory; its source re-opens any range (`end` inclusive, as BlobSource says). */
export function memoryBlob(bytes: Buffer, mediaType: string = MediaType.OctetStream): MemoryBlob {
  const descriptor: Descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length };
  const opened: Array<[number, number]> = [];
  return {
    bytes,
    descriptor,
    opened,
    source: {
      descriptor,
      open: (start = 0, end = bytes.length - 1) => {
        opened.push([start, end]);
        // Several pieces, so a cut can fall in the middle of a request body.
        const pieces: Buffer[] = [];
        for (let at = start; at <= end; at += 256 * 1024) pieces.push(bytes.subarray(at, Math.min(end + 1, at + 256 * 1024)));
        return Readable.from(pieces);
      },
    },
  };
}

export interface FaultyRegistry {
  registry: RunningRegistry;
  proxy: FaultProxy;
  /** Replaces the proxy's rules. */
  faults(...rules: FaultRule[]): void;
  /** A repository through the proxy (closed after the test); recoveries are collected in `recoveries`. */
  open(repository: string, options?: RemoteRepositoryOptions): RemoteRepository;
  /** A repository straight on the registry, past the proxy (for checking what it holds). */
  direct(repository: string): RemoteRepository;
  recoveries: UploadRecovery[];
  /** Requests the proxy saw with this method whose path matches. */
  seen(method: string, path?: RegExp): RecordedRequest[];
}

/** A registry behind a fault proxy for a describe block; rules, requests and recoveries reset after each test. */
export function useFaultyRegistry(): FaultyRegistry {
  const registry = useRegistry();
  let proxy: FaultProxy | undefined;
  const opened: RemoteRepository[] = [];
  const recoveries: UploadRecovery[] = [];
  beforeAll(async () => {
    proxy = await startFaultProxy(registry.url);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((repo) => repo.close()));
    proxy?.setRules([]);
    proxy?.requests.splice(0);
    recoveries.splice(0);
  });
  afterAll(async () => {
    await proxy?.stop();
  });
  return {
    registry,
    get proxy(): FaultProxy {
      return proxy!;
    },
    recoveries,
    faults: (...rules) => proxy!.setRules(rules),
    open(repository, options = {}) {
      const repo = new RemoteRepository(
        { registry: proxy!.host, repository },
        { retry: FAST_RETRY, onUploadRecovery: (r) => recoveries.push(r), ...options },
      );
      opened.push(repo);
      return repo;
    },
    direct(repository) {
      const repo = new RemoteRepository({ registry: registry.host, repository });
      opened.push(repo);
      return repo;
    },
    seen: (method, path) => proxy!.requests.filter((r) => r.method === method && (!path || path.test(r.path))),
  };
}
