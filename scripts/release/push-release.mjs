// A release's binaries into a registry with ocikit's own verbs, as its users push
// theirs: `release` (one multi-platform index, tagged with the version), `attach` (the
// SBOM, as the index's referrer, signed too), `sign`, `verify` (both signatures), then
// `pull` of this machine's binary, whose sha256 must be the one in SHA256SUMS. The dry
// run signs with a throwaway key; the release workflow keyless, with its OIDC identity.
import { join } from 'node:path';
import { sha256File } from './checksums.mjs';
import { run } from './run.mjs';
import { SBOM_FILE, SBOM_MEDIA_TYPE } from './sbom.mjs';
import { hostTarget } from './targets.mjs';

export const SOURCE = 'https://github.com/ocikit/ocikit';

/**
 * `ocikit <args> --json` run in `cwd`, its result parsed: by `binary` (a standalone
 * binary of the release) when given, else by the CLI of this checkout.
 */
export function ocikitRunner({ root, binary, cwd }) {
  const [command, prefix] = binary ? [binary, []] : [process.execPath, [join(root, 'packages', 'cli', 'bin', 'ocikit.js')]];
  return async (args) => JSON.parse(await run(command, [...prefix, ...args, '--json'], { cwd }));
}

/**
 * Pushes `binaries` ([{ target, file }], files in `dir`) and the SBOM in `dir` to
 * `repository` (registry/repository, no tag) as `<repository>:<version>`.
 * `sign`: the signing flags of `ocikit sign` (`--key <file> --no-tlog`, or `--keyless`);
 * `verify`: the flags of `ocikit verify` that must accept what was signed.
 * `pullDir`: where this machine's binary is pulled back to.
 */
export async function pushRelease({ dir, repository, version, binaries, sums, ocikit, sign, verify, source = SOURCE, pullDir, steps }) {
  const { step, done } = steps;
  const reference = `${repository}:${version}`;

  step(`ocikit release ${reference}`);
  const released = await ocikit([
    'release',
    reference,
    ...binaries.map((b) => `${b.target.file}=${b.target.platform}`),
    '--annotation',
    `org.opencontainers.image.version=${version}`,
    '--annotation',
    `org.opencontainers.image.source=${source}`,
  ]);
  for (const artifact of released.artifacts) {
    const name = artifact.file.split('/').pop();
    if (artifact.layer?.digest !== `sha256:${sums.get(name)}`) throw new Error(`${name} was pushed as ${artifact.layer?.digest}, not the sha256 in SHA256SUMS`);
  }
  const subject = `${repository}@${released.digest}`;
  done(`index ${released.digest}: ${released.artifacts.map((a) => a.platform).join(', ')}`);

  step(`ocikit attach --sign (the SBOM) and ocikit sign (the index): ${sign.join(' ')}`);
  const sbom = await ocikit(['attach', subject, `${join(dir, SBOM_FILE)}:${SBOM_MEDIA_TYPE}`, '--sign', ...sign]);
  const signature = await ocikit(['sign', subject, ...sign]);
  done(`SBOM ${sbom.digest} (signature ${sbom.signature?.digest}), index signature ${signature.digest}`);

  step(`ocikit verify ${verify.join(' ')}`);
  await ocikit(['verify', subject, ...verify]);
  await ocikit(['verify', `${repository}@${sbom.digest}`, ...verify]);
  done('the index and the SBOM: verified');

  const host = hostTarget();
  let pulled;
  if (host && binaries.some((b) => b.target === host)) {
    step(`ocikit pull --platform ${host.platform}`);
    await ocikit(['pull', reference, '--platform', host.platform, '--output', pullDir]);
    const pulledSum = await sha256File(join(pullDir, host.file));
    if (pulledSum !== sums.get(host.file)) throw new Error(`the pulled ${host.file} has sha256 ${pulledSum}, not the one in SHA256SUMS`);
    pulled = host.file;
    done(`${host.file}: the sha256 in SHA256SUMS`);
  }
  return { reference, released, sbom, signature, pulled };
}
