// Every file of a release, written into one directory: the npm tarballs of
// @ocikit/core and @ocikit/cli, the standalone binaries ocikit-<os>-<arch>[.exe] (Node
// single executable applications), the CLI's CycloneDX SBOM, and SHA256SUMS over them
// all. The dry run and the release workflow both make them here; neither publishes
// anything in this step.
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeChecksums } from './checksums.mjs';
import { packNpmPackages } from './npm-packages.mjs';
import { releaseVersion } from './release-version.mjs';
import { run } from './run.mjs';
import { SBOM_FILE, checkSbomCoversBundle, writeCliSbom } from './sbom.mjs';
import { buildSea, seaBlob } from './sea.mjs';
import { checkStandaloneBinary, smokeRun } from './standalone-checks.mjs';
import { SEA_NODE_VERSION, hostTarget } from './targets.mjs';

/**
 * Builds the release into `out` (which must be empty or new) for `targets`.
 * Returns { version, binaries: [{ target, file }], packed, sums (name -> hex), ran, hostBinary }.
 */
export async function buildReleaseFiles({ root, out, targets, skipBuild = false, steps }) {
  const { step, done } = steps;
  await mkdir(out, { recursive: true });
  if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty\n  hint: every file in --out is a release file (SHA256SUMS lists them all): give an empty or new directory`);
  const version = await releaseVersion(root);

  if (!skipBuild) {
    step('build (npm run build)');
    await run('npm', ['run', 'build'], { cwd: root });
    done('core, CLI and its bundle built');
  }
  const bundleDir = join(root, 'packages', 'cli', 'bundle');
  if (!existsSync(join(bundleDir, 'main.js'))) throw new Error('packages/cli/bundle/main.js is missing\n  hint: npm run build (or drop --skip-build)');

  step('npm packages (npm pack)');
  const packed = await packNpmPackages(root, { outDir: out });
  done(packed.map((p) => `${p.filename} (${p.entryCount} files)`).join(', '));

  step(`standalone binaries (Node ${SEA_NODE_VERSION} single executable applications)`);
  const blob = await seaBlob({ bundleDir });
  const binaries = [];
  for (const target of targets) {
    const file = join(out, target.file);
    await buildSea({ target, bundleDir, outFile: file, blob });
    await checkStandaloneBinary(target, file, blob);
    binaries.push({ target, file });
  }
  done(binaries.map((b) => b.target.file).join(', '));

  step('the binaries run');
  const host = hostTarget();
  const ran = [];
  for (const { target, file } of binaries) {
    const result = await smokeRun(target, file, ['--version']);
    if (result === undefined) continue;
    if (result.trim() !== version) throw new Error(`${target.file} --version printed '${result.trim()}', not ${version}`);
    ran.push(target.name);
  }
  done(`--version is ${version} for ${ran.join(', ') || 'none (no target of this machine built)'}; ${binaries.length - ran.length} checked by structure only`);

  step('SBOM (CycloneDX, @cyclonedx/cyclonedx-npm)');
  await writeCliSbom(root, join(out, SBOM_FILE));
  const covered = await checkSbomCoversBundle(join(out, SBOM_FILE), bundleDir);
  done(`${SBOM_FILE}: names all ${covered.length} packages in the bundle`);

  step('SHA256SUMS');
  const sums = await writeChecksums(out, [...binaries.map((b) => b.target.file), ...packed.map((p) => p.filename), SBOM_FILE]);
  done(`${sums.size} files`);

  return { version, binaries, packed, sums, ran, hostBinary: binaries.find((b) => b.target === host)?.file };
}
