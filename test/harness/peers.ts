// Run the real peer CLIs (skopeo, umoci, ...) the way a user would, and report
// exactly what they said. No jest imports here: global-setup uses requireBinary.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  /** For run(): the whole environment. For skopeo()/umoci(): merged over the isolated one. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the command after this long; a hung peer must not outlive its test. Default 120 s. */
  timeoutMs?: number;
  /** For run(): called once the command is started (a test that signals it midway). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface PeerOptions extends RunOptions {
  /** Return a non-zero exit as a result instead of throwing. */
  allowFailure?: boolean;
}

/** Where each binary comes from on Debian, so a missing one names its fix. */
const DEBIAN_PACKAGES: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  htpasswd: 'apache2-utils',
  containerd: 'containerd',
  ctr: 'containerd',
  buildah: 'buildah',
  zstd: 'zstd',
  rsync: 'rsync',
  git: 'git',
  gpg: 'gnupg',
};

function missingMessage(name: string, debianPackage = DEBIAN_PACKAGES[name] ?? name): string {
  return `${name} is not installed: apt-get install ${debianPackage}`;
}

/** Full path of an executable on PATH, or undefined. */
export function findBinary(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function requireBinary(name: string, debianPackage = DEBIAN_PACKAGES[name] ?? name): void {
  if (!findBinary(name)) throw new Error(missingMessage(name, debianPackage));
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new Error(missingMessage(command), { cause: error }) : error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = {
        code: code ?? 128,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (timedOut) {
        reject(new Error(`${command} ${args.join(' ')} timed out after ${timeoutMs} ms\n${result.stderr}`));
      } else if (signal) {
        reject(new Error(`${command} ${args.join(' ')} was killed by ${signal}\n${result.stderr}`));
      } else {
        resolve(result);
      }
    });
    // A peer that exits without reading its input makes stdin EPIPE; its exit code says more.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

async function runPeer(command: string, args: string[], options: PeerOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0 && !options.allowFailure) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code}\n` +
        `stderr: ${result.stderr.trim()}\nstdout: ${result.stdout.trim()}`,
    );
  }
  return result;
}

/**
 * skopeo with a config of its own for each call: an accept-anything policy (copy
 * refuses to work without one), and no registries.d, auth file or docker config
 * from the host, so what runs here runs the same in CI. Pass credentials with
 * --creds / --src-creds / --dest-creds. (skopeo 1.9 still reads the host's
 * registries.conf; it only matters for short names and mirrors, so use full
 * references like 127.0.0.1:<port>/repo:tag.)
 */
export async function skopeo(args: string[], options: PeerOptions = {}): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'ocikit-skopeo-'));
  try {
    const policy = join(dir, 'policy.json');
    const registriesD = join(dir, 'registries.d');
    const authFile = join(dir, 'auth.json');
    await Promise.all([
      writeFile(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] })),
      mkdir(registriesD),
      writeFile(authFile, JSON.stringify({ auths: {} })),
    ]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // containers/image also reads $HOME/.docker/config.json and $XDG_CONFIG_HOME.
      HOME: dir,
      XDG_CONFIG_HOME: dir,
      DOCKER_CONFIG: dir,
      REGISTRY_AUTH_FILE: authFile,
      ...options.env,
    };
    return await runPeer('skopeo', ['--policy', policy, '--registries.d', registriesD, ...args], { ...options, env });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** umoci as is (use --rootless for unpack so results do not depend on running as root). */
export function umoci(args: string[], options: PeerOptions = {}): Promise<RunResult> {
  return runPeer('umoci', args, { ...options, env: { ...process.env, ...options.env } });
}
