// The npm packages of a release, as `npm pack` makes them (scripts/release/npm-packages.mjs,
// what the dry run writes and `npm publish` uploads): exactly the files each needs, the
// metadata npm and provenance read, the CLI installing from its tarball with no network,
// and core's tarball importable by name with its README's example.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';

interface PackedPackage {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}
interface NpmPackagesModule {
  packNpmPackages(root: string, options: { outDir?: string; dryRun?: boolean }): Promise<PackedPackage[]>;
}
const npmPackages = async (): Promise<NpmPackagesModule> =>
  (await import(join(REPO_ROOT, 'scripts', 'release', 'npm-packages.mjs'))) as NpmPackagesModule;

const manifestOf = (name: 'core' | 'cli') =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages', name, 'package.json'), 'utf8')) as Record<string, unknown> & { version: string };

/** Every .ts file of a package's src/ but tests, as paths relative to src/ without the extension. */
function sourceModules(name: string): string[] {
  const src = join(REPO_ROOT, 'packages', name, 'src');
  return (readdirSync(src, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.test\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, '').split('\\').join('/'));
}

let listed: Map<string, string[]>;
let tarballs: Map<string, string>;

beforeAll(async () => {
  assertCliBuilt();
  const { packNpmPackages } = await npmPackages();
  const dryRun = await packNpmPackages(REPO_ROOT, { dryRun: true });
  listed = new Map(dryRun.map((p) => [p.name, p.files.map((f) => f.path).sort()]));
  const outDir = makeTempDir('ocikit-npm-pack-');
  const packed = await packNpmPackages(REPO_ROOT, { outDir });
  tarballs = new Map(packed.map((p) => [p.name, join(outDir, p.filename)]));
}, 60_000);

describe('npm pack --dry-run', () => {
  it('lists exactly what @ocikit/core needs: each module compiled, with its types, and no maps, tests or build info', () => {
    const modules = sourceModules('core');
    expect(modules).toContain('index');
    const expected = [...modules.flatMap((m) => [`dist/${m}.js`, `dist/${m}.d.ts`]), 'LICENSE', 'README.md', 'package.json'].sort();
    // A file in dist/ that no module makes any more (a renamed source) shows up here too: rebuild from a clean dist/.
    expect(listed.get('@ocikit/core')).toEqual(expected);
  });

  it('lists exactly what @ocikit/cli needs: the bin and the bundle with its chunks and licenses', () => {
    const bundle = readdirSync(join(REPO_ROOT, 'packages', 'cli', 'bundle')).sort();
    const chunks = bundle.filter((name) => /^\d+\.index\.js$/.test(name));
    expect(chunks.length).toBeGreaterThan(0);
    expect(bundle).toEqual(['licenses.txt', 'main.js', 'package.json', ...chunks].sort());
    const expected = ['bin/ocikit.js', ...bundle.map((name) => `bundle/${name}`), 'LICENSE', 'README.md', 'package.json'].sort();
    expect(listed.get('@ocikit/cli')).toEqual(expected);
  });

  it('lists no source, source map, test or tsbuildinfo in either package', () => {
    for (const [name, files] of listed) {
      expect({ name, unwanted: files.filter((f) => /\.map$|tsbuildinfo|\.test\.|(^|\/)src\/|\.ts$/.test(f) && !f.endsWith('.d.ts')) }).toEqual({ name, unwanted: [] });
    }
  });
});

describe('package.json of the published packages', () => {
  it.each(['core', 'cli'] as const)('@ocikit/%s: repository, engines, license, public access; its LICENSE is the repository\'s', (name) => {
    const manifest = manifestOf(name);
    expect(manifest.name).toBe(`@ocikit/${name}`);
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('Apache-2.0');
    // npm publish --provenance requires repository.url to be the repository the workflow runs in.
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/ocikit/ocikit.git', directory: `packages/${name}` });
    expect(manifest.engines).toEqual({ node: '>=24' });
    expect(manifest.publishConfig).toEqual({ access: 'public' });
    expect(readFileSync(join(REPO_ROOT, 'packages', name, 'LICENSE'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'));
    expect(readFileSync(join(REPO_ROOT, 'packages', name, 'README.md'), 'utf8')).toMatch(new RegExp(`^# @ocikit/${name}\\n`));
  });

  it('one version: core, the CLI and the version core reports', () => {
    const versionSource = readFileSync(join(REPO_ROOT, 'packages', 'core', 'src', 'version.ts'), 'utf8');
    expect(manifestOf('cli').version).toBe(manifestOf('core').version);
    expect(versionSource).toContain(`OCIKIT_VERSION = '${manifestOf('core').version}'`);
  });

  it('the CLI declares no dependency to install: the bundle carries them all', () => {
    const manifest = manifestOf('cli');
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
  });
});

describe('the @ocikit/cli tarball', () => {
  it('installs with no network into an empty prefix, and its ocikit pushes to an OCI layout and pulls back', async () => {
    const prefix = makeTempDir('ocikit-prefix-');
    const work = makeTempDir();
    // An empty cache and a registry that cannot answer: anything npm had to fetch would fail.
    const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: makeTempDir('ocikit-npm-cache-') };
    const installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarballs.get('@ocikit/cli')!], { cwd: work, env });
    expect({ code: installed.code, stderr: installed.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/ERR/) });
    expect(readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@ocikit']);

    const ocikit = join(prefix, 'node_modules', '.bin', 'ocikit');
    const path = `${dirname(process.execPath)}:${process.env.PATH}`;
    const cli = (args: string[]) => run(ocikit, args, { cwd: work, env: { ...process.env, PATH: path }, input: '' });
    expect((await cli(['--version'])).stdout.trim()).toBe(manifestOf('cli').version);

    await writeFile(join(work, 'notes.txt'), 'installed from the tarball\n');
    const pushed = await cli(['push', '--json', 'oci-layout:layout:v1', 'notes.txt']);
    expect({ code: pushed.code, stderr: pushed.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(JSON.parse(pushed.stdout)).toMatchObject({ digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const index = JSON.parse(await readFile(join(work, 'layout', 'index.json'), 'utf8')) as { manifests: Array<{ annotations?: Record<string, string> }> };
    expect(index.manifests.map((m) => m.annotations?.['org.opencontainers.image.ref.name'])).toEqual(['v1']);

    const pulled = await cli(['pull', 'oci-layout:layout:v1', '-o', 'out']);
    expect(pulled.code).toBe(0);
    expect(await readFile(join(work, 'out', 'notes.txt'), 'utf8')).toBe('installed from the tarball\n');
  });
});

describe('the @ocikit/core tarball', () => {
  it('imports by name with its declared dependencies, and its README example runs as written', async () => {
    const project = makeTempDir('ocikit-core-user-');
    const installedCore = join(project, 'node_modules', '@ocikit', 'core');
    await mkdir(installedCore, { recursive: true });
    const extracted = await run('tar', ['-xzf', tarballs.get('@ocikit/core')!, '-C', installedCore, '--strip-components=1']);
    expect(extracted.code).toBe(0);
    // Its dependencies as npm would install them: the repository's copies (no network here).
    for (const dependency of Object.keys(manifestOf('core').dependencies as Record<string, string>)) {
      const link = join(project, 'node_modules', dependency);
      await mkdir(dirname(link), { recursive: true });
      await symlink(join(REPO_ROOT, 'node_modules', dependency), link);
    }
    const readme = await readFile(join(REPO_ROOT, 'packages', 'core', 'README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("from '@ocikit/core'");
    await writeFile(join(project, 'example.mjs'), example!);
    await writeFile(join(project, 'README.md'), '# a file to push\n');

    const ran = await run(process.execPath, ['example.mjs'], { cwd: project });
    expect({ code: ran.code, stderr: ran.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ran.stdout.trim()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(existsSync(join(project, 'layout', 'index.json'))).toBe(true);
    expect(relative(project, installedCore)).toBe(join('node_modules', '@ocikit', 'core'));
  });
});
