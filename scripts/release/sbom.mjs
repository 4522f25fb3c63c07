// The CLI's SBOM (CycloneDX JSON), made by @cyclonedx/cyclonedx-npm from package-lock.json:
// the @ocikit/cli workspace and everything it bundles (its devDependencies and theirs: the
// bundle carries them, so the package declares no runtime dependency). It must name every
// package in the bundle (checkSbomCoversBundle): webpack also takes packages a dependency
// only tries to load (debug's supports-color), and those are declared so the SBOM sees them.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { run } from './run.mjs';

export const SBOM_FILE = 'ocikit-cli.cdx.json';
export const SBOM_MEDIA_TYPE = 'application/vnd.cyclonedx+json';

/** Writes the SBOM of the CLI to `outFile`; reproducible (no timestamp or serial number). */
export async function writeCliSbom(repoRoot, outFile) {
  // Its exports name only index.js, at the package's root, beside bin/.
  const cli = join(dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-npm')), 'bin', 'cyclonedx-npm-cli.js');
  // NODE_ENV=production would make it omit devDependencies, which are what the bundle holds.
  const { NODE_ENV, ...env } = process.env;
  // From package-lock.json alone: what the release pins, whatever else a checkout's
  // node_modules holds (an extraneous tool would otherwise land in the SBOM).
  await run(
    process.execPath,
    [cli, '--workspace', 'packages/cli', '--package-lock-only', '--spec-version', '1.6', '--output-format', 'JSON', '--output-reproducible', '--output-file', outFile],
    { cwd: repoRoot, env, hint: 'the SBOM is read from package-lock.json: run `npm install` if it is out of date' },
  );
  return outFile;
}

/** name@version of every third-party package in the CLI bundle (its licenses.txt, written by scripts/bundle-licenses.mjs). */
export async function bundledPackages(bundleDir) {
  const text = await readFile(join(bundleDir, 'licenses.txt'), 'utf8');
  // Each entry opens with `name@version` then its license on the next line, after a blank line.
  return [...`\n\n${text}`.matchAll(/\n\n((?:@[a-z0-9._~-]+\/)?[a-z0-9._~-]+)@(\d+\.\d+\.\d+[^\s]*)\n/gi)].map((m) => `${m[1]}@${m[2]}`);
}

/** name@version of every component in a CycloneDX SBOM, nested ones included. */
export function sbomPackages(sbom) {
  const found = [];
  const walk = (components) => {
    for (const c of components ?? []) {
      found.push(`${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`);
      walk(c.components);
    }
  };
  walk(sbom.components);
  return found;
}

/** Throws unless the SBOM names every package the bundle carries, at the version it carries. */
export async function checkSbomCoversBundle(sbomFile, bundleDir) {
  const sbom = JSON.parse(await readFile(sbomFile, 'utf8'));
  const named = new Set(sbomPackages(sbom));
  const bundled = await bundledPackages(bundleDir);
  if (bundled.length === 0) throw new Error(`${join(bundleDir, 'licenses.txt')} names no package`);
  const missing = bundled.filter((p) => !named.has(p));
  if (missing.length > 0) {
    throw new Error(`the SBOM does not name ${missing.length} bundled package(s): ${missing.join(', ')}\n  hint: the bundle carries them but @ocikit/cli's dependency tree in package-lock.json does not: add each to packages/cli/package.json devDependencies and run npm install`);
  }
  return bundled;
}
