// Mistakes a user makes in a reference or a tag are refused before any byte moves:
// the registry sits behind a proxy that records every request, and a refusal
// must leave it with none (exit 2, a message that says what to write instead).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
let proxy: FaultProxy;
const work = makeTempDir('ocikit-refuse-');

beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
  await writeFile(join(work, 'app.txt'), 'the app\n');
  await writeFile(join(work, 'notes.txt'), 'the notes\n');
});
afterAll(async () => {
  await proxy?.stop();
});

async function refused(args: string[], message: string | RegExp): Promise<void> {
  proxy.requests.splice(0);
  const result = await ocikit(args, { cwd: work });
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(message) });
  expect(proxy.requests).toEqual([]);
}

describe('extra tags (-t, the tags input)', () => {
  it('a whole reference to the same repository counts as its tag; another repository is refused before anything is sent', async () => {
    const pushed = await ocikit(['push', `${proxy.host}/early/app:v1`, 'app.txt', '-t', `${proxy.host}/early/app:latest`, '-t', 'stable', '--json'], { cwd: work });
    expect(pushed.code).toBe(0);
    expect((JSON.parse(pushed.stdout) as { tags: string[] }).tags).toEqual(['v1', 'latest', 'stable']);

    await refused(['push', `${proxy.host}/early/app:v2`, 'app.txt', '-t', `${proxy.host}/other/app:latest`], /the extra tag ".*\/other\/app:latest" names another repository .*\n\s+hint: give bare tags/);
    await refused(['push', `${proxy.host}/early/app:v2`, 'app.txt', '-t', `${proxy.host}/early/app@sha256:${'a'.repeat(64)}`], /names no tag/);
    await refused(['push', `${proxy.host}/early/app:v2`, 'app.txt', '-t', '.bad'], /tag "\.bad" is not valid/);
    await refused(['release', `${proxy.host}/early/tool:v1`, 'app.txt=linux/amd64', '-t', `${proxy.host}/other/tool:v1`], /names another repository/);
    await refused(['index', 'create', `${proxy.host}/early/multi:v1`, `${proxy.host}/early/app:v1=linux/amd64`, '-t', `${proxy.host}/other/multi:v1`], /names another repository/);
  });
});

describe('references', () => {
  it('a registry with no repository is refused, not sent to Docker Hub as library/<host>', async () => {
    for (const reference of [proxy.host, 'localhost:5000', 'ghcr.io']) {
      await refused(['push', reference, 'app.txt'], new RegExp(`invalid reference "${reference.replace(/\./g, '\\.')}": it names a registry .* and no repository\\n\\s+hint: write registry/repository\\[:tag\\]`));
    }
  });

  it('oci:// (as Helm users write it) is accepted; http:// and https:// are refused with what to write', async () => {
    const pushed = await ocikit(['push', `oci://${proxy.host}/early/helmish:v1`, 'app.txt', '--json'], { cwd: work });
    expect(pushed.code).toBe(0);
    expect((JSON.parse(pushed.stdout) as { reference: string }).reference).toMatch(new RegExp(`^${proxy.host}/early/helmish:v1@sha256:`));
    const pulled = await ocikit(['pull', `oci://${proxy.host}/early/helmish:v1`, '-o', makeTempDir()]);
    expect(pulled.code).toBe(0);
    await refused(['push', `https://${proxy.host}/early/app:v1`, 'app.txt'], /a reference has no https:\/\/ in front\n\s+hint: write ".*\/early\/app:v1"/);
    await refused(['pull', `http://${proxy.host}/early/app:v1`], /a reference has no http:\/\/ in front\n\s+hint: write ".*\/early\/app:v1" and add --plain-http/);
  });

  it('comma-separated tags in a reference (oras\'s syntax) are refused with the -t way to say it', async () => {
    await refused(['push', `${proxy.host}/early/app:v1,latest,stable`, 'app.txt'], /"v1,latest,stable" is several tags; a reference names one\n\s+hint: give the first in the reference and the others with -t \(the tags input\): -t latest -t stable/);
  });
});

describe('options with a fixed set of values', () => {
  it('a --compression push does not know is refused with the ones it does', async () => {
    await refused(['push', `${proxy.host}/early/app:v1`, 'app.txt', '--compression', 'brotli'], /compression "brotli" is not one of gzip, zstd\n\s+hint: gzip \(the default\) for any reader, zstd for ocikit and other zstd readers/);
  });
});

describe("Docker's annotation prefixes", () => {
  it('a manifest: prefix is stripped for push; a level push does not write is refused before anything is sent', async () => {
    const pushed = await ocikit(['push', `${proxy.host}/early/annotated:v1`, 'app.txt', '--annotation', 'manifest:org.opencontainers.image.title=App', '--json'], { cwd: work });
    expect(pushed.code).toBe(0);
    const manifest = (await ocikit(['manifest', 'get', `${proxy.host}/early/annotated:v1`])).stdout;
    expect(JSON.parse(manifest).annotations).toMatchObject({ 'org.opencontainers.image.title': 'App' });
    expect(manifest).not.toContain('manifest:');

    await refused(['push', `${proxy.host}/early/annotated:v2`, 'app.txt', '--annotation', 'index:org.opencontainers.image.title=App'], /annotation index:org\.opencontainers\.image\.title has nowhere to go: push writes no index\n\s+hint: index create and release write an index/);
    await refused(['release', `${proxy.host}/early/tool:v2`, 'app.txt=linux/amd64', '--annotation', 'manifest[linux/arm64]:k=v'], /is for linux\/arm64, and no file is/);
    await refused(['index', 'create', `${proxy.host}/early/multi:v2`, `${proxy.host}/early/app:v1=linux/amd64`, '--annotation', 'manifest:k=v'], /index writes no manifest/);
  });
});

describe('pull --keep-old-files', () => {
  it('refuses a file that exists before downloading any blob, and leaves it as it was', async () => {
    const pushed = await ocikit(['push', `${proxy.host}/early/keep:v1`, 'app.txt', 'notes.txt'], { cwd: work });
    expect(pushed.code).toBe(0);
    const out = makeTempDir();
    await writeFile(join(out, 'notes.txt'), 'mine\n');

    proxy.requests.splice(0);
    const kept = await ocikit(['pull', `${proxy.host}/early/keep:v1`, '-o', out, '-k']);
    expect({ code: kept.code, stderr: kept.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/notes\.txt already exists\n\s+hint: remove it, or pull without --keep-old-files/) });
    expect(proxy.requests.filter((r) => r.path.includes('/blobs/'))).toEqual([]);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(await readdir(out)).toEqual(['notes.txt']);

    // A file layer over a directory fails with or without -k: also before any blob.
    const dirOut = makeTempDir();
    await mkdir(join(dirOut, 'app.txt'));
    proxy.requests.splice(0);
    const overDirectory = await ocikit(['pull', `${proxy.host}/early/keep:v1`, '-o', dirOut]);
    expect(overDirectory.stderr).toMatch(/cannot replace directory .*app\.txt with a file/);
    expect(proxy.requests.filter((r) => r.path.includes('/blobs/'))).toEqual([]);

    const replaced = await ocikit(['pull', `${proxy.host}/early/keep:v1`, '-o', out]);
    expect(replaced.code).toBe(0);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('the notes\n');
  });
});

describe('--no-overwrite', () => {
  it('fails (exit 1) before any upload when a tag exists; without it, a tag moved off a signed manifest is a warning', async () => {
    const first = await ocikit(['push', `${proxy.host}/early/guarded:v1`, 'app.txt', '--json'], { cwd: work });
    const firstDigest = (JSON.parse(first.stdout) as { digest: string }).digest;
    const attached = await ocikit(['attach', `${proxy.host}/early/guarded@${firstDigest}`, 'notes.txt', '--artifact-type', 'application/vnd.example.notes'], { cwd: work });
    expect(attached.code).toBe(0);

    proxy.requests.splice(0);
    const refusedPush = await ocikit(['push', `${proxy.host}/early/guarded:v2`, 'notes.txt', '-t', 'v1', '--no-overwrite'], { cwd: work });
    expect({ code: refusedPush.code, stderr: refusedPush.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(/early\/guarded:v1 exists \(sha256:[0-9a-f]{64}\); nothing was pushed\n\s+hint: pick another tag, or leave out --no-overwrite/),
    });
    expect(proxy.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
    const refusedTag = await ocikit(['tag', `${proxy.host}/early/guarded@${firstDigest}`, 'v1', '--no-overwrite']);
    expect(refusedTag.code).toBe(1);

    const moved = await ocikit(['push', `${proxy.host}/early/guarded:v1`, 'notes.txt'], { cwd: work });
    expect(moved.code).toBe(0);
    expect(moved.stderr).toMatch(new RegExp(`warning: .*early/guarded:v1 moved from ${firstDigest} to sha256:[0-9a-f]{64}; the referrer of ${firstDigest} .* stays with it`));
  });
});
