// The release dry run (`npm run release:dry-run`, scripts/release/dry-run.mjs) as the
// suite runs it: the linux-x64 standalone binary only (the three take ~45 s; the dry run
// itself builds all), against the harness's registry. Checked from outside: the files and
// SHA256SUMS with coreutils, the SBOM against the bundle, what the registry holds with
// oras, and the binary run end to end with no `node` on PATH.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { accessSync, readFileSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';
import { oras } from '../harness/peer-tools.js';
import { run } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const BINARY = 'ocikit-linux-x64';

interface DryRunSummary {
  version: string;
  files: Record<string, string>;
  index: { reference: string; digest: string; platforms: string[] };
  sbom: { digest: string; artifactType: string };
  signature: { digest: string };
  ranHere: string[];
  pulled?: string;
}
interface SbomModule {
  bundledPackages(bundleDir: string): Promise<string[]>;
  sbomPackages(sbom: unknown): string[];
}

let out: string;
let summary: DryRunSummary;
let log: string;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  assertCliBuilt();
  out = makeTempDir('ocikit-release-');
  const result = await run(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'release', 'dry-run.mjs'), '--out', out, '--registry', registry.host, '--targets', 'linux-x64', '--skip-build', '--json'],
    { cwd: REPO_ROOT, timeoutMs: 170_000 },
  );
  log = result.stderr;
  if (result.code !== 0) throw new Error(`the dry run failed (exit ${result.code}):\n${result.stderr}`);
  summary = JSON.parse(result.stdout) as DryRunSummary;
}, 180_000);

describe('the release files', () => {
  it('are the binary, the two npm tarballs, the SBOM and SHA256SUMS, nothing else', () => {
    expect(readdirSync(out).sort()).toEqual(
      ['SHA256SUMS', BINARY, `ocikit-cli-${version}.tgz`, `ocikit-core-${version}.tgz`, 'ocikit-cli.cdx.json'].sort(),
    );
    accessSync(join(out, BINARY), 0o1); // executable
    expect(summary.version).toBe(version);
  });

  it('SHA256SUMS lists every other file, and sha256sum -c agrees', async () => {
    const lines = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => line.split('  ')[1]).sort()).toEqual(readdirSync(out).filter((name) => name !== 'SHA256SUMS').sort());
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{64} {2}\S+$/);
    const checked = await run('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: out });
    expect({ code: checked.code, stderr: checked.stderr }).toEqual({ code: 0, stderr: '' });
    expect(checked.stdout.trim().split('\n')).toHaveLength(lines.length);
  });

  it('the SBOM is CycloneDX from the lockfile and names @ocikit/cli and every package the bundle carries', async () => {
    const sbom = JSON.parse(await readFile(join(out, 'ocikit-cli.cdx.json'), 'utf8')) as { bomFormat: string; specVersion: string; metadata: { tools?: unknown } };
    expect(sbom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(JSON.stringify(sbom.metadata.tools)).toContain('cyclonedx-npm');
    const { bundledPackages, sbomPackages } = (await import(join(REPO_ROOT, 'scripts', 'release', 'sbom.mjs'))) as SbomModule;
    const named = sbomPackages(sbom);
    expect(named).toContain(`@ocikit/cli@${version}`);
    expect(named).toContain(`@ocikit/core@${version}`);
    const bundled = await bundledPackages(join(REPO_ROOT, 'packages', 'cli', 'bundle'));
    expect(bundled).toEqual(expect.arrayContaining([expect.stringMatching(/^undici@/), expect.stringMatching(/^@sigstore\/sign@/), expect.stringMatching(/^commander@/)]));
    expect(bundled.filter((p) => !named.includes(p))).toEqual([]);
  });

  it('the binary ran (its --version is the release version) and came back from the registry byte for byte', () => {
    expect(summary.ranHere).toEqual(['linux-x64']);
    expect(summary.pulled).toBe(BINARY);
    expect(log).toContain(`run by ${BINARY}`); // the release was pushed by the standalone binary itself
  });
});

describe('what the dry run pushed, as oras reads it', () => {
  it('one index with the binary for linux/amd64, tagged with the version; the layer is the file as SHA256SUMS has it', async () => {
    const reference = `${registry.host}/ocikit/ocikit/cli:${version}`;
    const index = JSON.parse((await oras(['manifest', 'fetch', '--plain-http', reference])).stdout) as {
      mediaType: string;
      manifests: Array<{ digest: string; platform: { os: string; architecture: string } }>;
      annotations: Record<string, string>;
    };
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m) => m.platform)).toEqual([{ os: 'linux', architecture: 'amd64' }]);
    expect(index.annotations['org.opencontainers.image.version']).toBe(version);

    const pulledDir = makeTempDir();
    await oras(['pull', '--plain-http', '-o', pulledDir, `${registry.host}/ocikit/ocikit/cli@${index.manifests[0]!.digest}`]);
    expect(sha256(await readFile(join(pulledDir, BINARY)))).toBe(summary.files[BINARY]);
  });

  it('the SBOM and the signature are the index\'s referrers', async () => {
    const discovered = JSON.parse(
      (await oras(['discover', '--plain-http', '--format', 'json', `${registry.host}/ocikit/ocikit/cli@${summary.index.digest}`])).stdout,
    ) as { referrers: Array<{ digest: string; artifactType: string }> };
    const byType = Object.fromEntries(discovered.referrers.map((r) => [r.artifactType, r.digest]));
    expect(byType['application/vnd.cyclonedx+json']).toBe(summary.sbom.digest);
    expect(byType['application/vnd.dev.sigstore.bundle.v0.3+json']).toBe(summary.signature.digest);
  });
});

describe('the standalone binary', () => {
  /** The binary with PATH holding one empty directory: no node, nothing else either. */
  const standalone = (args: string[], cwd: string) => {
    const emptyBin = makeTempDir('ocikit-empty-path-');
    expect(readdirSync(emptyBin)).toEqual([]);
    return run(join(out, BINARY), args, { cwd, input: '', env: { PATH: emptyBin, HOME: cwd } });
  };

  it('pushes to the registry and pulls back with no node on PATH', async () => {
    const work = makeTempDir();
    const payload = Buffer.from(`standalone ${version}\n`.repeat(1000));
    await writeFile(join(work, 'payload.txt'), payload);
    const reference = `${registry.host}/standalone/payload:v1`;

    const pushed = await standalone(['push', '--json', reference, 'payload.txt'], work);
    expect({ code: pushed.code, stderr: pushed.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
    const pulled = await standalone(['pull', reference, '-o', 'out'], work);
    expect({ code: pulled.code, stderr: pulled.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
    expect((await readFile(join(work, 'out', 'payload.txt'))).equals(payload)).toBe(true);
  });

  it('pulls the release index for its own platform: the binary it gets is itself', async () => {
    const work = makeTempDir();
    const pulled = await standalone(['pull', `${registry.host}/ocikit/ocikit/cli:${version}`, '-o', 'got'], work);
    expect(pulled.code).toBe(0);
    expect(sha256(await readFile(join(work, 'got', BINARY)))).toBe(summary.files[BINARY]);
    const again = await run(join(work, 'got', BINARY), ['--version'], { input: '', env: { PATH: makeTempDir() } });
    expect({ stdout: again.stdout.trim(), stderr: again.stderr }).toEqual({ stdout: version, stderr: '' }); // no ExperimentalWarning either
  });

  it('fails as the CLI fails: a usage error exits 2 with the hint', async () => {
    const result = await standalone(['pull'], makeTempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'reference'/);
  });
});
