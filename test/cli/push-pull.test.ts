import { describe, expect, it } from '@jest/globals';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ocikit } from '../harness/ocikit-cli.js';
import { makeTree, snapshotTree } from '../harness/fixtures.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry({ auth: 'basic' });
const PASSWORD = 'the-s3cret-pass';

async function catalog(): Promise<string[]> {
  const response = await fetch(`${registry.url}/v2/_catalog`, {
    headers: { authorization: `Basic ${Buffer.from(`ocikit:${PASSWORD}`).toString('base64')}` },
  });
  return ((await response.json()) as { repositories: string[] }).repositories;
}

describe('ocikit push and pull (CLI)', () => {
  it('lists its verbs and the remote flags', async () => {
    const help = await ocikit(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/push \[options\] <reference> \[files\.\.\.\]/);
    expect(help.stdout).toMatch(/pull \[options\] <reference>/);
    const pushHelp = await ocikit(['push', '--help']);
    for (const flag of ['--username', '--password-stdin', '--plain-http', '--insecure', '--concurrency', '--json', '--artifact-type', '--annotation-file']) {
      expect(pushHelp.stdout).toContain(flag);
    }
  });

  it('pushes with --password-stdin, prints clean JSON, and pulls back the same tree', async () => {
    const work = makeTempDir();
    await makeTree(work, 'site');
    await writeFile(join(work, 'app.txt'), 'v1\n');
    const ref = `${registry.host}/cli/app:v1`;
    const push = await ocikit(['push', ref, 'app.txt:text/plain', 'site', '-u', 'ocikit', '--password-stdin', '--json', '-a', 'com.example.k=v=w'], {
      cwd: work,
      input: `${PASSWORD}\n`,
      env: { CI: 'true' },
    });
    expect(push.stderr).not.toContain('error');
    expect(push.code).toBe(0);
    const result = JSON.parse(push.stdout);
    expect(result.reference).toBe(`${ref}@${result.digest}`);
    expect(result.layers.map((l: { annotations: Record<string, string> }) => l.annotations['org.opencontainers.image.title'])).toEqual(['app.txt', 'site']);
    expect(result.layers[0].mediaType).toBe('text/plain');
    // Progress goes to stderr as plain lines in CI.
    expect(push.stderr).toMatch(/^uploaded\s+app\.txt 3 B sha256:/m);

    const out = makeTempDir();
    const pull = await ocikit(['pull', ref, '-o', out, '-u', 'ocikit', '-p', PASSWORD]);
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain(`Digest: ${result.digest}`);
    expect(await readFile(join(out, 'app.txt'), 'utf8')).toBe('v1\n');
    expect(await snapshotTree(join(out, 'site'))).toEqual(await snapshotTree(join(work, 'site')));
  });

  it('fails on a wrong password with a clear message that never shows the password', async () => {
    const wrong = 'not-the-Right-pw-42';
    const file = join(makeTempDir(), 'f.txt');
    await writeFile(file, 'x');
    const push = await ocikit(['push', `${registry.host}/cli/denied:v1`, file, '-u', 'ocikit', '-p', wrong]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('failed (HTTP 401)');
    expect(push.stderr).toContain('hint: check the username and password');
    const everything = push.stdout + push.stderr;
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(Buffer.from(`ocikit:${wrong}`).toString('base64'));
    expect(await catalog()).not.toContain('cli/denied');
  });

  it('says how to log in when the registry wants credentials and none were given', async () => {
    const file = join(makeTempDir(), 'f.txt');
    await writeFile(file, 'x');
    const push = await ocikit(['push', `${registry.host}/cli/anon:v1`, file]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('requires a username and password');
    expect(push.stderr).toContain('--password-stdin');
  });

  it.each([
    [['push', 'Bad/Repo:v1', 'x'], 'repository "Bad/Repo" must be lowercase'],
    [['push', `REG:v1`, 'x'], 'invalid reference'],
    [['push', 'localhost:5000/app:-bad', 'x'], 'tag "-bad"'],
    [['pull', 'localhost:5000/app@sha256:1234'], 'not a valid sha256 digest'],
  ])('refuses the bad reference in %j with exit code 2', async (args, message) => {
    const result = await ocikit(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses a missing file and a malformed annotation, pushing nothing', async () => {
    const work = makeTempDir();
    await writeFile(join(work, 'present.txt'), 'x');
    const auth = ['-u', 'ocikit', '-p', PASSWORD];
    const missing = await ocikit(['push', `${registry.host}/cli/missing:v1`, 'present.txt', 'absent.txt', ...auth], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('absent.txt does not exist');
    const annotation = await ocikit(['push', `${registry.host}/cli/missing:v1`, 'present.txt', '-a', 'novalue', ...auth], { cwd: work });
    expect(annotation.code).toBe(2);
    expect(annotation.stderr).toContain('annotation "novalue" is not key=value');
    expect(await catalog()).not.toContain('cli/missing');
  });

  it('reads --annotation-file: $manifest, $config, a file by its path as written or its title; --annotation wins over $manifest', async () => {
    const work = makeTempDir();
    await makeTree(work, 'site');
    await writeFile(join(work, 'notes.txt'), 'notes\n');
    await writeFile(join(work, 'app.txt'), 'app\n');
    await writeFile(
      join(work, 'annotations.json'),
      JSON.stringify({
        $manifest: { 'org.example.release': '1.2.3', 'org.example.both': 'file', 'org.opencontainers.image.created': '2020-01-01T00:00:00Z' },
        $config: { 'org.example.config': 'yes' },
        './notes.txt': { 'org.example.kind': 'notes' },
        'site/': { 'org.example.kind': 'site' },
        'app.txt': { 'org.example.kind': 'app' },
      }),
    );
    const ref = `${registry.host}/cli/annotated:v1`;
    const auth = ['-u', 'ocikit', '-p', PASSWORD];
    const push = await ocikit(['push', ref, './notes.txt', 'site/', 'app.txt', '--annotation-file', 'annotations.json', '-a', 'org.example.both=flag', ...auth], {
      cwd: work,
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(push.stderr).not.toContain('error');
    expect(push.code).toBe(0);
    const get = await ocikit(['manifest', 'get', ref, ...auth]);
    expect(get.code).toBe(0);
    const manifest = JSON.parse(get.stdout) as { annotations: Record<string, string>; config: { annotations?: Record<string, string> }; layers: Array<{ annotations: Record<string, string> }> };
    // The user's created (the file's) over ocikit's own (SOURCE_DATE_EPOCH); the flag over the file.
    expect(manifest.annotations).toEqual({ 'org.opencontainers.image.created': '2020-01-01T00:00:00Z', 'org.example.release': '1.2.3', 'org.example.both': 'flag' });
    expect(manifest.config.annotations).toEqual({ 'org.example.config': 'yes' });
    expect(manifest.layers.map((l) => [l.annotations['org.opencontainers.image.title'], l.annotations['org.example.kind']])).toEqual([
      ['notes.txt', 'notes'],
      ['site', 'site'],
      ['app.txt', 'app'],
    ]);

    const broken = await ocikit(['push', ref, 'app.txt', '--annotation-file', 'app.txt', ...auth], { cwd: work });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('annotation file app.txt is not valid JSON');
  });

  it('pushes standard input with - and pulls a file to standard output with -o -', async () => {
    const ref = `${registry.host}/cli/pipe:v1`;
    const auth = ['-u', 'ocikit', '-p', PASSWORD];
    const payload = 'line one\nline two\n';
    const push = await ocikit(['push', ref, '-:text/plain', '--stdin-name', 'build.log', ...auth], { input: payload });
    expect(push.code).toBe(0);
    const pull = await ocikit(['pull', ref, '-o', '-', ...auth]);
    expect(pull.code).toBe(0);
    expect(pull.stdout).toBe(payload);
    expect(pull.stderr).toContain('Pulled');
  });

  it('runs the README demo on an OCI layout with no server', async () => {
    const work = makeTempDir();
    await writeFile(join(work, 'README.md'), '# demo\n');
    const push = await ocikit(['push', 'oci-layout:./demo-layout:v1', 'README.md'], { cwd: work });
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(/^Pushed oci-layout:\.\/demo-layout:v1@sha256:[a-f0-9]{64}$/m);
    const pull = await ocikit(['pull', 'oci-layout:./demo-layout:v1', '-o', 'pulled'], { cwd: work });
    expect(pull.code).toBe(0);
    expect(await readFile(join(work, 'pulled', 'README.md'), 'utf8')).toBe('# demo\n');
    expect((await readdir(join(work, 'demo-layout'))).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });
});
