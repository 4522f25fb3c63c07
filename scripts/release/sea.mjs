// A standalone ocikit: a Node single executable application (SEA) made of the CLI bundle
// and the Node executable of one release target. The blob is made by the host's Node of
// the same version (`node --experimental-sea-config`; Node 24 has no --build-sea), then
// postject writes it into a copy of the target's executable (ELF; PE with its Authenticode
// signature removed first, since injection breaks it; Mach-O would need a new signature,
// see targets.mjs).
import { copyFile, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-binary.mjs';
import { withoutPeSignature } from './pe-signature.mjs';
import { run } from './run.mjs';
import { SEA_NODE_VERSION, hostTarget } from './targets.mjs';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'sea-entry.cjs');
/** The sentinel Node looks for to know a blob was injected (the same in every Node since 20). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * Writes `outFile`, the standalone binary of `target` running the bundle in `bundleDir`.
 * Code cache and snapshot stay off: they would tie the blob to the generating machine's
 * architecture, and one blob serves every target.
 */
export async function buildSea({ target, bundleDir, outFile, version = SEA_NODE_VERSION, blob }) {
  const prepared = blob ?? (await seaBlob({ bundleDir, version }));
  const executable = await nodeBinary(target, version);
  const staging = `${outFile}.tmp-${process.pid}`;
  try {
    if (target.file.endsWith('.exe')) await writeFile(staging, withoutPeSignature(await readFile(executable)));
    else await copyFile(executable, staging);
    const { inject } = createRequire(import.meta.url)('postject');
    await inject(staging, 'NODE_SEA_BLOB', prepared, { sentinelFuse: SEA_FUSE });
    await rename(staging, outFile);
  } finally {
    await rm(staging, { force: true });
  }
  return outFile;
}

/** The SEA preparation blob: sea-entry.cjs as the main script, every file of the bundle as an asset. */
export async function seaBlob({ bundleDir, version = SEA_NODE_VERSION }) {
  const host = hostTarget();
  if (!host) throw new Error(`standalone binaries are built on linux-x64, linux-arm64 or win-x64; this is ${process.platform}-${process.arch}`);
  const generator = await nodeBinary(host, version);
  const work = await mkdtemp(join(tmpdir(), 'ocikit-sea-'));
  try {
    const assets = {};
    for (const name of await readdir(bundleDir)) assets[`bundle/${name}`] = join(bundleDir, name);
    if (!assets['bundle/main.js']) throw new Error(`${bundleDir} has no main.js\n  hint: build the CLI first: npm run build`);
    const config = {
      main: ENTRY,
      output: join(work, 'sea.blob'),
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
      assets,
    };
    await writeFile(join(work, 'sea-config.json'), JSON.stringify(config, null, 2));
    await run(generator, ['--experimental-sea-config', 'sea-config.json'], { cwd: work });
    return await readFile(config.output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
