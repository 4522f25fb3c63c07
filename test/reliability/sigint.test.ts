// SIGINT during a push or a pull, through the built CLI as a user's Ctrl-C (or a
// CI runner's cancel) would send it: the open upload sessions are deleted (`DELETE`
// on the upload URL), no temp file is left, nothing is tagged, the exit code is 130.
// What the error says of each session is what the registry answered: "cancelled"
// only after its DELETE was accepted, checked against the registry's storage (a
// request held mid-body puts the interrupt where distribution refuses the DELETE).
// And a GitHub step cancelled the same way (the runner sends SIGINT, then SIGTERM):
// the push action's bundle cleans up alike and fails the step.
import { describe, expect, test } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteRepository } from '../../packages/core/src/registry/remote-repository.js';
import type { FaultProxy } from '../harness/fault-proxy.js';
import { CLI_BIN, assertCliBuilt } from '../harness/ocikit-cli.js';
import { runAction } from '../harness/action-runner.js';
import { makeTempDir } from '../harness/temp.js';
import { type FaultyRegistry, MiB, useFaultyRegistry } from './support.js';

interface Spawned {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The built CLI, spawned by hand (the harness's `ocikit()` waits for the end; this test signals it midway). */
function spawnCli(args: string[], env: Record<string, string>, cwd: string): Spawned {
  assertCliBuilt();
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Waits until the proxy has seen a request like this one (the process is then mid-transfer). */
async function waitForRequest(proxy: FaultProxy, method: string, path: RegExp, ended: Promise<{ stderr: string }>): Promise<void> {
  let exited = false;
  void ended.then(() => (exited = true));
  for (let i = 0; i < 600; i++) {
    if (proxy.requests.some((r) => r.method === method && path.test(r.path))) return;
    if (exited) throw new Error(`the process ended before sending ${method} ${path}: ${(await ended).stderr}`);
    await sleep(50);
  }
  throw new Error(`no ${method} ${path} within 30 s`);
}

/** A work directory to push: a directory (packed into a temp tar) and a big file, so there are temp files and a transfer to cut. */
async function pushWork(prefix: string, bigMiB: number): Promise<{ work: string; temp: string }> {
  const work = makeTempDir(prefix);
  const temp = join(work, 'tmp');
  await mkdir(temp);
  await mkdir(join(work, 'site'));
  await writeFile(join(work, 'site', 'index.html'), '<h1>hi</h1>\n');
  await writeFile(join(work, 'big.bin'), randomBytes(bigMiB * MiB));
  return { work, temp };
}

/** Waits until the proxy holds a request's body mid-way (`hold-request-body`): the registry has its first bytes. */
async function waitForHeldBody(proxy: FaultProxy, ended: Promise<{ stderr: string }>): Promise<void> {
  let exited = false;
  void ended.then(() => (exited = true));
  for (let i = 0; i < 600; i++) {
    if (proxy.requests.some((r) => r.faulted === 'hold-request-body')) return;
    if (exited) throw new Error(`the process ended before a request body was held: ${(await ended).stderr}`);
    await sleep(20);
  }
  throw new Error('no request body held within 12 s');
}

/** What distribution keeps of an upload session on disk: its `data` file's size, undefined once it is gone. */
async function storedUploadBytes(storageDir: string, repository: string, sessionPath: string): Promise<number | undefined> {
  const uuid = sessionPath.split('?')[0]!.split('/').pop()!;
  const dir = join(storageDir, 'docker', 'registry', 'v2', 'repositories', repository, '_uploads', uuid);
  try {
    return (await stat(join(dir, 'data'))).size;
  } catch {
    // distribution's 204 to the DELETE leaves `hashstates/sha256/0` (108 bytes) behind; the bytes and `startedat` go.
    await expect(stat(join(dir, 'startedat'))).rejects.toMatchObject({ code: 'ENOENT' });
    return undefined;
  }
}

/** Whether the registry still knows the upload session at `path` (GET on it past the proxy). */
async function sessionStatus(registryUrl: string, path: string): Promise<number> {
  const response = await fetch(new URL(path, registryUrl));
  await response.arrayBuffer();
  return response.status;
}

/**
 * What an interrupted push leaves: the session of the cut upload (`method` in flight) deleted
 * and unknown to the registry, no temp files, nothing tagged.
 */
async function expectPushUndone(env: FaultyRegistry, method: string, temp: string, repository: string): Promise<void> {
  const uploads = env.seen(method, /\/blobs\/uploads\//).map((r) => r.path.split('?')[0]);
  expect(uploads.length).toBeGreaterThan(0);
  const deletes = env.seen('DELETE', /\/blobs\/uploads\//);
  expect(deletes.map((r) => r.path.split('?')[0])).toEqual(expect.arrayContaining([uploads[0]]));
  expect(await sessionStatus(env.registry.url, deletes[0]!.path)).toBe(404);
  expect(await storedUploadBytes(env.registry.storageDir, repository, deletes[0]!.path)).toBeUndefined();
  expect(await readdir(temp)).toEqual([]);
  const direct = new RemoteRepository({ registry: env.registry.host, repository });
  try {
    await expect(direct.resolve('v1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  } finally {
    await direct.close();
  }
}

describe('SIGINT', () => {
  const env = useFaultyRegistry();

  test.each([
    { name: 'a chunked push (PATCH in flight)', chunked: true, method: 'PATCH' },
    { name: 'a single-PUT push (PUT in flight)', chunked: false, method: 'PUT' },
  ])('during $name: sessions deleted, no temp files, nothing tagged, exit 130', async ({ chunked, method }) => {
    const { work, temp } = await pushWork('ocikit-sigint-', 6);
    const repository = `sigint/${chunked ? 'chunked' : 'single'}`;
    // The upload hangs (as on a dead link) until the interrupt.
    env.faults({ match: { method, path: /\/blobs\/uploads\// }, fault: { kind: 'stall', ms: 60_000 } });
    const spawned = spawnCli(
      ['push', `${env.proxy.host}/${repository}:v1`, 'big.bin', 'site', '--concurrency', '1', ...(chunked ? ['--chunk-size', String(MiB)] : [])],
      { TMPDIR: temp },
      work,
    );
    await waitForRequest(env.proxy, method, /\/blobs\/uploads\//, spawned.done);
    expect(await readdir(temp)).not.toEqual([]); // the push's work directory is there now
    spawned.child.kill('SIGINT');
    const result = await spawned.done;

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: interrupted by SIGINT');
    // The held request never reached the registry: the session's DELETE is accepted, and said so.
    expect(result.stderr).toMatch(new RegExp(`cancelled the upload session of sha256:[0-9a-f]{64} to ${env.proxy.host}/${repository} \\(upload [0-9a-f-]+\\)`));
    expect(result.stderr).not.toContain('could not cancel');
    expect(result.stderr).toMatch(/hint: temp files removed; nothing was tagged/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // one message, not a stack trace
    await expectPushUndone(env, method, temp, repository);
    expect(await readdir(work)).toEqual(expect.arrayContaining(['big.bin', 'site', 'tmp']));
  });

  test.each([
    // The second chunk of big.bin; every PUT (a small blob's is shorter than the hold and passes).
    { name: 'a chunk (PATCH)', method: 'PATCH', chunked: true, nth: [2] },
    { name: 'a single PUT', method: 'PUT', chunked: false, nth: undefined },
  ])('SIGINT while the registry holds part of $name it cannot be told the end of: the session is said not cancelled, with its answer', async ({ method, chunked, nth }) => {
    const work = makeTempDir('ocikit-sigint-held-');
    await writeFile(join(work, 'big.bin'), randomBytes(4 * MiB));
    const repository = `sigint/held-${method.toLowerCase()}`;
    // The registry gets 256 KiB of the request, then nothing for longer than the grace a PATCH has to finish.
    env.faults({ match: { method, path: /\/blobs\/uploads\// }, ...(nth ? { nth } : {}), fault: { kind: 'hold-request-body', afterBytes: 256 * 1024, ms: 60_000 } });
    const spawned = spawnCli(
      ['push', `${env.proxy.host}/${repository}:v1`, 'big.bin', '--concurrency', '1', ...(chunked ? ['--chunk-size', String(MiB)] : [])],
      { TMPDIR: work },
      work,
    );
    await waitForHeldBody(env.proxy, spawned.done);
    await sleep(200); // the registry writes what it got
    spawned.child.kill('SIGINT');
    const result = await spawned.done;

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: interrupted by SIGINT');
    // distribution signs the byte count into `_state` and refuses a DELETE whose count is not what it stored.
    expect(result.stderr).toMatch(
      new RegExp(
        `could not cancel the upload session of sha256:[0-9a-f]{64} to ${env.proxy.host}/${repository} \\(upload [0-9a-f-]+\\): the registry answered HTTP 404 \\(BLOB_UPLOAD_INVALID: blob upload invalid\\); it may keep what it received`,
      ),
    );
    expect(result.stderr).not.toMatch(/cancelled the upload session|sessions were cancelled/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // The DELETE carried the newest state there was (the held request's own URL), and the registry kept the bytes.
    const held = env.proxy.requests.find((r) => r.faulted === 'hold-request-body')!;
    const deletes = env.seen('DELETE', /\/blobs\/uploads\//);
    expect(deletes.map((r) => r.path)).toEqual([held.path.replace(/&digest=[^&]*/, '')]);
    const stored = await storedUploadBytes(env.registry.storageDir, repository, held.path);
    expect(stored).toBeGreaterThan((chunked ? MiB : 0) + 128 * 1024);
  });

  test('SIGINT while a chunk is slow but finishes within its grace: the DELETE carries its answer, the session is cancelled and its bytes gone', async () => {
    const work = makeTempDir('ocikit-sigint-grace-');
    await writeFile(join(work, 'big.bin'), randomBytes(4 * MiB));
    const repository = 'sigint/grace';
    // The second chunk pauses mid-body for less than the 2 s a PATCH under way gets after the interrupt.
    env.faults({ match: { method: 'PATCH', path: /\/blobs\/uploads\// }, nth: [2], fault: { kind: 'hold-request-body', afterBytes: 256 * 1024, ms: 700 } });
    const spawned = spawnCli(['push', `${env.proxy.host}/${repository}:v1`, 'big.bin', '--concurrency', '1', '--chunk-size', String(MiB)], { TMPDIR: work }, work);
    await waitForHeldBody(env.proxy, spawned.done);
    spawned.child.kill('SIGINT');
    const result = await spawned.done;

    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(new RegExp(`cancelled the upload session of sha256:[0-9a-f]{64} to ${env.proxy.host}/${repository} \\(upload [0-9a-f-]+\\)`));
    expect(result.stderr).not.toContain('could not cancel');
    // No chunk started after the interrupt; the DELETE went to the URL the held chunk's answer gave.
    const patches = env.seen('PATCH', /\/blobs\/uploads\//);
    expect(patches).toHaveLength(2);
    const deletes = env.seen('DELETE', /\/blobs\/uploads\//);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.path).not.toBe(patches[1]!.path);
    expect(deletes[0]!.path.split('?')[0]).toBe(patches[1]!.path.split('?')[0]);
    expect(await storedUploadBytes(env.registry.storageDir, repository, deletes[0]!.path)).toBeUndefined();
    expect(await sessionStatus(env.registry.url, deletes[0]!.path)).toBe(404);
  });

  test.each([
    { signal: 'SIGINT' as const, code: 130 },
    { signal: 'SIGTERM' as const, code: 143 },
  ])('$signal during a pull: no partial file, no staging directory, exit $code', async ({ signal, code }) => {
    const work = makeTempDir('ocikit-sigint-pull-');
    await writeFile(join(work, 'big.bin'), randomBytes(4 * MiB));
    const seeded = spawnCli(['push', `${env.registry.host}/sigint/pull-${signal.toLowerCase()}:v1`, 'big.bin'], {}, work);
    expect((await seeded.done).code).toBe(0);
    const out = join(work, 'out');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'mine\n');
    env.faults({ match: { method: 'GET', path: /\/blobs\/sha256:/ }, fault: { kind: 'stall-body', afterBytes: MiB, ms: 60_000 } });
    const spawned = spawnCli(['pull', `${env.proxy.host}/sigint/pull-${signal.toLowerCase()}:v1`, '-o', out], { TMPDIR: work }, work);
    await waitForRequest(env.proxy, 'GET', /\/blobs\/sha256:/, spawned.done);
    await sleep(200); // part of the blob is on disk in the staging directory now
    spawned.child.kill(signal);
    const result = await spawned.done;
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(`error: interrupted by ${signal}`);
    expect(await readdir(out)).toEqual(['keep.txt']);
  });

  test('a second SIGINT ends it at once', async () => {
    const work = makeTempDir('ocikit-sigint-twice-');
    await writeFile(join(work, 'big.bin'), randomBytes(2 * MiB));
    // Uploads and the DELETE of the session both hang: only a second signal ends the wait.
    env.faults(
      { match: { method: 'PUT', path: /\/blobs\/uploads\// }, fault: { kind: 'stall', ms: 60_000 } },
      { match: { method: 'DELETE' }, fault: { kind: 'stall', ms: 60_000 } },
    );
    const spawned = spawnCli(['push', `${env.proxy.host}/sigint/twice:v1`, 'big.bin'], { TMPDIR: work }, work);
    await waitForRequest(env.proxy, 'PUT', /\/blobs\/uploads\//, spawned.done);
    spawned.child.kill('SIGINT');
    await waitForRequest(env.proxy, 'DELETE', /\/blobs\/uploads\//, spawned.done);
    spawned.child.kill('SIGINT');
    expect((await spawned.done).code).toBe(130);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s cancelling the push action: session deleted, no temp files, nothing tagged, the step failed', async (signal) => {
    const { work, temp } = await pushWork('ocikit-sigint-action-', 4);
    const repository = `sigint/action-${signal.toLowerCase()}`;
    env.faults({ match: { method: 'PUT', path: /\/blobs\/uploads\// }, fault: { kind: 'stall', ms: 60_000 } });
    let tempBefore: string[] = [];
    const result = await runAction('push', {
      cwd: work,
      inputs: { reference: `${env.proxy.host}/${repository}:v1`, files: 'big.bin\nsite', concurrency: '1', 'plain-http': 'true' },
      env: { TMPDIR: temp },
      onSpawn: (child) => {
        const ended = new Promise<{ stderr: string }>((resolve) => child.once('close', () => resolve({ stderr: '' })));
        void waitForRequest(env.proxy, 'PUT', /\/blobs\/uploads\//, ended).then(async () => {
          tempBefore = await readdir(temp); // the push's work directory is there now
          child.kill(signal);
        }, () => undefined); // the step's own result says what went wrong
      },
    });

    expect(tempBefore).not.toEqual([]);
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error').map((c) => c.value);
    expect(errors).toEqual([expect.stringContaining(`interrupted by ${signal}`)]);
    expect(errors[0]).toMatch(new RegExp(`cancelled the upload session of sha256:[0-9a-f]{64} to ${env.proxy.host}/${repository}`));
    expect(errors[0]).not.toContain('could not cancel');
    expect(errors[0]).toContain('the step was cancelled: temp files removed; nothing was tagged');
    expect(result.outputs).toEqual({});
    await expectPushUndone(env, 'PUT', temp, repository);
  });

  test('SIGINT cancelling the push action while the registry holds part of a PUT: the step says the session was not cancelled, with its answer', async () => {
    const work = makeTempDir('ocikit-sigint-action-held-');
    await writeFile(join(work, 'big.bin'), randomBytes(4 * MiB));
    const repository = 'sigint/action-held';
    env.faults({ match: { method: 'PUT', path: /\/blobs\/uploads\// }, fault: { kind: 'hold-request-body', afterBytes: 256 * 1024, ms: 60_000 } });
    const result = await runAction('push', {
      cwd: work,
      inputs: { reference: `${env.proxy.host}/${repository}:v1`, files: 'big.bin', concurrency: '1', 'plain-http': 'true' },
      env: { TMPDIR: work },
      onSpawn: (child) => {
        const ended = new Promise<{ stderr: string }>((resolve) => child.once('close', () => resolve({ stderr: '' })));
        void waitForHeldBody(env.proxy, ended).then(async () => {
          await sleep(200); // the registry writes what it got
          child.kill('SIGINT');
        }, () => undefined);
      },
    });

    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error').map((c) => c.value);
    expect(errors).toEqual([expect.stringContaining('interrupted by SIGINT')]);
    expect(errors[0]).toMatch(new RegExp(`could not cancel the upload session of sha256:[0-9a-f]{64} to ${env.proxy.host}/${repository} .*HTTP 404 \\(BLOB_UPLOAD_INVALID`));
    expect(errors[0]).not.toMatch(/cancelled the upload session|sessions were cancelled/);
    const held = env.proxy.requests.find((r) => r.faulted === 'hold-request-body')!;
    expect(await storedUploadBytes(env.registry.storageDir, repository, held.path)).toBeGreaterThan(128 * 1024);
  });
});
