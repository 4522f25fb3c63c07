// Real registries with the OCI 1.1 referrers API, beside distribution 2.8 (which
// has none and so is the tag-schema registry):
//   - `ggcr`: go-containerregistry's pkg/registry with referrers on
//     (test/peers/referrers-registry, built by .ci/install-peers). It answers
//     GET /v2/<name>/referrers/<digest>, but sends no OCI-Subject on a push,
//     ignores `artifactType` (no OCI-Filters-Applied), lists each referrer's config
//     media type as its artifactType (the empty type, for artifacts), answers 404
//     NAME_UNKNOWN for a repository it never saw, and never pages: clients must
//     probe, filter, and read a listed manifest for its real type.
//   - `olareg`: olareg's registry in memory. It sends OCI-Subject and applies the
//     artifactType filter, saying so in OCI-Filters-Applied (not on answers it
//     serves from its cache), and pages answers above 4 MiB.
// Both hold everything in memory and go away with their process. Jest-free and
// importing node built-ins only (see registry-process.ts); tests use registry.ts.
import { freePort, kill, once, spawnWatched } from './watched-process.ts';
import { probe } from './registry-process.ts';

export type ApiRegistryKind = 'ggcr' | 'olareg';
export const API_REGISTRIES: readonly ApiRegistryKind[] = ['ggcr', 'olareg'];

export interface RunningApiRegistry {
  kind: ApiRegistryKind;
  /** '127.0.0.1:<port>' */
  host: string;
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** What the registry printed so far, for a failed test's message. */
  logs(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 5;

export async function startApiRegistry(kind: ApiRegistryKind): Promise<RunningApiRegistry> {
  return kind === 'ggcr' ? startGgcr() : startOlareg();
}

async function startGgcr(): Promise<RunningApiRegistry> {
  // It binds port 0 itself and prints the address: no race for a port.
  const server = spawnWatched('ocikit-referrers-registry', []);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const address = /listening on (127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
    if (address) return running('ggcr', address, server.output, once(() => kill(server.child)));
    if (server.exited() !== undefined || Date.now() > deadline) {
      await kill(server.child);
      await server.closed;
      throw new Error(`ocikit-referrers-registry did not start (${server.exited() ?? 'no address printed'}); it is built by .ci/install-peers\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startOlareg(): Promise<RunningApiRegistry> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // In memory, deletes allowed (the tests delete referrers), no garbage collection mid-test.
    const args = ['serve', '--addr', '127.0.0.1', '--port', String(port), '--store-type', 'mem', '--api-delete', '--gc-frequency', '-1s'];
    const server = spawnWatched('olareg', args);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (server.exited() === undefined && Date.now() < deadline) {
      if ((await probe(`http://127.0.0.1:${port}/v2/`, { anyServer: true })) === 200 && server.exited() === undefined) {
        return running('olareg', `127.0.0.1:${port}`, server.output, once(() => kill(server.child)));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await kill(server.child);
    await server.closed;
    if (!/address already in use/.test(server.output()) || attempt === PORT_ATTEMPTS) {
      throw new Error(`olareg did not start (${server.exited() ?? `no answer within ${READY_TIMEOUT_MS} ms`})\n${server.output()}`);
    }
  }
}

function running(kind: ApiRegistryKind, host: string, logs: () => string, stop: () => Promise<void>): RunningApiRegistry {
  return { kind, host, url: `http://${host}`, logs, stop };
}
