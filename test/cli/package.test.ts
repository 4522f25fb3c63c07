// @ocikit/cli as npm would publish it (`npm pack`), unpacked where no node_modules
// can be found: what the GitLab components' `npx --package @ocikit/cli` fallback runs,
// and the same bundle the Docker image carries.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

interface PackedFile {
  path: string;
}

let unpacked: string;
let packedFiles: string[];

/** The unpacked package's `ocikit`, run from `cwd` with nothing but node's own modules to find. */
const packagedOcikit = (args: string[], cwd: string) => run(process.execPath, [join(unpacked, 'bin', 'ocikit.js'), ...args], { cwd, input: '' });

beforeAll(async () => {
  assertCliBuilt();
  const dir = makeTempDir('ocikit-pack-');
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: join(REPO_ROOT, 'packages', 'cli') });
  if (packed.code !== 0) throw new Error(`npm pack failed (exit ${packed.code}): ${packed.stderr}`);
  const [report] = JSON.parse(packed.stdout) as Array<{ filename: string; files: PackedFile[] }>;
  packedFiles = report!.files.map((file) => file.path).sort();
  const extracted = await run('tar', ['-xzf', join(dir, report!.filename), '-C', dir]);
  expect(extracted.code).toBe(0);
  unpacked = join(dir, 'package');
});

describe('the packed @ocikit/cli', () => {
  it('holds the bin and the bundle with its licenses, and needs no dependency installed', async () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['bin/ocikit.js', 'bundle/main.js', 'bundle/package.json', 'bundle/licenses.txt']));
    expect(packedFiles.filter((path) => !/^(bin|bundle)\/|^(package\.json|README\.md|LICENSE)$/.test(path))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(unpacked, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.bin).toEqual({ ocikit: 'bin/ocikit.js' });
    expect(manifest.dependencies).toBeUndefined();
    // Every third-party package in the bundle is named with its license text.
    const licenses = await readFile(join(unpacked, 'bundle', 'licenses.txt'), 'utf8');
    for (const name of ['commander@', 'undici@', 'tar@', 'yaml@']) expect(licenses).toContain(`\n${name}`);
  });

  it('pushes a directory to a registry and pulls it back (the lazily loaded undici and tar chunks are in it)', async () => {
    const work = makeTempDir();
    await mkdir(join(work, 'site', 'css'), { recursive: true });
    await writeFile(join(work, 'site', 'index.html'), '<h1>hello</h1>\n');
    await writeFile(join(work, 'site', 'css', 'main.css'), 'h1 { color: teal }\n');
    const reference = `${registry.host}/packed/site:v1`;

    const pushed = await packagedOcikit(['push', '--json', reference, 'site'], work);
    expect(pushed.stderr).not.toMatch(/error/i);
    expect(pushed.code).toBe(0);
    expect((JSON.parse(pushed.stdout) as { digest: string }).digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const pulled = await packagedOcikit(['pull', reference, '-o', 'out'], work);
    expect(pulled.code).toBe(0);
    expect(await readFile(join(work, 'out', 'site', 'css', 'main.css'), 'utf8')).toBe('h1 { color: teal }\n');
  });

  it('says what is missing when the bundle is not there', async () => {
    const bare = makeTempDir();
    await mkdir(join(bare, 'bin'));
    await writeFile(join(bare, 'bin', 'ocikit.js'), await readFile(join(unpacked, 'bin', 'ocikit.js')));
    await writeFile(join(bare, 'package.json'), await readFile(join(unpacked, 'package.json')));
    const result = await run(process.execPath, [join(bare, 'bin', 'ocikit.js'), '--help'], { cwd: bare, input: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: ocikit is not built (bundle/main.js is missing)\n  hint: in a checkout, run `npm run build`\n');
  });
});
