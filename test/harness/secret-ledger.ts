// The suite-wide secrets check (issue 10). Every CLI run (ocikit-cli.ts) and every
// action run (action-runner.ts) is recorded here with the secret values it was
// given: passwords and tokens in its arguments, standard input (--password-stdin),
// environment and action inputs, the credentials of any Docker config it was
// pointed at, the harness's well-known test passwords, and a canary secret every
// run gets in its environment. After each test, secrets-check.ts (a jest setup
// file, so no test can opt out) fails the test if any of them shows up in what a
// person or a later step could see: stdout, stderr, the job summary, the outputs
// (error messages and debug logs land in those). Jest-free; the ledger lives on
// globalThis so the harness modules and the setup file share it whatever the
// module registry.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Passwords the harness hands out (registry-process.ts, token-issuer.ts): never to be printed by anyone. */
export const KNOWN_SECRETS: readonly string[] = ['the-s3cret-pass'];

/** In every CLI and action run's environment; nothing has any business printing it. */
export const CANARY_SECRET = 'canary-7f3a9c2e51-do-not-print';
export const CANARY_VARIABLE = 'OCIKIT_TEST_CANARY_SECRET';

/** Shorter values are too likely to occur by chance ("-p pw") to be checked. */
const MIN_SECRET_LENGTH = 6;

export interface Exposure {
  /** What ran, for the failure message: `ocikit push …` or `action pull`. */
  source: string;
  /** The secret values this run was given. */
  secrets: string[];
  /** Where a person or a later step can read what it printed or wrote. */
  surfaces: Record<string, string>;
}

interface Ledger {
  records: Exposure[];
}

const LEDGER = Symbol.for('ocikit.test.secretLedger');

function ledger(): Ledger {
  const holder = globalThis as unknown as Record<symbol, Ledger | undefined>;
  return (holder[LEDGER] ??= { records: [] });
}

export function recordExposure(exposure: Exposure): void {
  ledger().records.push(exposure);
}

/** The records since the last call (the setup file drains them after each test). */
export function takeExposures(): Exposure[] {
  return ledger().records.splice(0);
}

const SECRET_NAME = /PASSWORD|PASSWD|TOKEN|SECRET|CREDENTIAL|API_KEY|AUTH(?!_FILE)/i;
const SECRET_INPUT = /password|token|secret|credential|key/i;

/** Secret values in an environment: by variable name, and those of a Docker config it points at. */
export function secretsOfEnv(env: Record<string, string | undefined> | undefined): string[] {
  if (!env) return [];
  const values = Object.entries(env)
    .filter(([name, value]) => value && SECRET_NAME.test(name) && !/(_FILE|_PATH|_DIR|_URL)$/i.test(name))
    .map(([, value]) => value!);
  for (const config of [env.REGISTRY_AUTH_FILE, env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, 'config.json') : undefined, env.HOME ? join(env.HOME, '.docker', 'config.json') : undefined]) {
    if (config) values.push(...secretsOfDockerConfig(config));
  }
  return values;
}

/** Passwords, tokens and `auth` values (and what they decode to) of a Docker config.json. */
export function secretsOfDockerConfig(path: string): string[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
  const auths = (parsed as { auths?: Record<string, Record<string, unknown>> } | null)?.auths ?? {};
  const values: string[] = [];
  for (const entry of Object.values(auths)) {
    if (!entry || typeof entry !== 'object') continue;
    for (const key of ['password', 'identitytoken', 'registrytoken', 'auth']) {
      const value = entry[key];
      if (typeof value === 'string' && value) values.push(value);
    }
    if (typeof entry.auth === 'string') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) values.push(decoded.slice(colon + 1));
    }
  }
  return values;
}

/** Secrets of a CLI run: `-p`/`--password` values, stdin with --password-stdin, `--registry-config`'s, the environment's. */
export function secretsOfCliRun(args: string[], env: Record<string, string | undefined> | undefined, input: string | Buffer | undefined, cwd?: string): string[] {
  const values: string[] = [];
  let username: string | undefined;
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if ((arg === '-p' || arg === '--password') && next !== undefined) password = next;
    else if (arg.startsWith('--password=')) password = arg.slice('--password='.length);
    else if ((arg === '-u' || arg === '--username') && next !== undefined) username = next;
    else if (arg === '--registry-config' && next !== undefined) values.push(...secretsOfDockerConfig(cwd ? join(cwd, next) : next), ...secretsOfDockerConfig(next));
  }
  if (args.includes('--password-stdin') && input !== undefined) password = String(input).replace(/\r?\n$/, '');
  if (password) {
    values.push(password);
    if (username) values.push(Buffer.from(`${username}:${password}`).toString('base64'));
  }
  return [...values, ...secretsOfEnv(env)];
}

/** Secrets of an action run: inputs whose name says so, the github token, the environment's. */
export function secretsOfActionRun(inputs: Record<string, string> | undefined, env: Record<string, string | undefined> | undefined, githubToken: string | undefined): string[] {
  const values = Object.entries(inputs ?? {})
    .filter(([name, value]) => value && SECRET_INPUT.test(name))
    .map(([, value]) => value);
  if (githubToken) values.push(githubToken);
  const username = inputs?.username;
  const password = inputs?.password;
  if (username && password) values.push(Buffer.from(`${username}:${password}`).toString('base64'));
  return [...values, ...secretsOfEnv(env)];
}

/** Every secret that shows up where it must not, as lines for a failure message (the secret itself masked). */
export function findLeaks(exposures: Exposure[]): string[] {
  const leaks: string[] = [];
  for (const exposure of exposures) {
    const secrets = [...new Set([...exposure.secrets, ...KNOWN_SECRETS, CANARY_SECRET])].filter((s) => s.length >= MIN_SECRET_LENGTH);
    for (const [surface, text] of Object.entries(exposure.surfaces)) {
      for (const secret of secrets) {
        const at = text.indexOf(secret);
        if (at < 0) continue;
        const context = text.slice(Math.max(0, at - 60), at + secret.length + 20).split(secret).join(`<${mask(secret)}>`);
        const source = secrets.reduce((label, s) => label.split(s).join(`<${mask(s)}>`), exposure.source);
        leaks.push(`${source}: a secret (${mask(secret)}) appears in ${surface}: …${context.replace(/\n/g, '⏎')}…`);
      }
    }
  }
  return leaks;
}

function mask(secret: string): string {
  return `${secret.slice(0, 2)}${'*'.repeat(Math.min(8, secret.length - 2))}`;
}

/** A short label for a CLI run: the verb and the first argument, no values (they may be secret). */
export function cliSource(args: string[]): string {
  return `ocikit ${args.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}`.trim();
}
