// The soak (issue 10): many pushes and attaches with bounded concurrency, in one
// process, against the real registry (distribution 2.8.2) behind a pass-through
// proxy that counts TCP connections. What must hold: RSS does not grow with the
// number of operations, connections are reused (their count stays near the
// concurrency, not the number of requests), no file descriptor leaks
// (/proc/self/fd), no temp directory is left behind.
//
// Jest-free, importing only node built-ins (types aside): test/reliability/
// soak.test.ts runs 50 operations with core from source, bench/soak.mjs 500 with
// core from dist. Everything else is passed in.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultProxy } from '../harness/fault-proxy.js';
import type { RunningRegistry } from '../harness/registry-process.js';
import type * as CoreModule from '../../packages/core/src/index.js';

type Core = Pick<typeof CoreModule, 'RegistryClient' | 'RemoteRepository' | 'pushArtifact' | 'attachArtifact'>;

export interface SoakDeps {
  core: Core;
  startRegistry: () => Promise<RunningRegistry>;
  startFaultProxy: (upstream: string) => Promise<FaultProxy>;
  /** Collects garbage when the process allows it (node --expose-gc), so RSS samples compare. */
  gc?: () => void;
}

export interface SoakOptions {
  /** Push-and-attach pairs. */
  operations: number;
  concurrency: number;
  /** Bytes of the file each push sends. */
  fileSize: number;
  log?: (line: string) => void;
}

export interface SoakSample {
  done: number;
  rssMiB: number;
  heapMiB: number;
  fds: number;
  connections: number;
}

export interface SoakResult {
  operations: number;
  requests: number;
  /** TCP connections the client opened to the registry over the whole run. */
  connections: number;
  samples: SoakSample[];
  /** Open descriptors of this process: before the registry and proxy started, at most while running, after all was stopped. */
  fds: { before: number; during: number; afterClose: number };
  /**
   * Median RSS of the first and the last fifth of the samples (after the warm-up
   * one); `lateGrowthMiB`: from the middle of the run to its end, where a leak
   * would keep growing and allocator warm-up has settled.
   */
  rss: { warmMiB: number; endMiB: number; growthMiB: number; lateGrowthMiB: number; peakMiB: number };
  /** Heap used (after a forced GC where available), same medians. */
  heap: { warmMiB: number; endMiB: number };
  /** Temp directories the pushes left in TMPDIR. */
  leftoverTemp: string[];
  seconds: number;
}

const MiB = 1024 * 1024;

function fdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

export async function runSoak(deps: SoakDeps, options: SoakOptions): Promise<SoakResult> {
  const { core } = deps;
  const log = options.log ?? (() => {});
  // Descriptors before anything starts: the proxy runs in this process and holds sockets of its own.
  const fdsBaseline = fdCount();
  const registry = await deps.startRegistry();
  const proxy = await deps.startFaultProxy(registry.url);
  const work = await mkdtemp(join(tmpdir(), 'ocikit-soak-'));
  const temp = join(work, 'tmp');
  await mkdir(temp);
  // The pushes' temp directories go here, so leftovers are ours to count.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = temp;
  // One client, as a long-running process (an action, a service) holds one: its pool is what must be reused.
  const client = new core.RegistryClient({ registry: proxy.host });
  const samples: SoakSample[] = [];
  const started = Date.now();
  let fdsDuring = fdsBaseline;
  // The proxy lives in this process: its log of requests would grow with them and be counted as ocikit's memory.
  let requests = 0;
  const drainLog = (): void => {
    requests += proxy.requests.length;
    proxy.requests.splice(0);
  };
  try {
    const sample = (done: number): void => {
      drainLog();
      deps.gc?.();
      const memory = process.memoryUsage();
      const entry = { done, rssMiB: memory.rss / MiB, heapMiB: memory.heapUsed / MiB, fds: fdCount(), connections: proxy.connections };
      fdsDuring = Math.max(fdsDuring, entry.fds);
      samples.push(entry);
      log(`${String(done).padStart(5)} done: RSS ${entry.rssMiB.toFixed(1)} MiB, heap ${entry.heapMiB.toFixed(1)} MiB, ${entry.fds} fds, ${entry.connections} connections`);
    };
    sample(0);
    const sampleEvery = Math.max(1, Math.floor(options.operations / 20));
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const index = next++;
        if (index >= options.operations) return;
        const dir = join(work, `op-${index}`);
        await mkdir(dir);
        const file = join(dir, 'build.bin');
        await writeFile(file, randomBytes(options.fileSize));
        const sbom = join(dir, 'sbom.spdx.json');
        await writeFile(sbom, JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: `build-${index}`, dataLicense: 'CC0-1.0', documentNamespace: `https://example.com/${index}`, creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: soak'] }, packages: [] }));
        const repo = new core.RemoteRepository({ registry: proxy.host, repository: `soak/app${index % 8}` }, { client });
        try {
          await core.pushArtifact(repo, { files: [{ path: file }], tags: [`build-${index}`] });
          await core.attachArtifact(repo, `build-${index}`, { files: [{ path: sbom }] });
        } finally {
          await repo.close(); // does not close the shared client
        }
        await rm(dir, { recursive: true, force: true });
        done++;
        if (done % sampleEvery === 0) sample(done);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    if (samples.at(-1)?.done !== done) sample(done);
  } finally {
    await client.close();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  const seconds = (Date.now() - started) / 1000;
  const leftoverTemp = await readdir(temp);
  drainLog();
  const connections = proxy.connections;
  await proxy.stop();
  await registry.stop();
  await rm(work, { recursive: true, force: true });
  // Give closed sockets and the registry's pipes a moment to be released before counting again.
  let fdsAfterClose = fdCount();
  for (let i = 0; i < 20 && fdsAfterClose > fdsBaseline; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    fdsAfterClose = fdCount();
  }

  const steady = samples.slice(1);
  const fifth = Math.max(1, Math.floor(steady.length / 5));
  const warmMiB = median(steady.slice(0, fifth).map((s) => s.rssMiB));
  const endMiB = median(steady.slice(-fifth).map((s) => s.rssMiB));
  const middle = Math.floor(steady.length / 2);
  const midMiB = median(steady.slice(Math.max(0, middle - Math.floor(fifth / 2)), middle + Math.ceil(fifth / 2)).map((s) => s.rssMiB));
  return {
    operations: options.operations,
    requests,
    connections,
    samples,
    fds: { before: fdsBaseline, during: fdsDuring, afterClose: fdsAfterClose },
    rss: { warmMiB, endMiB, growthMiB: endMiB - warmMiB, lateGrowthMiB: endMiB - midMiB, peakMiB: Math.max(...samples.map((s) => s.rssMiB)) },
    heap: { warmMiB: median(steady.slice(0, fifth).map((s) => s.heapMiB)), endMiB: median(steady.slice(-fifth).map((s) => s.heapMiB)) },
    leftoverTemp,
    seconds,
  };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

/** The figures as README lines. */
export function soakSummary(result: SoakResult, concurrency: number): string {
  return [
    `| operations (push + attach) | ${result.operations} × 2, concurrency ${concurrency} |`,
    `| HTTP requests | ${result.requests} |`,
    `| TCP connections opened | ${result.connections} |`,
    `| RSS after warm-up → at the end (median of first/last fifth) | ${result.rss.warmMiB.toFixed(1)} → ${result.rss.endMiB.toFixed(1)} MiB (${signed(result.rss.growthMiB)} MiB; ${signed(result.rss.lateGrowthMiB)} MiB over the second half); peak ${result.rss.peakMiB.toFixed(1)} MiB |`,
    `| heap used after GC, warm-up → end | ${result.heap.warmMiB.toFixed(1)} → ${result.heap.endMiB.toFixed(1)} MiB |`,
    `| file descriptors before / most during / after close | ${result.fds.before} / ${result.fds.during} / ${result.fds.afterClose} |`,
    `| temp directories left | ${result.leftoverTemp.length} |`,
    `| wall time | ${result.seconds.toFixed(1)} s |`,
  ].join('\n');
}
