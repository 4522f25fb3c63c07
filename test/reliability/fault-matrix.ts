// The fault matrix (issue 10): every fault × (push, pull, attach, index create)
// against the real registry (distribution 2.8.2) behind the fault-injecting proxy.
// Each run ends with the right content verified by digest, or with a clear error
// after the bounded retries; either way the registry holds no corrupt blob and no
// manifest that points at a missing one, and a pull leaves no partial file.
//
// Jest-free and importing only node built-ins (types aside), so plain node runs it
// too: test/reliability/fault-matrix.test.ts runs it small (core from source),
// bench/fault-matrix.mjs on 256 MiB (core from dist). Everything else is passed in.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FaultProxy, FaultRule } from '../harness/fault-proxy.js';
import type { RunningRegistry } from '../harness/registry-process.js';
import type * as CoreModule from '../../packages/core/src/index.js';

type Core = Pick<typeof CoreModule, 'RemoteRepository' | 'pushArtifact' | 'pullArtifact' | 'attachArtifact' | 'assembleIndex' | 'OcikitError' | 'parseManifest' | 'isIndex'>;
type Repository = InstanceType<Core['RemoteRepository']>;
type Descriptor = CoreModule.Descriptor;
type UploadRecovery = CoreModule.UploadRecovery;

export interface MatrixDeps {
  core: Core;
  startRegistry: () => Promise<RunningRegistry>;
  startFaultProxy: (upstream: string) => Promise<FaultProxy>;
}

export type Operation = 'push' | 'pull' | 'attach' | 'index create';
export const OPERATIONS: Operation[] = ['push', 'pull', 'attach', 'index create'];

export interface MatrixOptions {
  /** Bytes of the big file each push, pull and attach moves. */
  size: number;
  /** PATCH chunk size for uploads (the big file goes up in several). */
  chunkSize: number;
  /**
   * Which k the "k-th request" faults take. `sample` (the suite): 503 on the first,
   * second, middle and last two requests, the other statuses, 429 and stalls on
   * the middle one. `all` (the bench): every status on every k, 429 and stalls on
   * the first and the middle.
   */
  kSweep: 'sample' | 'all';
  operations?: Operation[];
  /** Only the faults whose name contains this. */
  only?: string;
  log?: (line: string) => void;
  workDir?: string;
  /**
   * After each run (once checked), delete the blobs it stored and the upload
   * directories it left from the registry's storage, and its input files: the
   * 256 MiB matrix would otherwise fill the disk. Shared seeds are kept.
   */
  prune?: boolean;
}

/** One fault of the matrix: rules for the proxy, given the number of requests a clean run of the operation makes. */
interface Fault {
  name: string;
  /** Rule sets to run; one run each (several for a sweep over k). */
  runs(requests: number, sweep: 'sample' | 'all'): Array<{ label: string; rules: FaultRule[] }>;
  /** True when the fault never stops: the run must end in a clear error. */
  persistent?: boolean;
  /** The client gives up on a silent registry this soon (stall faults); otherwise its defaults. */
  stallTimeoutMs?: number;
}

const UPLOAD = /\/blobs\/uploads\//;
const BLOB = /\/blobs\/sha256:/;
const MANIFEST = /\/manifests\//;

/** k for a "k-th request" fault: `wide` ones get more of them. */
function kValues(n: number, sweep: 'sample' | 'all', wide: boolean): number[] {
  const ks = sweep === 'all' ? (wide ? Array.from({ length: n }, (_, i) => i + 1) : [1, Math.ceil(n / 2)]) : wide ? [1, 2, Math.ceil(n / 2), n - 1, n] : [Math.ceil(n / 2)];
  return [...new Set(ks.filter((k) => k >= 1 && k <= n))];
}

function onKth(fault: FaultRule['fault'], wide: (sweep: 'sample' | 'all') => boolean): Fault['runs'] {
  return (n, sweep) => kValues(n, sweep, wide(sweep)).map((k) => ({ label: `k=${k}`, rules: [{ match: {}, nth: [k], fault }] }));
}

export function faults(size: number): Fault[] {
  const half = Math.max(1, Math.floor(size / 2));
  return [
    { name: 'connection dropped after 1 MiB of a PATCH body (the registry got them)', runs: () => [{ label: '2nd PATCH', rules: [{ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'cut-request-after', bytes: 1024 * 1024 } }] }] },
    { name: 'connection dropped after 256 KiB of a PATCH body (never forwarded)', runs: () => [{ label: '2nd PATCH', rules: [{ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'drop-request-after', bytes: 256 * 1024 } }] }] },
    { name: 'connection dropped after 64 KiB of an upload PUT body', runs: () => [{ label: '1st PUT', rules: [{ match: { method: 'PUT', path: UPLOAD }, nth: [1], fault: { kind: 'cut-request-after', bytes: 64 * 1024 } }] }] },
    { name: '500 on the k-th request', runs: onKth({ kind: 'status', status: 500 }, (sweep) => sweep === 'all') },
    { name: '502 on the k-th request', runs: onKth({ kind: 'status', status: 502 }, (sweep) => sweep === 'all') },
    { name: '503 on the k-th request', runs: onKth({ kind: 'status', status: 503 }, () => true) },
    { name: '429 with Retry-After: 1 on the k-th request', runs: onKth({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, () => false) },
    { name: 'stalled response (1.5 s; client timeout 300 ms) on the k-th request', stallTimeoutMs: 300, runs: onKth({ kind: 'stall', ms: 1_500 }, () => false) },
    { name: 'blob GET body cut short (half way)', runs: () => [{ label: '1st blob GET', rules: [{ match: { method: 'GET', path: BLOB }, nth: [1], fault: { kind: 'truncate-body', afterBytes: half } }] }] },
    { name: 'blob GET body stalled half way (client body timeout 300 ms)', stallTimeoutMs: 300, runs: () => [{ label: '1st blob GET', rules: [{ match: { method: 'GET', path: BLOB }, nth: [1], fault: { kind: 'stall-body', afterBytes: half, ms: 2_000 } }] }] },
    { name: 'reset during a manifest PUT (before the registry sees it)', runs: () => [{ label: '1st manifest PUT', rules: [{ match: { method: 'PUT', path: MANIFEST }, nth: [1], fault: { kind: 'reset' } }] }] },
    { name: 'reset after a manifest PUT (stored, answer lost)', runs: () => [{ label: '1st manifest PUT', rules: [{ match: { method: 'PUT', path: MANIFEST }, nth: [1], fault: { kind: 'drop-response' } }] }] },
    { name: 'always: 503 on every request', persistent: true, runs: () => [{ label: 'every', rules: [{ match: {}, fault: { kind: 'status', status: 503 } }] }] },
    {
      name: 'always: every upload PATCH/PUT cut after 64 KiB',
      persistent: true,
      runs: () => [
        {
          label: 'every',
          rules: [
            { match: { method: 'PATCH' }, fault: { kind: 'cut-request-after', bytes: 64 * 1024 } },
            { match: { method: 'PUT', path: UPLOAD }, fault: { kind: 'cut-request-after', bytes: 64 * 1024 } },
          ],
        },
      ],
    },
    { name: 'always: every blob GET cut before its first byte', persistent: true, runs: () => [{ label: 'every', rules: [{ match: { method: 'GET', path: BLOB }, fault: { kind: 'truncate-body', afterBytes: 0 } }] }] },
    { name: 'always: every manifest PUT reset', persistent: true, runs: () => [{ label: 'every', rules: [{ match: { method: 'PUT', path: MANIFEST }, fault: { kind: 'reset' } }] }] },
  ];
}

export interface RunRecord {
  fault: string;
  operation: Operation;
  label: string;
  /** Requests the proxy answered with the fault (0: the operation never made such a request). */
  hit: boolean;
  outcome: 'verified' | 'clear error' | 'WRONG';
  /** The error code, when it failed. */
  code?: string;
  message?: string;
  recoveries: UploadRecovery[];
  /** Range requests that resumed a download. */
  rangeResumes: number;
  /** Upload sessions the run left open in the registry. */
  sessionsLeft?: number;
  requests: number;
  ms: number;
  problem?: string;
}

export interface MatrixResult {
  records: RunRecord[];
  /** Blobs in the registry's storage whose bytes were hashed and matched their digest. */
  storedBlobsChecked: number;
  corruptBlobs: string[];
  /** Upload directories with data the registry still holds at the end (abandoned; purged on its schedule). */
  leftoverSessions: number;
  /** With `prune`: such directories found (and removed) after the runs. */
  abandonedSessions: number;
  size: number;
  chunkSize: number;
}

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
];

/** Deterministic pseudo-random bytes: fast to make, distinct per seed. */
function patternBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let block = createHash('sha512').update(`seed-${seed}`).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at, 0, Math.min(block.length, size - at));
    if (at % (1024 * 1024) === 0) block = createHash('sha512').update(block).digest();
    else block[0] = (block[0]! + 1) & 0xff;
  }
  return out;
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // fetchBlob verifies as it flows; reaching the end is the check
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** Every file below `dir`, relative. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => [])) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(`${path}/`, ...(await listFiles(dir, path)));
    else out.push(path);
  }
  return out;
}

export async function runFaultMatrix(deps: MatrixDeps, options: MatrixOptions): Promise<MatrixResult> {
  const { core } = deps;
  const log = options.log ?? (() => {});
  abandonedSessions = 0;
  const work = options.workDir ?? (await mkdtemp(join(tmpdir(), 'ocikit-fault-matrix-')));
  const registry = await deps.startRegistry();
  const proxy = await deps.startFaultProxy(registry.url);
  const records: RunRecord[] = [];
  const opened: Repository[] = [];
  const recoveries: UploadRecovery[] = [];
  // Set per fault: a stall fault's client gives up after 300 ms, every other one waits as long as a
  // user's would (a busy registry may take seconds to answer a big PATCH; that is no fault).
  let timeouts: { headersMs?: number; bodyMs?: number } = {};
  // Quick backoff: the faults are many.
  const retry = { baseDelayMs: 20, maxDelayMs: 200, maxElapsedMs: 30_000 };
  const viaProxy = (repository: string): Repository => {
    const repo = new core.RemoteRepository({ registry: proxy.host, repository }, { retry, timeouts, chunkSize: options.chunkSize, onUploadRecovery: (r) => recoveries.push(r) });
    opened.push(repo);
    return repo;
  };
  const direct = (repository: string): Repository => {
    const repo = new core.RemoteRepository({ registry: registry.host, repository });
    opened.push(repo);
    return repo;
  };
  let serial = 0;
  const freshFile = async (name: string): Promise<{ path: string; digest: string }> => {
    const dir = join(work, `in-${++serial}`);
    await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    const bytes = patternBytes(options.size, serial);
    await writeFile(path, bytes);
    return { path, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
  };

  try {
    // What the read-only operations read, seeded straight into the registry.
    const pullSource = await freshFile('payload.bin');
    const seededPull = await core.pushArtifact(direct('matrix/pull'), { files: [{ path: pullSource.path }], tags: ['v1'] });
    const subjectFile = join(work, 'app.txt');
    await writeFile(subjectFile, 'the subject\n');
    for (const platform of PLATFORMS) {
      const small = join(work, `bin-${platform.architecture}`);
      await writeFile(small, `binary for ${platform.architecture}\n`);
      await core.pushArtifact(direct('matrix/index-src'), { files: [{ path: small }], tags: [platform.architecture], platform });
    }

    // verify: the operation, then its result read back and checked by digest. check: after it, success or not.
    const operations: Record<Operation, (run: number) => Promise<{ verify: () => Promise<void>; check: (succeeded: boolean) => Promise<void> }>> = {
      push: async (run) => {
        const file = await freshFile('artifact.bin');
        const repository = `matrix/push-${run}`;
        return {
          check: () => checkWhole(direct(repository), core, ['v1']),
          verify: async () => {
            const result = await core.pushArtifact(viaProxy(repository), { files: [{ path: file.path }], tags: ['v1'], concurrency: 2 });
            const repo = direct(repository);
            const fetched = await repo.fetchManifest('v1');
            if (fetched.descriptor.digest !== result.descriptor.digest) throw new Error('v1 names another manifest');
            const layer = result.manifest.layers[0]!;
            if (layer.digest !== file.digest) throw new Error('the layer is not the file');
            await drain(await repo.fetchBlob(layer));
          },
        };
      },
      pull: async (run) => {
        const out = join(work, `out-${run}`);
        await mkdir(out);
        await writeFile(join(out, 'keep.txt'), 'already here\n');
        return {
          check: async (succeeded) => {
            if (succeeded) return; // verify compared the files
            // A failed pull leaves the output as it was: no partial file, no staging directory.
            const files = await listFiles(out);
            if (files.length !== 1 || files[0] !== 'keep.txt') throw new Error(`a failed pull left ${files.join(', ')}`);
          },
          verify: async () => {
            await core.pullArtifact(viaProxy('matrix/pull'), 'v1', { outputDir: out });
            const written = join(out, 'payload.bin');
            if ((await stat(written)).size !== options.size || (await sha256File(written)) !== pullSource.digest) throw new Error('the pulled file is not the pushed one');
            const files = (await listFiles(out)).sort();
            if (files.join(',') !== 'keep.txt,payload.bin') throw new Error(`the pull left ${files.join(', ')}`);
            if (seededPull.manifest.layers[0]!.digest !== pullSource.digest) throw new Error('seed mismatch');
          },
        };
      },
      attach: async (run) => {
        const file = await freshFile('report.bin');
        // A subject of its own per run (pushed past the proxy), so each run's referrers index is its own.
        const repository = `matrix/attach-${run}`;
        const subject = await core.pushArtifact(direct(repository), { files: [{ path: subjectFile }], tags: ['subject'] });
        return {
          check: () => checkWhole(direct(repository), core, ['subject', `sha256-${subject.descriptor.digest.slice('sha256:'.length)}`]),
          verify: async () => {
            const result = await core.attachArtifact(viaProxy(repository), 'subject', {
              files: [{ path: file.path, mediaType: 'application/octet-stream' }],
              artifactType: 'application/vnd.ocikit.matrix.report',
            });
            const repo = direct(repository);
            const listing = await repo.referrers(subject.descriptor);
            if (!listing.manifests.some((m) => m.digest === result.descriptor.digest)) throw new Error('the referrer is not listed');
            const layer = result.manifest.layers[0]!;
            if (layer.digest !== file.digest) throw new Error('the layer is not the file');
            await drain(await repo.fetchBlob(layer));
          },
        };
      },
      'index create': async (run) => {
        const repository = `matrix/index-${run}`;
        return {
          check: () => checkWhole(direct(repository), core, ['v1']),
          verify: async () => {
            const source = viaProxy('matrix/index-src');
            const result = await core.assembleIndex(
              viaProxy(repository),
              PLATFORMS.map((p) => ({ target: source, selector: p.architecture })),
              ['v1'],
              { concurrency: 2 },
            );
            const fetched = await direct(repository).fetchManifest('v1');
            if (fetched.descriptor.digest !== result.descriptor.digest) throw new Error('v1 names another index');
            await checkWhole(direct(repository), core, ['v1']);
          },
        };
      },
    };

    // Requests of a clean run of each operation, for the sweeps over k.
    const cleanRequests = new Map<Operation, number>();
    let run = 0;
    for (const operation of options.operations ?? OPERATIONS) {
      proxy.setRules([]);
      proxy.requests.splice(0);
      const op = await operations[operation](++run);
      await op.verify();
      cleanRequests.set(operation, proxy.requests.length);
      await closeAll(opened);
    }

    let sessionsBefore = await countSessions(registry.storageDir);
    // Blobs stored before the faults (the seeds, the clean runs): checked now, never pruned.
    const knownBlobs = new Set<string>();
    let storedChecked = 0;
    const corrupt: string[] = [];
    const seeded = await checkStoredBlobs(registry.storageDir, knownBlobs);
    storedChecked += seeded.checked;
    corrupt.push(...seeded.corrupt);
    for (const fault of faults(options.size)) {
      if (options.only && !fault.name.includes(options.only)) continue;
      for (const operation of options.operations ?? OPERATIONS) {
        for (const { label, rules } of fault.runs(cleanRequests.get(operation)!, options.kSweep)) {
          const op = await operations[operation](++run);
          timeouts = fault.stallTimeoutMs ? { headersMs: fault.stallTimeoutMs, bodyMs: fault.stallTimeoutMs } : {};
          recoveries.splice(0);
          proxy.requests.splice(0);
          proxy.setRules(rules);
          const started = Date.now();
          const record: RunRecord = { fault: fault.name, operation, label, hit: false, outcome: 'verified', recoveries: [], rangeResumes: 0, requests: 0, ms: 0 };
          try {
            await op.verify();
          } catch (error) {
            record.outcome = 'clear error';
            record.code = (error as { code?: string }).code ?? 'NONE';
            record.message = (error as Error).message;
            if (!(error instanceof core.OcikitError) || !record.message) {
              record.outcome = 'WRONG';
              record.problem = `not a clear error: ${String((error as Error)?.stack ?? error)}`;
            }
          }
          record.ms = Date.now() - started;
          record.hit = proxy.requests.some((r) => r.faulted !== undefined);
          record.requests = proxy.requests.length;
          record.recoveries = [...recoveries];
          record.rangeResumes = proxy.requests.filter((r) => r.method === 'GET' && BLOB.test(r.path) && r.headers.range !== undefined).length;
          proxy.setRules([]);
          await closeAll(opened);
          try {
            await op.check(record.outcome === 'verified');
          } catch (error) {
            record.outcome = 'WRONG';
            record.problem = `after the run: ${(error as Error).message}`;
          }
          if (fault.persistent && record.outcome === 'verified' && record.hit) {
            // A fault that never stops cannot end in success unless nothing needed what it broke.
            record.problem = 'succeeded under a persistent fault';
          }
          const sessions = await countSessions(registry.storageDir);
          record.sessionsLeft = sessions - sessionsBefore;
          sessionsBefore = sessions;
          // The blobs this run stored hash to their digests (checked now, before any pruning).
          const stored = await checkStoredBlobs(registry.storageDir, knownBlobs);
          storedChecked += stored.checked;
          corrupt.push(...stored.corrupt);
          if (options.prune) {
            await pruneStorage(registry.storageDir, stored.fresh);
            sessionsBefore = await countSessions(registry.storageDir);
            await rm(join(work, `in-${serial}`), { recursive: true, force: true });
            await rm(join(work, `out-${run}`), { recursive: true, force: true });
          }
          await closeAll(opened);
          records.push(record);
          log(`${record.outcome === 'WRONG' ? '!!' : '  '} ${operation.padEnd(12)} ${fault.name} [${label}]: ${record.outcome}${record.code ? ` ${record.code}` : ''}${record.recoveries.length ? `, ${summarizeRecoveries(record.recoveries)}` : ''}${record.rangeResumes ? `, ${record.rangeResumes} Range resume(s)` : ''} ${record.sessionsLeft ? `, ${record.sessionsLeft} session(s) left open` : ''} (${record.ms} ms${record.problem ? `; ${record.problem}` : ''})`);
        }
      }
    }

    return { records, storedBlobsChecked: storedChecked, corruptBlobs: corrupt, leftoverSessions: await countSessions(registry.storageDir), abandonedSessions, size: options.size, chunkSize: options.chunkSize };
  } finally {
    await closeAll(opened);
    await proxy.stop();
    await registry.stop();
    if (!options.workDir) await rm(work, { recursive: true, force: true });
  }
}

async function closeAll(opened: Repository[]): Promise<void> {
  await Promise.all(opened.splice(0).map((repo) => repo.close()));
}

/**
 * Every manifest the tags reach verifies against its digest, and every blob and
 * child manifest it names is there. A repository or tag that does not exist is fine.
 */
async function checkWhole(repo: Repository, core: Core, tags: string[]): Promise<void> {
  const seen = new Set<string>();
  const walk = async (reference: Descriptor | string): Promise<void> => {
    const fetched = await repo.fetchManifest(reference);
    if (seen.has(fetched.descriptor.digest)) return;
    seen.add(fetched.descriptor.digest);
    const manifest = core.parseManifest(fetched.bytes, fetched.descriptor.digest, fetched.descriptor.mediaType);
    const children = core.isIndex(manifest) ? manifest.manifests : [manifest.config, ...manifest.layers];
    for (const child of children) {
      if (core.isIndex(manifest)) await walk(child);
      else if (!(await repo.exists(child))) throw new Error(`${fetched.descriptor.digest} names ${child.digest}, which the registry does not hold`);
    }
  };
  for (const tag of tags) {
    let top: Descriptor;
    try {
      top = (await repo.fetchManifest(tag)).descriptor;
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') continue; // never written: fine
      throw error;
    }
    await walk(top); // anything it names that is missing is not fine
  }
}

/**
 * Hashes every blob in distribution's filesystem storage not in `known` against
 * the digest it is stored under, and adds it to `known`. Returns the new ones.
 */
async function checkStoredBlobs(storageDir: string, known: Set<string>): Promise<{ checked: number; corrupt: string[]; fresh: string[] }> {
  const root = join(storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256');
  const corrupt: string[] = [];
  const fresh: string[] = [];
  for (const prefix of await readdir(root).catch(() => [] as string[])) {
    for (const hex of await readdir(join(root, prefix))) {
      if (known.has(hex)) continue;
      const data = join(root, prefix, hex, 'data');
      const actual = await sha256File(data).catch(() => undefined);
      if (actual === undefined) continue;
      known.add(hex);
      fresh.push(hex);
      if (actual !== `sha256:${hex}`) corrupt.push(hex);
    }
  }
  return { checked: fresh.length, corrupt, fresh };
}

/** Deletes the data of these blobs (over 1 MiB) and every open upload directory from the storage. */
async function pruneStorage(storageDir: string, blobs: string[]): Promise<void> {
  const v2 = join(storageDir, 'docker', 'registry', 'v2');
  for (const hex of blobs) {
    const data = join(v2, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    if (((await stat(data).catch(() => undefined))?.size ?? 0) > 1024 * 1024) await rm(data, { force: true });
  }
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      if (entry.name === '_uploads') {
        for (const session of await readdir(join(dir, entry.name))) {
          abandonedSessions += Number((await readdir(join(dir, entry.name, session)).catch(() => [] as string[])).includes('startedat'));
          // The registry may still be finishing a request the client gave up on, writing into this session: retry.
          await rm(join(dir, entry.name, session), { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
        }
      } else if (!entry.name.startsWith('_')) await walk(join(dir, entry.name));
    }
  };
  await walk(join(v2, 'repositories'));
}

/** Upload directories pruned over the run (bench), which `leftoverSessions` then no longer counts. */
let abandonedSessions = 0;

/**
 * Upload sessions distribution still has in storage: `_uploads/<uuid>` directories
 * with a `startedat` file. (Its DELETE leaves a `hashstates/` residue behind, and a
 * PATCH cut mid-body can finish writing after the session was cancelled; those
 * directories are abandoned and purged on the registry's schedule, a week by default.)
 */
async function countSessions(storageDir: string): Promise<number> {
  const root = join(storageDir, 'docker', 'registry', 'v2', 'repositories');
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      if (entry.name === '_uploads') {
        for (const session of await readdir(join(dir, entry.name))) {
          if ((await readdir(join(dir, entry.name, session)).catch(() => [] as string[])).includes('startedat')) count++;
        }
      }
      else if (!entry.name.startsWith('_')) await walk(join(dir, entry.name));
    }
  };
  await walk(root);
  return count;
}

function summarizeRecoveries(recoveries: UploadRecovery[]): string {
  const count = (action: UploadRecovery['action']) => recoveries.filter((r) => r.action === action).length;
  return [['resumed', count('resume')], ['restarted', count('restart')], ['found stored', count('landed')]]
    .filter(([, n]) => (n as number) > 0)
    .map(([what, n]) => `${what} ${n}`)
    .join(', ');
}

/** The matrix as a Markdown table: one row per fault, one column per operation. */
export function renderMatrixTable(result: MatrixResult): string {
  const operations = OPERATIONS.filter((op) => result.records.some((r) => r.operation === op));
  const names = [...new Set(result.records.map((r) => r.fault))];
  const lines = [`| fault | ${operations.join(' | ')} |`, `| --- | ${operations.map(() => '---').join(' | ')} |`];
  for (const name of names) {
    const cells = operations.map((operation) => {
      const runs = result.records.filter((r) => r.fault === name && r.operation === operation);
      if (runs.length === 0) return '';
      const wrong = runs.filter((r) => r.outcome === 'WRONG' || r.problem);
      if (wrong.length) return `**WRONG** ${wrong.length}/${runs.length}`;
      const hit = runs.filter((r) => r.hit);
      const verified = runs.filter((r) => r.outcome === 'verified').length;
      const errors = runs.filter((r) => r.outcome === 'clear error');
      const codes = [...new Set(errors.map((r) => r.code))].join(', ');
      const recovered = summarizeRecoveries(runs.flatMap((r) => r.recoveries));
      const ranges = runs.reduce((sum, r) => sum + r.rangeResumes, 0);
      const notes = [recovered, ranges ? `Range-resumed ${ranges}` : ''].filter(Boolean).join(', ');
      const head = errors.length === 0 ? `✓ ${verified}/${runs.length} verified` : verified === 0 ? `✗ clear error (${codes})` : `✓ ${verified}, ✗ ${errors.length} clear error (${codes})`;
      const untouched = hit.length < runs.length ? ` (${runs.length - hit.length} not hit)` : '';
      return `${head}${notes ? `; ${notes}` : ''}${untouched}`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The README's wording of a result: what was checked beyond the table. */
export function matrixSummary(result: MatrixResult): string {
  const runs = result.records.length;
  const wrong = result.records.filter((r) => r.outcome === 'WRONG' || r.problem).length;
  return `${runs} runs (${result.size / (1024 * 1024)} MiB, ${result.chunkSize / (1024 * 1024)} MiB chunks): ${wrong} wrong; ${result.storedBlobsChecked} stored blobs re-hashed, ${result.corruptBlobs.length} corrupt; ${result.leftoverSessions + result.abandonedSessions} abandoned upload directories left in the registry's storage`;
}

