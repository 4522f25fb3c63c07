import type { Command } from 'commander';
import {
  type CredentialLookup,
  type CredentialProvider,
  type GivenCredentialInput,
  OcikitError,
  type OpenTargetOptions,
  type ProgressListener,
  credentialChain,
  credentialSecrets,
  givenCredential,
  parseRequestTimeout,
  requestTimeoutFromEnv,
} from '@ocikit/core';
import type { CliContext } from '../context.js';
import { httpDebugLog } from '../output/http-debug.js';
import { readStdinText } from './stdin.js';

/** The flags every verb that talks to a registry takes, as oras users know them. */
export interface RemoteFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  registryConfig?: string;
  plainHttp?: boolean;
  insecure?: boolean;
  concurrency: number;
  chunkSize?: number;
  requestTimeout?: string;
  json?: boolean;
  debug?: boolean;
}

/** `--debug`, of the program (before the verb) and of every verb that talks to a registry. */
export const DEBUG_HELP = 'print every HTTP request and its answer on stderr (method, URL, status, time; secrets redacted)';

export const REGISTRY_CONFIG_HELP =
  'the Docker config.json with credentials (default: REGISTRY_AUTH_FILE, $DOCKER_CONFIG/config.json, ~/.docker/config.json)';

export function addRemoteOptions(command: Command): Command {
  return command
    .option('-u, --username <user>', 'registry username (or OCIKIT_USERNAME)')
    .option('-p, --password <password>', 'registry password or token (or OCIKIT_PASSWORD); prefer --password-stdin')
    .option('--password-stdin', 'read the password or token from standard input')
    .option('--registry-config <path>', REGISTRY_CONFIG_HELP)
    .option('--plain-http', 'use HTTP instead of HTTPS (loopback registries always use HTTP)')
    .option('--insecure', 'do not verify the registry TLS certificate')
    .option('--concurrency <n>', 'blobs transferred at once', positiveInteger, 3)
    .option('--chunk-size <bytes>', 'upload in PATCH chunks of this size (e.g. 4194304 for GHCR limits)', positiveInteger)
    .option('--request-timeout <seconds>', 'give up on one request, its answer included, after this long (default 600, more for a blob: 1 s per 256 KiB; or OCIKIT_REQUEST_TIMEOUT)')
    .option('--json', 'print the result as JSON on stdout')
    .option('--debug', DEBUG_HELP);
}

/**
 * A password given with -p/--password lands where others can read it: shell
 * history, `ps`, CI logs of the command. One rule for every verb that takes -p
 * (login too), said before the verb runs. Only when the password is on this
 * process's command line (`commandLine`): `ocikit gitlab` runs verbs in its own
 * process with --password among their arguments, where no one can see it.
 */
export function passwordOnCommandLineWarning(flags: { password?: unknown }, commandLine: readonly string[]): string | undefined {
  const password = flags.password;
  if (typeof password !== 'string' || password === '' || !commandLine.some((arg) => arg.includes(password))) return undefined;
  return 'a password on the command line can end up in shell history and process lists; prefer --password-stdin or the OCIKIT_PASSWORD variable';
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new OcikitError('INVALID_INPUT', `"${value}" is not a positive whole number`);
  return n;
}

/**
 * Before any verb runs (a program hook): `ocikit --debug <verb>` counts as the verb's
 * own --debug, and a password on the command line is warned of.
 */
export function beforeVerb(program: Command, verb: Command, context: CliContext): void {
  if (program.opts<{ debug?: boolean }>().debug) verb.setOptionValue('debug', true);
  // Debug lines written between redrawn progress bars would be torn apart: plain lines.
  if (verb.opts<{ debug?: boolean }>().debug) context.noTty = true;
  const warning = passwordOnCommandLineWarning(verb.opts(), process.argv);
  if (warning) context.stderr.write(`warning: ${warning}\n`);
}

/** -u and -p or --password-stdin as given (stdin read here); core fills gaps from the environment. */
export async function givenCredentialFlags(flags: Pick<RemoteFlags, 'username' | 'password' | 'passwordStdin'>): Promise<GivenCredentialInput> {
  if (flags.password !== undefined && flags.passwordStdin) {
    throw new OcikitError('INVALID_INPUT', '--password and --password-stdin cannot be used together');
  }
  const password = flags.passwordStdin ? (await readStdinText()).replace(/\r?\n$/, '') : flags.password;
  return { ...(flags.username !== undefined ? { username: flags.username } : {}), ...(password !== undefined ? { password } : {}) };
}

/**
 * Credentials by core's chain: flags, then OCIKIT_USERNAME/OCIKIT_PASSWORD, then
 * the Docker config and its helpers. `secrets` are the given ones, known now; a
 * secret from the Docker config is known only when a registry asks, and reaches
 * `onSecret` then, so it can be masked in anything printed.
 */
export async function credentialProvider(
  flags: RemoteFlags,
  env: NodeJS.ProcessEnv,
  onSecret: (secret: string) => void = () => {},
  givenFor?: readonly string[],
): Promise<{ credentials: CredentialProvider; secrets: string[] }> {
  const lookup: CredentialLookup = {
    ...(await givenCredentialFlags(flags)),
    ...(flags.registryConfig !== undefined ? { registryConfig: flags.registryConfig } : {}),
    env,
  };
  const chain = credentialChain(lookup, givenFor);
  return {
    credentials: async (registry) => {
      const credential = await chain(registry);
      credentialSecrets(credential).forEach(onSecret);
      return credential;
    },
    secrets: credentialSecrets(givenCredential(lookup, env)),
  };
}

/**
 * What opening a target needs from the flags. Every secret, given or looked up
 * later in the Docker config, is registered with the context so nothing printed
 * can show it. `givenFor`: the registries -u/-p are for, in a verb that talks to
 * several (core's givenCredentialRegistries); the others get their Docker config login.
 */
export async function targetOptions(flags: RemoteFlags, context: CliContext, progress: ProgressListener, givenFor?: readonly string[]): Promise<OpenTargetOptions> {
  const remember = (secret: string): void => {
    context.secrets.add(secret);
  };
  const { credentials, secrets } = await credentialProvider(flags, context.env, remember, givenFor);
  secrets.forEach(remember);
  return {
    credentials,
    plainHttp: Boolean(flags.plainHttp),
    insecure: Boolean(flags.insecure),
    ...(flags.chunkSize ? { chunkSize: flags.chunkSize } : {}),
    ...(flags.requestTimeout !== undefined
      ? { timeouts: { requestMs: parseRequestTimeout(flags.requestTimeout, '--request-timeout') } }
      : requestTimeoutFromEnv(context.env)),
    ...(context.signal ? { signal: context.signal } : {}),
    ...(flags.debug ? { onHttp: httpDebugLog(context.stderr) } : {}),
    onWarning: (message) => progress.warning?.(message),
  };
}
