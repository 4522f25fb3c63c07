import type { Command } from 'commander';
import { type Credential, OcikitError, type OpenTargetOptions, type ProgressListener, staticCredentials } from '@ocikit/core';
import { readStdinText } from './stdin.js';

/** The flags every verb that talks to a registry takes, as oras users know them. */
export interface RemoteFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  plainHttp?: boolean;
  insecure?: boolean;
  concurrency: number;
  chunkSize?: number;
  json?: boolean;
}

export function addRemoteOptions(command: Command): Command {
  return command
    .option('-u, --username <user>', 'registry username (or OCIKIT_USERNAME)')
    .option('-p, --password <password>', 'registry password or token (or OCIKIT_PASSWORD); prefer --password-stdin')
    .option('--password-stdin', 'read the password or token from standard input')
    .option('--plain-http', 'use HTTP instead of HTTPS (loopback registries always use HTTP)')
    .option('--insecure', 'do not verify the registry TLS certificate')
    .option('--concurrency <n>', 'blobs transferred at once', positiveInteger, 3)
    .option('--chunk-size <bytes>', 'upload in PATCH chunks of this size (e.g. 4194304 for GHCR limits)', positiveInteger)
    .option('--json', 'print the result as JSON on stdout');
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new OcikitError('INVALID_INPUT', `"${value}" is not a positive whole number`);
  return n;
}

/** Credentials from flags, then the environment; the password never reaches a log. */
export async function resolveCredential(flags: RemoteFlags, env: NodeJS.ProcessEnv): Promise<Credential | undefined> {
  if (flags.password !== undefined && flags.passwordStdin) {
    throw new OcikitError('INVALID_INPUT', '--password and --password-stdin cannot be used together');
  }
  const password = flags.passwordStdin ? (await readStdinText()).replace(/\r?\n$/, '') : (flags.password ?? env.OCIKIT_PASSWORD);
  const username = flags.username ?? env.OCIKIT_USERNAME;
  if (password !== undefined && password !== '' && !username) {
    throw new OcikitError('INVALID_INPUT', 'a password was given without a username', { hint: 'add -u <username>' });
  }
  if (username && (password === undefined || password === '')) {
    throw new OcikitError('INVALID_INPUT', `a username (${username}) was given without a password`, {
      hint: 'add -p <password> or --password-stdin',
    });
  }
  return username && password ? { username, password } : undefined;
}

export async function targetOptions(
  flags: RemoteFlags,
  env: NodeJS.ProcessEnv,
  progress: ProgressListener,
): Promise<{ options: OpenTargetOptions; secrets: string[] }> {
  const credential = await resolveCredential(flags, env);
  return {
    options: {
      credentials: staticCredentials(credential),
      plainHttp: Boolean(flags.plainHttp),
      insecure: Boolean(flags.insecure),
      ...(flags.chunkSize ? { chunkSize: flags.chunkSize } : {}),
      onWarning: (message) => progress.warning?.(message),
    },
    secrets: credential && 'password' in credential ? [credential.password] : [],
  };
}
