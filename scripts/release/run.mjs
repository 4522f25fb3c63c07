// One child process, its output kept for the error: the release scripts' only way to run a tool.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` and resolves with its stdout; rejects with what failed, the
 * tool's own words and a hint when it exits non-zero.
 */
export function run(command, args, { cwd, env, hint, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}${hint ? `\n  hint: ${hint}` : ''}`)));
    child.on('close', (code, signal) => {
      const out = Buffer.concat(stdout).toString('utf8');
      if (code === 0) return resolve(out);
      const err = Buffer.concat(stderr).toString('utf8').trim();
      reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})${err ? `:\n${err.slice(-4000)}` : ''}${hint ? `\n  hint: ${hint}` : ''}`));
    });
    child.stdin.end(input ?? '');
  });
}
