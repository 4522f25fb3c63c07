// Starts a real registry: Debian's docker-registry (distribution 2.8.2) on a
// loopback port, in a temp dir of its own. See "The real parts in tests" in DESIGN.md.
// Jest-free and importing nothing but node built-ins, so plain node (bench/, scripts)
// can load it too: `@jest/globals` throws outside jest, and outside jest's module
// mapper a relative './x.js' does not resolve to x.ts. Tests use registry.ts.
import { type ChildProcessWithoutNullStreams, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, kill, once, spawnWatched } from './watched-process.ts';

export { kill, once } from './watched-process.ts';

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

type Started =
  | { ok: true; child: ChildProcessWithoutNullStreams; logs: () => string }
  | { ok: false; reason: string; output: string };

async function spawnRegistry(configPath: string, port: number, readyStatus: number): Promise<Started> {
  // distribution reads REGISTRY_* variables as config overrides: none of ours may leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('REGISTRY_')));
  const server = spawnWatched('docker-registry', ['serve', configPath], env);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (server.exited() === undefined) {
    const status = await probe(`http://127.0.0.1:${port}/v2/`);
    // Our registry exiting while something else answers on the port is not "up".
    if (status === readyStatus && server.exited() === undefined) return { ok: true, child: server.child, logs: server.output };
    if (Date.now() > deadline) {
      await kill(server.child);
      return { ok: false, reason: `/v2/ did not answer ${readyStatus} within ${READY_TIMEOUT_MS} ms`, output: server.output() };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await server.closed; // all of its output has arrived
  return { ok: false, reason: server.exited() ?? 'exited', output: server.output() };
}

/**
 * Status of GET url, or 0 when nothing answers; no keep-alive, so no socket
 * outlives a test. Only distribution's answer counts (its API version header)
 * unless `anyServer`: something else may have taken the port.
 */
export function probe(url: string, options: { anyServer?: boolean } = {}): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: 1000 }, (response) => {
      const distribution = response.headers['docker-distribution-api-version'] === 'registry/2.0';
      response.resume();
      resolve(distribution || options.anyServer ? (response.statusCode ?? 0) : 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
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
