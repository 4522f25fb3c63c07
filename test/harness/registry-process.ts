// Starts a real registry: Debian's docker-registry (distribution 2.8.2) on a
// loopback port, in a temp dir of its own. See "The real parts in tests" in DESIGN.md.
// Jest-free and importing nothing but node built-ins, so plain node (bench/, scripts)
// can load it too: `@jest/globals` throws outside jest, and outside jest's module
// mapper a relative './x.js' does not resolve to x.ts. Tests use registry.ts.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RegistryOptions {
  auth?: 'none' | 'basic' | 'token';
  /** Users for basic auth. Default { ocikit: 'the-s3cret-pass' }. */
  users?: Record<string, string>;
  /** For `auth: 'token'`: the token service the registry trusts (a TokenIssuer from token-issuer.ts). Read at start. */
  tokenIssuer?: TokenServiceConfig;
}

/** What a registry in token mode needs to know of its token service. */
export interface TokenServiceConfig {
  /** Where clients are sent for tokens (the challenge's `realm`). */
  realm: string;
  /** The `aud` tokens must carry. */
  service: string;
  /** The `iss` tokens must carry. */
  issuer: string;
  /** The certificate a token's `x5c` must chain to. */
  certificatePem: string;
  /** Whom the token service accepts, for `users` of the running registry. */
  policy?: { users: Record<string, string> };
}

export interface RunningRegistry {
  /** '127.0.0.1:<port>' */
  host: string;
  /** 'http://127.0.0.1:<port>' */
  url: string;
  storageDir: string;
  /** The users the registry (in token mode: its token service, at start) accepts; {} without auth. */
  users: Record<string, string>;
  /** The registry's stdout and stderr so far (the last MiB), for debugging a failed test. */
  logs(): string;
  /** Kills the registry and removes its directories. Safe to call twice. */
  stop(): Promise<void>;
}

export const READY_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 5;
const LOG_LIMIT = 1 << 20;

// Under jest the sandbox's `process` is a copy whose 'exit' never fires, so the
// registry is spawned behind a watchdog: a background `cat` on the registry's stdin
// pipe sees EOF when we close it or when this process dies in any way (even
// SIGKILL), and then kills the registry. `exec` keeps the registry's PID = our child.
const WATCHDOG = `exec 3<&0
{ cat; kill $$; } <&3 >/dev/null 2>&1 &
exec docker-registry serve "$1" </dev/null 3<&-`;

const running = new Set<ChildProcessWithoutNullStreams>();
// The last resort outside jest (e.g. a script using the harness).
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  requireBinary('docker-registry', 'docker-registry');
  const auth = options.auth ?? 'none';
  const token = options.tokenIssuer;
  if (auth === 'token' && !token) throw new Error("startRegistry({ auth: 'token' }) needs a tokenIssuer");
  const users =
    auth === 'basic' ? (options.users ?? { ocikit: 'the-s3cret-pass' }) : auth === 'token' ? { ...token?.policy?.users } : {};

  const dir = await mkdtemp(join(tmpdir(), 'ocikit-registry-'));
  try {
    const storageDir = join(dir, 'storage');
    await mkdir(storageDir);
    const htpasswdPath = join(dir, 'htpasswd');
    if (auth === 'basic') await writeFile(htpasswdPath, await htpasswd(users), { mode: 0o600 });
    let tokenAuth: TokenAuthConfig | undefined;
    if (auth === 'token' && token) {
      const rootCertBundle = join(dir, 'token-root.pem');
      await writeFile(rootCertBundle, token.certificatePem);
      tokenAuth = { realm: token.realm, service: token.service, issuer: token.issuer, rootCertBundle };
    }

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const configPath = join(dir, 'config.yml');
      await writeFile(configPath, config({ port, storageDir, htpasswdPath: auth === 'basic' ? htpasswdPath : undefined, tokenAuth }));
      const started = await spawnRegistry(configPath, port, auth === 'none' ? 200 : 401);
      if (started.ok) {
        const { child, logs } = started;
        return {
          host: `127.0.0.1:${port}`,
          url: `http://127.0.0.1:${port}`,
          storageDir,
          users,
          logs,
          stop: once(async () => {
            await kill(child);
            await rm(dir, { recursive: true, force: true });
          }),
        };
      }
      // Another process may grab the port between our probe and the registry's bind.
      if (!/address already in use/.test(started.output) || attempt === PORT_ATTEMPTS) {
        throw new Error(`docker-registry did not start: ${started.reason}\n--- registry output ---\n${started.output}`);
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
}

function config(o: { port: number; storageDir: string; htpasswdPath: string | undefined; tokenAuth: TokenAuthConfig | undefined }): string {
  // JSON strings are valid YAML scalars, so paths need no further quoting.
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(o.storageDir)}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${JSON.stringify(`127.0.0.1:${o.port}`)}`,
    `  secret: ${JSON.stringify(randomBytes(16).toString('hex'))}`,
  ];
  if (o.htpasswdPath) {
    lines.push('auth:', '  htpasswd:', '    realm: ocikit-test', `    path: ${JSON.stringify(o.htpasswdPath)}`);
  } else if (o.tokenAuth) {
    // distribution verifies each token: x5c chained to rootcertbundle, iss, aud = service, exp/nbf, access.
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${JSON.stringify(o.tokenAuth.realm)}`,
      `    service: ${JSON.stringify(o.tokenAuth.service)}`,
      `    issuer: ${JSON.stringify(o.tokenAuth.issuer)}`,
      `    rootcertbundle: ${JSON.stringify(o.tokenAuth.rootCertBundle)}`,
    );
  }
  return lines.join('\n') + '\n';
}

async function htpasswd(users: Record<string, string>): Promise<string> {
  requireBinary('htpasswd', 'apache2-utils');
  let entries = '';
  for (const [user, password] of Object.entries(users)) {
    // distribution accepts only bcrypt entries (-B).
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('htpasswd', ['-Bbn', user, password], { timeout: 60_000 }, (error, out, err) =>
        error ? reject(new Error(`htpasswd failed for user ${user}: ${err || error.message}`)) : resolve(out),
      );
    });
    entries += stdout.trim() + '\n';
  }
  return entries;
}

function freePort(): Promise<number> {
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

type Started =
  | { ok: true; child: ChildProcessWithoutNullStreams; logs: () => string }
  | { ok: false; reason: string; output: string };

async function spawnRegistry(configPath: string, port: number, readyStatus: number): Promise<Started> {
  // distribution reads REGISTRY_* variables as config overrides: none of ours may leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('REGISTRY_')));
  const child = spawn('sh', ['-c', WATCHDOG, 'ocikit-registry', configPath], { env, stdio: 'pipe' });
  running.add(child);
  let output = '';
  const capture = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > LOG_LIMIT) output = output.slice(-LOG_LIMIT);
  };
  child.stdout.on('data', capture);
  child.stderr.on('data', capture);
  child.stdin.on('error', () => {}); // EPIPE once the watchdog is gone
  const closed = new Promise((resolve) => child.once('close', resolve));
  let exit: string | undefined;
  child.on('exit', (code, signal) => {
    exit = `exited with ${signal ?? `code ${code}`}`;
    running.delete(child);
    child.stdin.destroy(); // ends the watchdog too
  });

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (exit === undefined) {
    const status = await probe(`http://127.0.0.1:${port}/v2/`);
    // Our registry exiting while something else answers on the port is not "up".
    if (status === readyStatus && exit === undefined) return { ok: true, child, logs: () => output };
    if (Date.now() > deadline) {
      await kill(child);
      return { ok: false, reason: `/v2/ did not answer ${readyStatus} within ${READY_TIMEOUT_MS} ms`, output };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await closed; // all of its output has arrived
  return { ok: false, reason: exit, output };
}

/** Status of GET url, or 0 when nothing answers; no keep-alive, so no socket outlives a test. */
function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: 1000 }, (response) => {
      const distribution = response.headers['docker-distribution-api-version'] === 'registry/2.0';
      response.resume();
      resolve(distribution ? (response.statusCode ?? 0) : 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone (containerd.ts uses it too). */
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

/** peers.ts's requireBinary, restated here with built-ins only (see the header). */
function requireBinary(name: string, debianPackage: string): void {
  const found = (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`${name} is not installed: apt-get install ${debianPackage}`);
}
