// The real peer tools users run beside ocikit (oras, helm, crane, cosign, regctl,
// notation, sigstore-python), pinned in test/peers/versions.txt and installed by
// .ci/install-peers into a cache outside the checkout. Each call runs the tool as a
// user would, in a home of its own (no config, credentials or caches from the
// host; tests pass what they mean), and reports exactly what it said.
// Jest-free and importing node built-ins only: global-setup reads the pins too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PeerOptions, type RunResult, run } from './peers.ts';

export const PEERS_DIR = process.env.OCIKIT_PEERS_DIR || join(homedir(), '.cache', 'ocikit-peers');
export const PEERS_BIN = join(PEERS_DIR, 'bin');
const VERSIONS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'peers', 'versions.txt');

export type PeerName = 'oras' | 'helm' | 'crane' | 'cosign' | 'regctl' | 'notation' | 'olareg' | 'sigstore';

export interface PeerPin {
  name: PeerName;
  /** The Go package of its main (`oras.land/oras/cmd/oras`) or `pypi:<package>`. */
  source: string;
  version: string;
}

export function peerPins(): PeerPin[] {
  return readFileSync(VERSIONS_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, source, version] = line.split(/\s+/) as [PeerName, string, string];
      return { name, source, version };
    });
}

/** The version a peer binary really is: a Go binary's module version, or the installed PyPI package's. */
export function installedVersion(pin: PeerPin): string | undefined {
  const binary = join(PEERS_BIN, pin.name);
  if (!existsSync(binary)) return undefined;
  try {
    if (pin.source.startsWith('pypi:')) {
      // bin/<name> links to the venv's script; the venv's python knows the package.
      const python = join(dirname(readlinkDeep(binary)), 'python');
      return execFileSync(python, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(pin.source.slice(5))}))`], { encoding: 'utf8' }).trim();
    }
    const module = pin.source.split('/cmd/')[0];
    const info = execFileSync('go', ['version', '-m', binary], { encoding: 'utf8' });
    return info.split('\n').map((line) => line.trim().split(/\s+/)).find((f) => f[0] === 'mod' && f[1] === module)?.[2];
  } catch {
    return undefined;
  }
}

function readlinkDeep(path: string): string {
  return execFileSync('readlink', ['-f', path], { encoding: 'utf8' }).trim();
}

export interface PeerToolOptions extends PeerOptions {
  /**
   * The tool's home: its config, keys, credentials and caches (HOME, XDG_*,
   * DOCKER_CONFIG, HELM_*). Pass one to keep state between calls (a notation
   * key, a regctl host); without it each call gets a fresh one.
   */
  home?: string;
}

/** The environment of a peer run: the host's PATH and the like, but every config and cache inside `home`. */
export function peerEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'LANG', 'TZ', 'TMPDIR', 'SSL_CERT_FILE']) if (process.env[key] !== undefined) env[key] = process.env[key];
  env.PATH = `${PEERS_BIN}:${env.PATH ?? ''}`;
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    DOCKER_CONFIG: join(home, '.docker'),
    HELM_CONFIG_HOME: join(home, '.config', 'helm'),
    HELM_CACHE_HOME: join(home, '.cache', 'helm'),
    HELM_DATA_HOME: join(home, '.local', 'share', 'helm'),
    // Sigstore's clients would fetch the public-good TUF root; tests give a trusted root instead.
    TUF_ROOT: join(home, '.sigstore', 'root'),
    ...extra,
  };
}

/** Runs a pinned peer from the peers' bin directory; throws on a non-zero exit unless `allowFailure`. */
export async function peerTool(name: PeerName, args: string[], options: PeerToolOptions = {}): Promise<RunResult> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), `ocikit-${name}-home-`)));
  try {
    const result = await run(join(PEERS_BIN, name), args, { ...options, env: peerEnv(home, options.env) });
    if (result.code !== 0 && !options.allowFailure) {
      throw new Error(`${name} ${args.join(' ')} exited with ${result.code}\nstderr: ${result.stderr.trim()}\nstdout: ${result.stdout.trim()}`);
    }
    return result;
  } finally {
    if (!options.home) await rm(home, { recursive: true, force: true });
  }
}

export const oras = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('oras', args, options);
export const helm = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('helm', args, options);
export const crane = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('crane', args, options);
export const cosign = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('cosign', args, options);
export const regctl = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('regctl', args, options);
export const notation = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('notation', args, options);
export const sigstorePython = (args: string[], options?: PeerToolOptions): Promise<RunResult> => peerTool('sigstore', args, options);
