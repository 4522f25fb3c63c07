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
// the CLI's CycloneDX SBOM (release-files.mjs). Then (push-release.mjs): `ocikit release`
// pushes the binaries as one multi-platform index tagged with the version, `attach` adds
// the SBOM to it, both are signed with a throwaway key (keyless needs a CI identity and
// Sigstore, neither of which is here: publish.mjs signs keyless in the release workflow)
// and `verify` checks those signatures; `pull` brings this machine's binary back and its
// sha256 must be the one in SHA256SUMS.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pushRelease, ocikitRunner } from './push-release.mjs';
import { buildReleaseFiles } from './release-files.mjs';
import { stepLog } from './steps.mjs';
import { TARGETS, hostTarget, targetsNamed } from './targets.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

const steps = stepLog();

async function main() {
  if (!flags.out) throw new Error('--out <dir> is required\n  hint: npm run release:dry-run -- --out .tmp/release');
  const out = resolve(flags.out);
  const targets = flags.targets ? targetsNamed(flags.targets.split(',').map((name) => name.trim())) : TARGETS;
  const files = await buildReleaseFiles({ root: ROOT, out, targets, skipBuild: flags['skip-build'], steps });
  const { version, binaries, sums, ran, hostBinary } = files;

  const work = await mkdtemp(join(tmpdir(), 'ocikit-release-'));
  let registry;
  try {
    let registryHost = flags.registry;
    if (!registryHost) {
      steps.step('registry (docker-registry on loopback, standing in for ghcr.io)');
      const { startRegistry } = await import('../../test/harness/registry-process.ts');
      registry = await startRegistry();
      registryHost = registry.host;
      steps.done(registryHost);
    }
    if (hostBinary) steps.log(`   (ocikit is run by ${hostTarget().file}, the binary just built)`);

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(join(work, 'release.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(join(work, 'release.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    const pushed = await pushRelease({
      dir: out,
      repository: `${registryHost}/${flags.repository}`,
      version,
      binaries,
      sums,
      ocikit: ocikitRunner({ root: ROOT, binary: hostBinary, cwd: out }),
      // --no-tlog and no trusted root here: the key is what vouches (cosign's --insecure-ignore-tlog).
      sign: ['--key', join(work, 'release.key'), '--no-tlog'],
      verify: ['--key', join(work, 'release.pub'), '--insecure-ignore-tlog'],
      pullDir: join(work, 'pulled'),
      steps,
    });

    const summary = {
      version,
      out,
      files: Object.fromEntries(sums),
      index: { reference: pushed.released.reference, digest: pushed.released.digest, platforms: pushed.released.artifacts.map((a) => a.platform) },
      sbom: { digest: pushed.sbom.digest, artifactType: pushed.sbom.artifactType },
      signature: { digest: pushed.signature.digest, key: 'throwaway (dry run)' },
      ranHere: ran,
      ...(pushed.pulled ? { pulled: pushed.pulled } : {}),
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else steps.log(`\nrelease ${version} dry run: ${sums.size} files in ${out}, index ${pushed.released.reference}`);
  } finally {
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`error: release dry run failed: ${error.message}\n`);
  process.exitCode = 1;
});
