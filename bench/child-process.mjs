// Running and timing the commands a benchmark measures, shared by bench/*.mjs. Spawned,
// never spawnSync: a harness registry in the benchmark's own process must keep serving
// (and logging) while the command runs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME);
let serial = 0;

/**
 * Runs a command to completion: { code, signal, stdout, stderr }, and with `pollRss` its
 * peak RSS in KiB (VmHWM polled from /proc every 20 ms). `env` defaults to this process's
 * environment with CI=1 (the CLI's plain progress lines).
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    let rssKiB;
    const poll = options.pollRss
      ? setInterval(() => {
          try {
            const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (hwm) rssKiB = Math.max(rssKiB ?? 0, Number(hwm[1]));
          } catch {
            // gone already
          }
        }, 20)
      : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code: code ?? 128, signal, rssKiB, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/**
 * Runs a command to completion and measures it: { seconds (wall clock), cpu (user +
 * system seconds, from GNU time), rssKiB (peak; GNU time's %M, without it VmHWM polled),
 * stdout, stderr }. Without GNU time, `cpu` is undefined. Throws on a non-zero exit.
 */
export async function timed(command, args, options = {}) {
  const stats = join(tmpdir(), `ocikit-bench-time-${process.pid}-${++serial}`);
  const argv = HAS_GNU_TIME ? [GNU_TIME, ['-f', '%U %S %M', '-o', stats, command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const result = await run(argv[0], argv[1], { ...options, pollRss: !HAS_GNU_TIME });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.code !== 0) {
    rmSync(stats, { force: true });
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}\n${result.stderr.slice(-4000)}`);
  }
  let cpu;
  let rssKiB = result.rssKiB;
  if (HAS_GNU_TIME) {
    const [user, system, peak] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rmSync(stats, { force: true });
    cpu = user + system;
    rssKiB = peak;
  }
  return { seconds, cpu, rssKiB, stdout: result.stdout, stderr: result.stderr };
}
