// The Node executable of a release target, from the npm registry's node-<os>-<arch>
// package of SEA_NODE_VERSION: fetched once with the ordinary npm client (which checks the
// tarball against the registry's integrity), kept in a cache, then reused offline.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { run } from './run.mjs';

export function releaseCacheDir() {
  return process.env.OCIKIT_RELEASE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ocikit-release');
}

/** The path of `target`'s Node executable of `version`, fetched on first use. */
export async function nodeBinary(target, version, cacheDir = releaseCacheDir()) {
  const dir = join(cacheDir, `${target.nodePackage}-${version}`);
  const binary = join(dir, target.nodeBinary);
  if (existsSync(binary)) return binary;

  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, '.fetch-'));
  try {
    const spec = `${target.nodePackage}@${version}`;
    const packed = JSON.parse(
      await run('npm', ['pack', spec, '--json', '--prefer-offline', '--ignore-scripts', '--pack-destination', staging], {
        cwd: staging,
        hint: `the npm registry must be reachable once to fetch ${spec} (then npm's cache and ${cacheDir} keep it)`,
      }),
    );
    const tarball = join(staging, packed[0].filename);
    const unpacked = join(staging, 'unpacked');
    await mkdir(unpacked);
    await tar.x({ file: tarball, cwd: unpacked, strip: 1, filter: (path) => path === `package/${target.nodeBinary}` });
    if (!existsSync(join(unpacked, target.nodeBinary))) throw new Error(`${spec} has no ${target.nodeBinary}`);
    await chmod(join(unpacked, target.nodeBinary), 0o755);
    await rm(dir, { recursive: true, force: true });
    // A whole binary or none; another build that fetched the same one meanwhile wins.
    await rename(unpacked, dir).catch((error) => {
      if (!existsSync(binary)) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return binary;
}
