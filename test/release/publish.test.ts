// The release workflow's publish mode (scripts/release/publish.mjs) and the workflow
// itself (.github/workflows/release.yml). `registry` runs here as the workflow runs it,
// keyless included: the job's OIDC token comes from the Sigstore mock's stand-in for
// GitHub's token endpoint, Fulcio and Rekor are the mock's (@sigstore/mock on loopback),
// the registry is the harness's, with the credentials in OCIKIT_USERNAME/OCIKIT_PASSWORD
// as the workflow gives them. The release files are stand-ins (building the real
// binaries is dry-run.test.ts's part): this machine's "binary" is a shell script that
// runs this checkout's CLI, so the release is still pushed by the binary being released.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI_BIN, REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';
import { oras } from '../harness/peer-tools.js';
import { type RunResult, run } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const PUBLISH = join(REPO_ROOT, 'scripts', 'release', 'publish.mjs');
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
const IDENTITY = `https://github.com/ocikit/ocikit/.github/workflows/release.yml@refs/tags/v${version}`;
const ISSUER = 'https://token.actions.githubusercontent.com';
// Whatever token sources the machine running the tests offers are hidden (empty counts as unset).
const NO_OIDC = { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '', SIGSTORE_ID_TOKEN: '', BUILDKITE: '' };

interface ReleaseVersionModule {
  releaseOfTag(tag: string, version: string): { tag: string; version: string; major: string; prerelease: boolean; npmTag: string };
}
interface ChecksumsModule {
  writeChecksums(dir: string, files: string[]): Promise<Map<string, string>>;
}

const publish = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> =>
  run(process.execPath, [PUBLISH, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...NO_OIDC, ...env }, timeoutMs: 90_000 });

describe('publish.mjs check-tag', () => {
  it('takes v<version> of the packages and prints what it publishes, as GITHUB_OUTPUT lines', async () => {
    const result = await publish(['check-tag', `v${version}`]);
    expect(result.code).toBe(0);
    const major = `v${version.split('.')[0]}`;
    expect(result.stdout).toBe(`version=${version}\nmajor=${major}\nprerelease=false\nnpm-tag=latest\n`);
  });

  it('refuses a tag that does not name the packages\' version', async () => {
    const result = await publish(['check-tag', 'v99.0.0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: release check-tag failed: the tag 'v99.0.0' does not name the package version ${version}`);
  });

  it('a prerelease goes to npm as next and moves no major tag', async () => {
    const { releaseOfTag } = (await import(join(REPO_ROOT, 'scripts', 'release', 'release-version.mjs'))) as ReleaseVersionModule;
    expect(releaseOfTag('v1.2.0-rc.1', '1.2.0-rc.1')).toEqual({ tag: 'v1.2.0-rc.1', version: '1.2.0-rc.1', major: 'v1', prerelease: true, npmTag: 'next' });
    expect(releaseOfTag('v2.0.3', '2.0.3')).toMatchObject({ major: 'v2', prerelease: false, npmTag: 'latest' });
    expect(() => releaseOfTag('2.0.3', '2.0.3')).toThrow("the tag '2.0.3' does not name the package version 2.0.3");
  });
});

describe('publish.mjs registry (keyless, against the Sigstore mock)', () => {
  const registry = useRegistry({ auth: 'basic' });
  let user: string;
  let password: string;
  let mock: SigstoreMock;
  let dir: string;
  let trustedRoots: string;
  const repository = () => `${registry.host}/ocikit/ocikit/cli`;
  const github = () => ({
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken,
    OCIKIT_USERNAME: user,
    OCIKIT_PASSWORD: password,
  });
  const registryStep = (identity = IDENTITY, releaseDir = dir) =>
    publish(
      ['registry', '--dir', releaseDir, '--repository', repository(), '--trusted-root', trustedRoots, '--certificate-identity', identity, '--certificate-oidc-issuer', ISSUER, '--fulcio-url', mock.url, '--rekor-url', mock.url, '--json'],
      github(),
    );

  /** A release directory as the build job's artifact arrives: every file, SHA256SUMS, and no file mode kept. */
  async function releaseDir(): Promise<string> {
    const out = makeTempDir('ocikit-publish-');
    await writeFile(join(out, 'ocikit-linux-x64'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`);
    await writeFile(join(out, 'ocikit-linux-arm64'), 'stand-in for the linux-arm64 binary\n');
    await writeFile(join(out, 'ocikit-win-x64.exe'), 'stand-in for the win-x64 binary\n');
    await writeFile(join(out, `ocikit-cli-${version}.tgz`), 'stand-in tarball\n');
    await writeFile(join(out, `ocikit-core-${version}.tgz`), 'stand-in tarball\n');
    await writeFile(join(out, 'ocikit-cli.cdx.json'), `${JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [] })}\n`);
    for (const name of ['ocikit-linux-x64', 'ocikit-linux-arm64', 'ocikit-win-x64.exe']) await chmod(join(out, name), 0o644);
    const { writeChecksums } = (await import(join(REPO_ROOT, 'scripts', 'release', 'checksums.mjs'))) as ChecksumsModule;
    await writeChecksums(out, ['ocikit-linux-x64', 'ocikit-linux-arm64', 'ocikit-win-x64.exe', `ocikit-cli-${version}.tgz`, `ocikit-core-${version}.tgz`, 'ocikit-cli.cdx.json']);
    return out;
  }

  beforeAll(async () => {
    assertCliBuilt();
    [user, password] = Object.entries(registry.users)[0]!;
    mock = await startSigstoreMock({ oidcToken: unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY }) });
    dir = await releaseDir();
    // As `gh attestation trusted-root` prints them: one JSON line per instance; the one of the Rekor used is taken.
    const decoy = { ...mock.trustedRoot, tlogs: [{ baseUrl: 'https://rekor.github.com' }] };
    trustedRoots = join(makeTempDir(), 'trusted_root.jsonl');
    await writeFile(trustedRoots, `${JSON.stringify(decoy)}\n${JSON.stringify(mock.trustedRoot)}\n`);
  });
  afterAll(async () => {
    await mock.close();
  });

  it('pushes the index with the release\'s own binary, attaches the SBOM, signs both keyless, verifies them and pulls the binary back', async () => {
    const result = await registryStep();
    expect({ code: result.code, stderr: result.stderr.match(/^error.*$/m)?.[0] }).toEqual({ code: 0, stderr: undefined });
    const summary = JSON.parse(result.stdout) as { reference: string; index: string; sbom: string; signature: string; pulled: string };
    expect(summary).toMatchObject({ reference: `${repository()}:${version}@${summary.index}`, pulled: 'ocikit-linux-x64' });
    expect(result.stderr).toContain('ocikit verify --certificate-identity');
    expect(mock.oidc.audiences.length).toBeGreaterThanOrEqual(2);

    const plain = ['--plain-http', '-u', user, '-p', password];
    const index = JSON.parse((await oras(['manifest', 'fetch', ...plain, `${repository()}:${version}`])).stdout) as { manifests: Array<{ digest: string; platform: { os: string; architecture: string } }> };
    expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64']);
    // The artifact download lost the executable bit; the index records it again (pull restores it).
    const linux = JSON.parse((await oras(['manifest', 'fetch', ...plain, `${repository()}@${index.manifests[0]!.digest}`])).stdout) as { layers: Array<{ annotations: Record<string, string> }> };
    expect(linux.layers[0]!.annotations['io.ocikit.file.mode']).toBe('0755');

    const referrers = JSON.parse((await oras(['discover', ...plain, '--format', 'json', `${repository()}@${summary.index}`])).stdout) as { referrers: Array<{ digest: string; artifactType: string }> };
    const byType = Object.fromEntries(referrers.referrers.map((r) => [r.artifactType, r.digest]));
    expect(byType).toEqual({ 'application/vnd.cyclonedx+json': summary.sbom, 'application/vnd.dev.sigstore.bundle.v0.3+json': summary.signature });
  });

  it('fails when the signature is not by the identity the workflow expects', async () => {
    const fork = 'https://github.com/evil/fork/.github/workflows/release.yml@refs/tags/v0.0.1';
    const result = await registryStep(fork);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n== ocikit verify --certificate-identity https:\/\/github\.com\/evil\/fork\/[^\n]*\nerror: release registry failed: .*\n.*refused \(identity\)\n$/);
  });

  it('refuses a release directory that does not match its SHA256SUMS, before anything is pushed', async () => {
    const tampered = await releaseDir();
    await writeFile(join(tampered, 'ocikit-linux-arm64'), 'something else\n');
    const before = mock.oidc.audiences.length;
    const result = await registryStep(IDENTITY, tampered);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not match its SHA256SUMS: ocikit-linux-arm64 is [0-9a-f]{64}, not [0-9a-f]{64}\n/);
    expect(result.stderr).not.toContain('== ocikit release');
    expect(mock.oidc.audiences.length).toBe(before);
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { needs?: string[] | string; if?: string; permissions?: Record<string, string>; steps: Array<{ run?: string; uses?: string }> }>;
  };
  const jobs = workflow.jobs;

  /** GitHub's filter pattern as a regular expression (the subset used: `[0-9]`, `+` after it, `*`, literal dots). */
  const tagPattern = (pattern: string) => new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);

  it('starts on release tags only, not on the major tag it moves', () => {
    const starts = (tag: string) => workflow.on.push.tags.some((p) => tagPattern(p).test(tag));
    expect(['v1.2.3', 'v0.1.0', 'v1.2.3-rc.1', 'v10.20.30'].filter((t) => !starts(t))).toEqual([]);
    expect(['v1', 'v0', 'latest', '1.2.3', 'v1.2'].filter(starts)).toEqual([]);
  });

  it('grants nothing by default and each job only what it needs', () => {
    expect(workflow.permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
      version: { contents: 'read' },
      test: { contents: 'read' },
      build: { contents: 'read' },
      npm: { 'id-token': 'write' },
      'github-release': { contents: 'write' },
      registry: { contents: 'read', packages: 'write', 'id-token': 'write' },
      'major-tag': { contents: 'write' },
    });
  });

  it('publishes only after the suite and the build, and moves the major tag last, for a release only', () => {
    for (const name of ['npm', 'github-release', 'registry']) expect(jobs[name]!.needs).toEqual(expect.arrayContaining(['version', 'test', 'build']));
    expect(jobs['major-tag']!.needs).toEqual(expect.arrayContaining(['npm', 'github-release', 'registry']));
    expect(jobs['major-tag']!.if).toBe("needs.version.outputs.prerelease == 'false'");
  });

  it('runs publish.mjs commands that exist, signs keyless, never with a key', () => {
    const script = readFileSync(PUBLISH, 'utf8');
    const runs = Object.values(jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    const commands = runs.flatMap((text) => [...text.matchAll(/scripts\/release\/publish\.mjs (\S+)/g)].map((m) => m[1]!));
    expect(commands.sort()).toEqual(['check-tag', 'files', 'registry']);
    for (const command of commands) expect(script).toContain(`  ${command.includes('-') ? `'${command}'` : command}: {`);
    expect(runs.join('\n')).not.toMatch(/--key\b|cosign\.key|PRIVATE KEY/);
    expect(runs.join('\n')).toMatch(/npm publish .*--provenance/);
  });
});
