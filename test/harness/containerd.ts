// A real containerd for tests: Debian's containerd 1.6 started by hand with a
// config of its own (temp root, state and socket, CRI off), driven with `ctr`
// as a user would. See "The real parts in tests" in DESIGN.md.
import { afterAll, beforeAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PeerOptions, type RunResult, requireBinary, run } from './peers.js';
import { kill, once, spawnWatched } from './watched-process.js';

export interface RunningContainerd {
  /** The gRPC socket. */
  address: string;
  /** `ctr --address <socket> --namespace ocikit <args>`; throws on a non-zero exit unless allowFailure. */
  ctr(args: string[], options?: PeerOptions): Promise<RunResult>;
  /**
   * Where the native snapshotter holds the unpacked root file system of an
   * image whose config lists `diffIds` (read-only use: do not write into it).
   */
  rootfs(diffIds: string[]): Promise<string>;
  logs(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const NAMESPACE = 'ocikit';

export async function startContainerd(): Promise<RunningContainerd> {
  requireBinary('containerd');
  requireBinary('ctr');
  const dir = await mkdtemp(join(tmpdir(), 'ocikit-containerd-'));
  const address = join(dir, 'containerd.sock');
  const configPath = join(dir, 'config.toml');
  await writeFile(
    configPath,
    [
      'version = 2',
      `root = ${JSON.stringify(join(dir, 'root'))}`,
      `state = ${JSON.stringify(join(dir, 'state'))}`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = ${JSON.stringify(address)}`,
      '[plugins."io.containerd.internal.v1.opt"]',
      `  path = ${JSON.stringify(join(dir, 'opt'))}`,
      '',
    ].join('\n'),
  );
  const server = spawnWatched('containerd', ['--config', configPath]);
  const output = server.output;
  const child = server.child;

  const ctr = async (args: string[], options: PeerOptions = {}): Promise<RunResult> => {
    const result = await run('ctr', ['--address', address, '--namespace', NAMESPACE, ...args], options);
    if (result.code !== 0 && !options.allowFailure) {
      throw new Error(`ctr ${args.join(' ')} exited with ${result.code}\nstderr: ${result.stderr.trim()}\nstdout: ${result.stdout.trim()}`);
    }
    return result;
  };
  const stop = once(async () => {
    await kill(child);
    await rm(dir, { recursive: true, force: true });
  });

  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (server.exited()) throw new Error(`containerd ${server.exited()}\n${output()}`);
      const ready = (await stat(address).catch(() => undefined)) && (await ctr(['version'], { allowFailure: true, timeoutMs: 5000 })).code === 0;
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`containerd did not answer on ${address} within ${READY_TIMEOUT_MS} ms\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    address,
    ctr,
    logs: output,
    stop,
    async rootfs(diffIds: string[]): Promise<string> {
      // containerd names a committed layer snapshot by its chain ID (image-spec config.md).
      const chainId = diffIds.reduce((parent, diffId) => (parent ? `sha256:${createHash('sha256').update(`${parent} ${diffId}`).digest('hex')}` : diffId), '');
      const key = `ocikit-view-${createHash('sha256').update(chainId).digest('hex').slice(0, 12)}-${Date.now()}`;
      // ctr's view lives as long as the command (its lease then ends), but it names the mount: for the
      // native snapshotter a bind of the committed snapshot's own directory.
      const view = await ctr(['snapshots', '--snapshotter', 'native', 'view', '--mounts', key, chainId]);
      const mounts = JSON.parse(view.stdout) as Array<{ Type: string; Source: string }>;
      const bind = mounts.find((mount) => mount.Type === 'bind');
      if (!bind) throw new Error(`no bind mount for snapshot ${chainId}: ${view.stdout}`);
      return bind.Source;
    },
  };
}

/** A containerd for the tests of a file: started in beforeAll, stopped in afterAll. */
export function useContainerd(): RunningContainerd {
  let current: RunningContainerd | undefined;
  beforeAll(async () => {
    current = await startContainerd();
  }, 2 * READY_TIMEOUT_MS);
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  const the = (): RunningContainerd => {
    if (!current) throw new Error('useContainerd(): containerd runs only between its beforeAll and afterAll');
    return current;
  };
  return {
    get address() {
      return the().address;
    },
    ctr: (args, options) => the().ctr(args, options),
    rootfs: (diffIds) => the().rootfs(diffIds),
    logs: () => the().logs(),
    stop: () => the().stop(),
  };
}
