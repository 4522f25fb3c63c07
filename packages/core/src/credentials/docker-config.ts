/**
 * Docker's `config.json` (also podman's `auth.json`): where it is, reading it, and
 * writing it back with every field we do not know kept as it was.
 */
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { OcikitError, optionRef } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** Environment variables as core reads them (process.env fits). */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/** One `auths` entry: `auth` is base64 `user:password`; `identitytoken` a refresh token. */
export interface DockerAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  [field: string]: unknown;
}

export interface DockerConfig {
  auths?: Record<string, DockerAuthEntry>;
  /** registry host → helper name, for `docker-credential-<name>`. */
  credHelpers?: Record<string, string>;
  /** The helper for every registry not in `credHelpers`. */
  credsStore?: string;
  [field: string]: unknown;
}

export interface DockerConfigLocation {
  /** `--registry-config <path>`: wins over the environment. */
  registryConfig?: string;
  env?: EnvironmentVariables;
}

/** `--registry-config`, else `REGISTRY_AUTH_FILE`, else `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(location: DockerConfigLocation = {}): string {
  const env = location.env ?? process.env;
  if (location.registryConfig) return location.registryConfig;
  if (env.REGISTRY_AUTH_FILE) return env.REGISTRY_AUTH_FILE;
  if (env.DOCKER_CONFIG) return join(env.DOCKER_CONFIG, 'config.json');
  return join(env.HOME || homedir(), '.docker', 'config.json');
}

/** The file's contents; a file that does not exist is an empty config (`login` creates it). */
export async function readDockerConfig(path: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new OcikitError('INVALID_INPUT', `cannot read the registry config ${path}`, {
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
      cause: error,
    });
  }
  return parseDockerConfig(text, path);
}

/**
 * A config's text, checked as readDockerConfig checks a file's; `source` names it in
 * errors (a path, or a variable that holds the JSON), which never quote the text.
 */
export function parseDockerConfig(text: string, source: string): DockerConfig {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the fault, which may be a password: keep only where.
    const where = /at position \d+(?: \(line \d+ column \d+\))?/.exec(String((error as Error).message))?.[0];
    throw new OcikitError('INVALID_INPUT', `the registry config ${source} is not valid JSON${where ? ` (${where})` : ''}`, {
      hint: `fix or remove the file, or point ${optionRef('registry-config')} at another one`,
    });
  }
  return checkShape(parsed, source);
}

/**
 * Writes the config by temp file and rename, mode 0600 (it may hold passwords), in
 * a directory created 0700. A symlinked config.json is followed, as Docker does, so
 * the link survives.
 */
export async function writeDockerConfig(path: string, config: DockerConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let target = path;
  try {
    target = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Tabs, as Docker writes it, so a diff of the file after `ocikit login` stays small.
  await writeFileAtomic(target, `${JSON.stringify(config, null, '\t')}\n`, 0o600);
}

function checkShape(parsed: unknown, path: string): DockerConfig {
  const problem = (what: string) =>
    new OcikitError('INVALID_INPUT', `the registry config ${path} is not a Docker config file: ${what}`, {
      hint: 'it should look like {"auths": {"<host>": {"auth": "<base64 user:password>"}}}',
    });
  if (!isObject(parsed)) throw problem('the top level is not an object');
  const { auths, credHelpers, credsStore } = parsed;
  if (auths !== undefined && auths !== null) {
    if (!isObject(auths)) throw problem('"auths" is not an object');
    for (const [key, entry] of Object.entries(auths)) {
      if (!isObject(entry)) throw problem(`auths["${key}"] is not an object`);
    }
  }
  if (credHelpers !== undefined && credHelpers !== null) {
    if (!isObject(credHelpers) || Object.values(credHelpers).some((v) => typeof v !== 'string')) {
      throw problem('"credHelpers" is not an object of helper names');
    }
  }
  if (credsStore !== undefined && typeof credsStore !== 'string') throw problem('"credsStore" is not a helper name');
  return parsed as DockerConfig;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
