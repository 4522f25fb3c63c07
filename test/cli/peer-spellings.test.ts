// The spellings users bring from the tools they know: `ocikit cp` as `oras cp`, and
// `ocikit helm pull -d/--destination` as `helm pull` takes it (the real helm, given
// the same arguments, writes the same file), against a real registry.
import { describe, expect, it } from '@jest/globals';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ocikit } from '../harness/ocikit-cli.js';
import { helm } from '../harness/peer-tools.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();

describe('ocikit cp', () => {
  it('is copy', async () => {
    const work = makeTempDir();
    await writeFile(join(work, 'a.txt'), 'copied by its alias\n');
    const pushed = await ocikit(['push', `${registry.host}/spell/source:v1`, 'a.txt', '--json'], { cwd: work });
    expect(pushed.code).toBe(0);
    const digest = (JSON.parse(pushed.stdout) as { digest: string }).digest;

    const copied = await ocikit(['cp', `${registry.host}/spell/source:v1`, `${registry.host}/spell/copy:v1`]);
    expect(copied.stderr).not.toContain('error');
    expect(copied.code).toBe(0);
    expect((await ocikit(['resolve', `${registry.host}/spell/copy:v1`])).stdout).toBe(`${digest}\n`);
    expect((await ocikit(['cp', '--help'])).stdout).toMatch(/^Usage: ocikit copy\|cp \[options\] <source> <destination>/);
  });
});

describe('ocikit helm pull -d', () => {
  it('writes where helm pull -d writes; --destination too; refused beside a different -o', async () => {
    const work = makeTempDir();
    await mkdir(join(work, 'hello', 'templates'), { recursive: true });
    await writeFile(join(work, 'hello', 'Chart.yaml'), 'apiVersion: v2\nname: hello\nversion: 0.4.0\n');
    await writeFile(join(work, 'hello', 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
    await helm(['package', join(work, 'hello'), '-d', work]);
    expect((await ocikit(['helm', 'push', join(work, 'hello-0.4.0.tgz'), `oci://${registry.host}/spell/charts`])).code).toBe(0);
    const remote = `oci://${registry.host}/spell/charts/hello`;

    const byHelm = makeTempDir(); // helm writes into a directory that exists
    await helm(['pull', remote, '--version', '0.4.0', '--plain-http', '-d', byHelm]);
    const byOcikit = makeTempDir();
    const pulled = await ocikit(['helm', 'pull', remote, '--version', '0.4.0', '-d', byOcikit]);
    expect(pulled.code).toBe(0);
    expect(await readdir(byOcikit)).toEqual(await readdir(byHelm));
    expect(await readdir(byOcikit)).toEqual(['hello-0.4.0.tgz']);
    expect((await readFile(join(byOcikit, 'hello-0.4.0.tgz'))).equals(await readFile(join(byHelm, 'hello-0.4.0.tgz')))).toBe(true);

    const long = join(makeTempDir(), 'long');
    expect((await ocikit(['helm', 'pull', remote, '--destination', long])).code).toBe(0);
    expect(await readdir(long)).toEqual(['hello-0.4.0.tgz']);

    const both = await ocikit(['helm', 'pull', remote, '-o', join(work, 'a'), '-d', join(work, 'b')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('-o/--output');
    expect(both.stderr).toContain('give one of them');
  });
});
