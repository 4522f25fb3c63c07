// A real registry for tests: Debian's docker-registry (distribution 2.8.2) on a
// loopback port, in a temp dir of its own. See "The real parts in tests" in DESIGN.md.
// The launcher itself lives in registry-process.ts (no jest there, so scripts such
// as bench/ can use it); this file adds the jest lifecycle.
import { afterAll, beforeAll } from '@jest/globals';
import { type ApiRegistryKind, type RunningApiRegistry, startApiRegistry } from './api-registry-process.js';
import { READY_TIMEOUT_MS, type RegistryOptions, type RunningRegistry, startRegistry } from './registry-process.js';

export { API_REGISTRIES, type ApiRegistryKind, type RunningApiRegistry, startApiRegistry } from './api-registry-process.js';
export { startRegistry, type RegistryOptions, type RunningRegistry, type TokenServiceConfig } from './registry-process.js';

/**
 * A registry for the tests of a describe block (or file): started in beforeAll,
 * stopped in afterAll even when tests fail. Read its fields inside tests or hooks.
 */
export function useRegistry(options?: RegistryOptions): RunningRegistry {
  let current: RunningRegistry | undefined;
  beforeAll(async () => {
    current = await startRegistry(options);
  }, 2 * READY_TIMEOUT_MS);
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  const the = (): RunningRegistry => {
    if (!current) throw new Error('useRegistry(): the registry runs only between its beforeAll and afterAll');
    return current;
  };
  return {
    get host() { return the().host; },
    get url() { return the().url; },
    get storageDir() { return the().storageDir; },
    get users() { return the().users; },
    logs: () => the().logs(),
    stop: () => the().stop(),
  };
}

/**
 * A registry with the OCI 1.1 referrers API for the tests of a describe block
 * (see api-registry-process.ts): go-containerregistry's or olareg's.
 */
export function useApiRegistry(kind: ApiRegistryKind): RunningApiRegistry {
  let current: RunningApiRegistry | undefined;
  beforeAll(async () => {
    current = await startApiRegistry(kind);
  }, 2 * READY_TIMEOUT_MS);
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  const the = (): RunningApiRegistry => {
    if (!current) throw new Error(`useApiRegistry('${kind}'): the registry runs only between its beforeAll and afterAll`);
    return current;
  };
  return {
    kind,
    get host() { return the().host; },
    get url() { return the().url; },
    logs: () => the().logs(),
    stop: () => the().stop(),
  };
}
