#!/usr/bin/env node
// The release workflow's steps (.github/workflows/release.yml), made of the dry run's
// own modules so that what the dry run checks here is what a release publishes:
//
//   node scripts/release/publish.mjs check-tag <tag>
//       the tag must be v<version> of the packages; prints version=, major=, prerelease=
//       and npm-tag= lines for GITHUB_OUTPUT
//   node scripts/release/publish.mjs files --out <dir> [--targets ...] [--skip-build]
//       every release file into <dir> (release-files.mjs): nothing is published
//   node scripts/release/publish.mjs registry --dir <dir> --repository <registry/repo>
//       --trusted-root <file> --certificate-identity <id> --certificate-oidc-issuer <url>
//       [--fulcio-url <url>] [--rekor-url <url>]
//       the files in <dir> (checked against their SHA256SUMS first) into the registry
//       (push-release.mjs), run by the release's own binary for this machine; signed
//       keyless with the job's OIDC identity and verified against that identity.
//
// Credentials for the registry come as for any ocikit command (OCIKIT_USERNAME and
// OCIKIT_PASSWORD in the workflow). No key is ever taken: a release is signed keyless.
import { readFile, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkChecksums } from './checksums.mjs';
import { ocikitRunner, pushRelease } from './push-release.mjs';
import { releaseOfTag, releaseVersion } from './release-version.mjs';
import { stepLog } from './steps.mjs';
import { TARGETS, hostTarget, targetsNamed } from './targets.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_REKOR = 'https://rekor.sigstore.dev';
const steps = stepLog();

const COMMANDS = {
  'check-tag': {
    options: {},
    async run(_, [tag]) {
      if (!tag) throw new Error('check-tag needs the tag\n  hint: node scripts/release/publish.mjs check-tag "$GITHUB_REF_NAME"');
      const release = releaseOfTag(tag, await releaseVersion(ROOT));
      for (const key of ['version', 'major', 'prerelease', 'npmTag']) process.stdout.write(`${key === 'npmTag' ? 'npm-tag' : key}=${release[key]}\n`);
      steps.log(`${tag}: version ${release.version}${release.prerelease ? ' (a prerelease: npm tag next, no major tag)' : `, npm tag latest, major tag ${release.major}`}`);
    },
  },
  files: {
    options: { out: { type: 'string' }, targets: { type: 'string' }, 'skip-build': { type: 'boolean', default: false } },
    async run(flags) {
      if (!flags.out) throw new Error('files needs --out <dir>');
      const targets = flags.targets ? targetsNamed(flags.targets.split(',').map((name) => name.trim())) : TARGETS;
      // Loaded here: it needs the dependencies (npm ci), which the registry step does without.
      const { buildReleaseFiles } = await import('./release-files.mjs');
      const built = await buildReleaseFiles({ root: ROOT, out: resolve(flags.out), targets, skipBuild: flags['skip-build'], steps });
      steps.log(`\nrelease ${built.version}: ${built.sums.size} files in ${resolve(flags.out)}`);
    },
  },
  registry: {
    options: {
      dir: { type: 'string' },
      repository: { type: 'string' },
      'trusted-root': { type: 'string' },
      'certificate-identity': { type: 'string' },
      'certificate-oidc-issuer': { type: 'string' },
      'fulcio-url': { type: 'string' },
      'rekor-url': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    async run(flags) {
      for (const name of ['dir', 'repository', 'trusted-root', 'certificate-identity', 'certificate-oidc-issuer']) {
        if (!flags[name]) throw new Error(`registry needs --${name}`);
      }
      const dir = resolve(flags.dir);
      steps.step(`SHA256SUMS of ${dir}`);
      const sums = await checkChecksums(dir);
      const missing = TARGETS.filter((t) => !sums.has(t.file)).map((t) => t.file);
      if (missing.length > 0) throw new Error(`${dir} has no ${missing.join(', ')}\n  hint: a release ships every target: build them all (publish.mjs files without --targets)`);
      const binaries = TARGETS.map((target) => ({ target, file: join(dir, target.file) }));
      // Artifact storage keeps no file mode; the index records it, and pull restores it.
      for (const { target, file } of binaries) await chmod(file, target.file.endsWith('.exe') ? 0o644 : 0o755);
      steps.done(`${sums.size} files, as listed`);

      const host = hostTarget();
      if (!host) throw new Error(`the registry step runs the release's own binary: run it on ${TARGETS.map((t) => t.name).join(', ')}, not ${process.platform}-${process.arch}`);
      const version = await releaseVersion(ROOT);
      const rekor = flags['rekor-url'] ?? DEFAULT_REKOR;
      const work = await mkdtemp(join(tmpdir(), 'ocikit-publish-'));
      try {
        const trustedRoot = join(work, 'trusted_root.json');
        await writeFile(trustedRoot, JSON.stringify(await trustedRootOf(flags['trusted-root'], rekor)));
        const urls = [...(flags['fulcio-url'] ? ['--fulcio-url', flags['fulcio-url']] : []), ...(flags['rekor-url'] ? ['--rekor-url', flags['rekor-url']] : [])];
        const pushed = await pushRelease({
          dir,
          repository: flags.repository,
          version,
          binaries,
          sums,
          ocikit: ocikitRunner({ root: ROOT, binary: join(dir, host.file), cwd: dir }),
          sign: ['--keyless', ...urls],
          verify: ['--certificate-identity', flags['certificate-identity'], '--certificate-oidc-issuer', flags['certificate-oidc-issuer'], '--trusted-root', trustedRoot],
          pullDir: join(work, 'pulled'),
          steps,
        });
        const summary = { reference: `${pushed.reference}@${pushed.released.digest}`, index: pushed.released.digest, sbom: pushed.sbom.digest, signature: pushed.signature.digest, pulled: pushed.pulled };
        if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else steps.log(`\npublished ${summary.reference}, signed keyless by ${flags['certificate-identity']}`);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  },
};

/**
 * The trusted root for signatures logged in `rekorUrl`, from `file`: a trusted_root.json,
 * or the JSON lines `gh attestation trusted-root` prints (Sigstore's public-good instance
 * and GitHub's own), of which the one whose transparency logs include `rekorUrl`.
 */
async function trustedRootOf(file, rekorUrl) {
  if (!existsSync(file)) throw new Error(`--trusted-root ${file} does not exist\n  hint: gh attestation trusted-root > ${file}`);
  const text = (await readFile(file, 'utf8')).trim();
  let roots;
  try {
    roots = [JSON.parse(text)];
  } catch {
    try {
      roots = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
    } catch (error) {
      throw new Error(`--trusted-root ${file} is neither JSON nor JSON lines (${error.message})`);
    }
  }
  const matching = roots.filter((root) => (root.tlogs ?? []).some((log) => log.baseUrl === rekorUrl));
  if (matching.length !== 1) {
    throw new Error(`--trusted-root ${file} has ${matching.length} trusted roots with the transparency log ${rekorUrl} (of ${roots.length}), not one\n  hint: the public-good instance's comes from \`gh attestation trusted-root\``);
  }
  return matching[0];
}

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const command = COMMANDS[name];
  if (!command) throw new Error(`no command '${name ?? ''}'\n  hint: one of ${Object.keys(COMMANDS).join(', ')}`);
  const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true });
  await command.run(values, positionals);
}

main().catch((error) => {
  process.stderr.write(`error: release ${process.argv[2] ?? ''} failed: ${error.message}\n`);
  process.exitCode = 1;
});
