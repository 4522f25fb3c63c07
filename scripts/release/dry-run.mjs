#!/usr/bin/env node
// A release of ocikit, everything but the publishing calls: every release file written
// into --out, then pushed with ocikit's own verbs, as its users push theirs, to a
// loopback registry standing in for ghcr.io.
//
//   npm run release:dry-run -- --out <dir> [--registry host:port] [--targets linux-x64,win-x64]
//                              [--repository ocikit/ocikit/cli] [--skip-build] [--json]
//
// Files (every one listed in SHA256SUMS): ocikit-<os>-<arch>[.exe] (standalone binaries,
// Node single executable applications), the npm tarballs of @ocikit/core and @ocikit/cli,
// the CLI's CycloneDX SBOM. Then: `ocikit release` pushes the binaries as one
// multi-platform index tagged with the version, `attach` adds the SBOM to it, `sign`
// signs it with a throwaway key (keyless needs a CI identity and Sigstore, neither of
// which is here) and `verify` checks that signature; `pull` brings this machine's binary
// back and its sha256 must be the one in SHA256SUMS.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sha256File, writeChecksums } from './checksums.mjs';
import { packNpmPackages } from './npm-packages.mjs';
import { run } from './run.mjs';
import { SBOM_FILE, SBOM_MEDIA_TYPE, checkSbomCoversBundle, writeCliSbom } from './sbom.mjs';
import { buildSea, seaBlob } from './sea.mjs';
import { checkStandaloneBinary, smokeRun } from './standalone-checks.mjs';
import { SEA_NODE_VERSION, TARGETS, hostTarget, targetsNamed } from './targets.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = 'https://github.com/ocikit/ocikit';

const { values: flags } = parseArgs({
  options: {
    out: { type: 'string' },
    registry: { type: 'string' },
    targets: { type: 'string' },
    repository: { type: 'string', default: 'ocikit/ocikit/cli' },
    'skip-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const log = (line) => process.stderr.write(`${line}\n`);
let stepStarted = Date.now();
const step = (name) => {
  stepStarted = Date.now();
  log(`== ${name}`);
};
const done = (detail) => log(`   ${detail} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);

async function main() {
  if (!flags.out) throw new Error('--out <dir> is required\n  hint: npm run release:dry-run -- --out .tmp/release');
  const out = resolve(flags.out);
  await mkdir(out, { recursive: true });
  if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty\n  hint: every file in --out is a release file (SHA256SUMS lists them all): give an empty or new directory`);
  const targets = flags.targets ? targetsNamed(flags.targets.split(',').map((name) => name.trim())) : TARGETS;

  const cli = JSON.parse(await readFile(join(ROOT, 'packages', 'cli', 'package.json'), 'utf8'));
  const core = JSON.parse(await readFile(join(ROOT, 'packages', 'core', 'package.json'), 'utf8'));
  if (cli.version !== core.version) throw new Error(`@ocikit/cli is ${cli.version} and @ocikit/core ${core.version}\n  hint: a release has one version: set both`);
  const version = cli.version;

  if (!flags['skip-build']) {
    step('build (npm run build)');
    await run('npm', ['run', 'build'], { cwd: ROOT });
    done('core, CLI and its bundle built');
  }
  const bundleDir = join(ROOT, 'packages', 'cli', 'bundle');
  if (!existsSync(join(bundleDir, 'main.js'))) throw new Error('packages/cli/bundle/main.js is missing\n  hint: npm run build (or drop --skip-build)');

  step('npm packages (npm pack)');
  const packed = await packNpmPackages(ROOT, { outDir: out });
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
  const hostBinary = binaries.find((b) => b.target === host)?.file;
  const ran = [];
  for (const { target, file } of binaries) {
    const result = await smokeRun(target, file, ['--version']);
    if (result === undefined) continue;
    if (result.trim() !== version) throw new Error(`${target.file} --version printed '${result.trim()}', not ${version}`);
    ran.push(target.name);
  }
  done(`--version is ${version} for ${ran.join(', ') || 'none (no target of this machine built)'}; ${binaries.length - ran.length} checked by structure only`);

  step('SBOM (CycloneDX, @cyclonedx/cyclonedx-npm)');
  await writeCliSbom(ROOT, join(out, SBOM_FILE));
  const covered = await checkSbomCoversBundle(join(out, SBOM_FILE), bundleDir);
  done(`${SBOM_FILE}: names all ${covered.length} packages in the bundle`);

  step('SHA256SUMS');
  const releaseFiles = [...binaries.map((b) => b.target.file), ...packed.map((p) => p.filename), SBOM_FILE];
  const sums = await writeChecksums(out, releaseFiles);
  done(`${sums.size} files`);

  const work = await mkdtemp(join(tmpdir(), 'ocikit-release-'));
  let registry;
  try {
    let registryHost = flags.registry;
    if (!registryHost) {
      step('registry (docker-registry on loopback, standing in for ghcr.io)');
      const { startRegistry } = await import('../../test/harness/registry-process.ts');
      registry = await startRegistry();
      registryHost = registry.host;
      done(registryHost);
    }
    const ocikit = async (args) => {
      const [command, prefix] = hostBinary ? [hostBinary, []] : [process.execPath, [join(ROOT, 'packages', 'cli', 'bin', 'ocikit.js')]];
      return JSON.parse(await run(command, [...prefix, ...args, '--json'], { cwd: out }));
    };
    const reference = `${registryHost}/${flags.repository}:${version}`;

    step(`ocikit release ${reference}${hostBinary ? ` (run by ${host.file})` : ''}`);
    const released = await ocikit([
      'release',
      reference,
      ...binaries.map((b) => `${b.target.file}=${b.target.platform}`),
      '--annotation',
      `org.opencontainers.image.version=${version}`,
      '--annotation',
      `org.opencontainers.image.source=${SOURCE}`,
    ]);
    for (const artifact of released.artifacts) {
      const name = artifact.file.split('/').pop();
      if (artifact.layer?.digest !== `sha256:${sums.get(name)}`) throw new Error(`${name} was pushed as ${artifact.layer?.digest}, not the sha256 in SHA256SUMS`);
    }
    const subject = `${registryHost}/${flags.repository}@${released.digest}`;
    done(`index ${released.digest}: ${released.artifacts.map((a) => a.platform).join(', ')}`);

    step('ocikit attach (the SBOM)');
    const sbom = await ocikit(['attach', subject, `${SBOM_FILE}:${SBOM_MEDIA_TYPE}`]);
    done(`${sbom.artifactType} ${sbom.digest}`);

    step('ocikit sign --key (a throwaway key; the release workflow signs --keyless) and verify');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(join(work, 'release.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(join(work, 'release.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    const signature = await ocikit(['sign', subject, '--key', join(work, 'release.key'), '--no-tlog']);
    // --no-tlog and no trusted root here: the key is what vouches (cosign's --insecure-ignore-tlog).
    await ocikit(['verify', subject, '--key', join(work, 'release.pub'), '--insecure-ignore-tlog']);
    done(`signature ${signature.digest}, verified`);

    let pulled;
    if (hostBinary) {
      step(`ocikit pull --platform ${host.platform}`);
      const pulledDir = join(work, 'pulled');
      await ocikit(['pull', reference, '--platform', host.platform, '--output', pulledDir]);
      const pulledSum = await sha256File(join(pulledDir, host.file));
      if (pulledSum !== sums.get(host.file)) throw new Error(`the pulled ${host.file} has sha256 ${pulledSum}, not the one in SHA256SUMS`);
      pulled = host.file;
      done(`${host.file}: the sha256 in SHA256SUMS`);
    }

    const summary = {
      version,
      out,
      files: Object.fromEntries(sums),
      index: { reference: released.reference, digest: released.digest, platforms: released.artifacts.map((a) => a.platform) },
      sbom: { digest: sbom.digest, artifactType: sbom.artifactType },
      signature: { digest: signature.digest, key: 'throwaway (dry run)' },
      ranHere: ran,
      ...(pulled ? { pulled } : {}),
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else log(`\nrelease ${version} dry run: ${sums.size} files in ${out}, index ${released.reference}`);
  } finally {
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`error: release dry run failed: ${error.message}\n`);
  process.exitCode = 1;
});
