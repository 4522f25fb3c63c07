/**
 * Docker credential helpers (`docker-credential-<name> get|store|erase`), the
 * protocol of github.com/docker/docker-credential-helpers: the server address or
 * a JSON `{ServerURL, Username, Secret}` on stdin, JSON or an error text on stdout.
 */
import { spawn } from 'node:child_process';
import { OcikitError } from '../errors.js';
import type { BasicCredential, Credential } from '../registry/credentials.js';
import type { EnvironmentVariables } from './docker-config.js';

/** What helpers answer when they hold nothing for the address (docker-credential-helpers' errCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i;
/** Docker's marker for "Secret is an identity (refresh) token". */
const IDENTITY_TOKEN_USERNAME = '<token>';
/** A helper may prompt (a keychain unlock); one that never answers must not hang a CI job forever. */
const HELPER_TIMEOUT_MS = 60_000;
const OUTPUT_LIMIT = 1024 * 1024;

export interface CredentialHelperOptions {
  /** The environment the helper runs in; its PATH is where the helper is looked up. */
  env?: EnvironmentVariables;
  timeoutMs?: number;
}

export function credentialHelperProgram(helper: string): string {
  return `docker-credential-${helper}`;
}

/** The credential the helper holds for the address; undefined when it holds none. */
export async function credentialHelperGet(helper: string, serverAddress: string, options: CredentialHelperOptions = {}): Promise<Credential | undefined> {
  const result = await runHelper(helper, 'get', serverAddress, options);
  if (result.code !== 0) {
    if (NOT_FOUND.test(result.message)) return undefined;
    throw helperFailed(helper, 'get', serverAddress, result.message);
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(result.stdout) as typeof answer;
  } catch {
    // The output may be a secret in a format we do not know: never repeat it.
    throw new OcikitError('UNAUTHORIZED', `${credentialHelperProgram(helper)} get answered for ${serverAddress} with something that is not JSON`, {
      hint: `check the helper with: echo ${serverAddress} | ${credentialHelperProgram(helper)} get`,
    });
  }
  const username = typeof answer?.Username === 'string' ? answer.Username : '';
  const secret = typeof answer?.Secret === 'string' ? answer.Secret : '';
  if (secret === '') return undefined;
  if (username === IDENTITY_TOKEN_USERNAME) return { identityToken: secret };
  if (username === '') {
    throw new OcikitError('UNAUTHORIZED', `${credentialHelperProgram(helper)} get answered for ${serverAddress} with a secret but no username`);
  }
  return { username, password: secret };
}

export async function credentialHelperStore(
  helper: string,
  serverAddress: string,
  credential: BasicCredential,
  options: CredentialHelperOptions = {},
): Promise<void> {
  const input = JSON.stringify({ ServerURL: serverAddress, Username: credential.username, Secret: credential.password });
  const result = await runHelper(helper, 'store', input, options);
  if (result.code !== 0) throw helperFailed(helper, 'store', serverAddress, result.message.split(credential.password).join('***'));
}

/** Erases what the helper holds for the address; false when it held nothing. */
export async function credentialHelperErase(helper: string, serverAddress: string, options: CredentialHelperOptions = {}): Promise<boolean> {
  const result = await runHelper(helper, 'erase', serverAddress, options);
  if (result.code === 0) return true;
  if (NOT_FOUND.test(result.message)) return false;
  throw helperFailed(helper, 'erase', serverAddress, result.message);
}

interface HelperResult {
  code: number;
  stdout: string;
  /** What to show when it failed: helpers print their error on stdout, some on stderr. */
  message: string;
}

function runHelper(helper: string, action: 'get' | 'store' | 'erase', input: string, options: CredentialHelperOptions): Promise<HelperResult> {
  // The name becomes part of a command: a `/` would run any path the config names.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) {
    return Promise.reject(
      new OcikitError('INVALID_INPUT', `the credential helper name "${helper.slice(0, 100)}" is not valid`, {
        hint: 'credsStore and credHelpers name a helper, e.g. "pass" for docker-credential-pass',
      }),
    );
  }
  const program = credentialHelperProgram(helper);
  const timeoutMs = options.timeoutMs ?? HELPER_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    // spawn looks the program up on env.PATH when an env is given.
    const child = spawn(program, [action], { env: { ...(options.env ?? process.env) }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= OUTPUT_LIMIT) into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new OcikitError('INVALID_INPUT', `the credential helper ${program} is not installed (not found on PATH)`, {
              hint: `install ${program}, or remove "${helper}" from credsStore / credHelpers in the registry config`,
              cause: error,
            })
          : new OcikitError('UNAUTHORIZED', `could not run the credential helper ${program}: ${error.code ?? error.message}`, { cause: error }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString('utf8').trim();
      const err = Buffer.concat(stderr).toString('utf8').trim();
      if (timedOut) {
        reject(new OcikitError('UNAUTHORIZED', `the credential helper ${program} ${action} did not answer within ${timeoutMs / 1000} s`, {
          hint: 'a helper that waits for a prompt or an unlocked keychain cannot run unattended in CI',
        }));
        return;
      }
      // On failure stdout carries the helper's error text, never a credential.
      resolve({ code: code ?? (signal ? 128 : 1), stdout: out, message: [err, code === 0 ? '' : out].filter(Boolean).join('\n') || `exited with ${signal ?? `code ${code}`}` });
    });
    child.stdin.on('error', () => {}); // a helper that exits without reading; its exit code says more
    child.stdin.end(input);
  });
}

function helperFailed(helper: string, action: string, serverAddress: string, message: string): OcikitError {
  const program = credentialHelperProgram(helper);
  // The helper's own words go in the message: `detail` is shown as the registry's answer.
  const said = message.replace(/\s+/g, ' ').slice(0, 300);
  return new OcikitError('UNAUTHORIZED', `the credential helper ${program} failed to ${action} the credential for ${serverAddress}: ${said}`, {
    hint: `check that ${program} works (echo ${serverAddress} | ${program} get), or remove "${helper}" from credsStore / credHelpers in the registry config`,
  });
}
