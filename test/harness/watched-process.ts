// Long-running helper processes of the tests (registries, containerd): spawned
// behind a watchdog so none outlives the test run, with their output kept for a
// failed test's message. Jest-free and importing node built-ins only, so bench/
// and scripts can load it with plain node.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const LOG_LIMIT = 1 << 20;

// Under jest the sandbox's `process` is a copy whose 'exit' never fires, so a
// server is spawned behind a watchdog: a background `cat` on its stdin pipe sees
// EOF when we close it or when this process dies in any way (even SIGKILL), and
// then kills the server. `exec` keeps the server's PID = our child's.
const WATCHDOG = `exec 3<&0
{ cat; kill $$; } <&3 >/dev/null 2>&1 &
exec "$@" </dev/null 3<&-`;

const running = new Set<ChildProcessWithoutNullStreams>();
// The last resort outside jest (e.g. a script using the harness).
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface WatchedProcess {
  child: ChildProcessWithoutNullStreams;
  /** Its stdout and stderr so far (the last MiB). */
  output(): string;
  /** Why it ended ('exited with code 1'), or undefined while it runs. */
  exited(): string | undefined;
  /** Resolves once it has ended and all of its output has arrived. */
  closed: Promise<void>;
}

export function spawnWatched(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): WatchedProcess {
  const child = spawn('sh', ['-c', WATCHDOG, `ocikit-${command}`, command, ...args], { env, stdio: 'pipe' });
  running.add(child);
  let output = '';
  const capture = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > LOG_LIMIT) output = output.slice(-LOG_LIMIT);
  };
  child.stdout.on('data', capture);
  child.stderr.on('data', capture);
  child.stdin.on('error', () => {}); // EPIPE once the watchdog is gone
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let exit: string | undefined;
  child.on('exit', (code, signal) => {
    exit = `exited with ${signal ?? `code ${code}`}`;
    running.delete(child);
    child.stdin.destroy(); // ends the watchdog too
  });
  return { child, output: () => output, exited: () => exit, closed };
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
export async function kill(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A stop function safe to call twice: the second call gets the first one's promise. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/** A port on 127.0.0.1 free a moment ago (a server may still lose it to another process: retry on EADDRINUSE). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
