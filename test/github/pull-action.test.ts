// The pull action as GitHub runs it (the committed bundle, INPUT_* variables)
// against the real docker-registry with Basic auth.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActionResult, runAction, visibleText } from '../harness/action-runner.js';
import { makeTree, snapshotTree } from '../harness/fixtures.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry({ auth: 'basic' });
const USER = 'ocikit';
const PASSWORD = 'the-s3cret-pass';

function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.value);
}

describe('pull action (the bundle, through actions/pull/action.js)', () => {
  let source: string;
  let pushed: { digest: string; reference: string };

  beforeAll(async () => {
    source = makeTempDir('ocikit-src-');
    await writeFile(join(source, 'notes.md'), '# release notes\n');
    await writeFile(join(source, 'data.csv'), 'a,b\n1,2\n');
    await makeTree(source, 'site');
    const push = await runAction('push', {
      cwd: source,
      inputs: { reference: `${registry.host}/gh/pull-me:v2`, files: 'notes.md:text/markdown\ndata.csv:text/csv\nsite', username: USER, password: PASSWORD },
    });
    expect(errors(push)).toEqual([]);
    pushed = { digest: push.outputs.digest!, reference: push.outputs.reference! };
  });

  it('pulls every file into `path`, with outputs and a summary', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', {
      cwd,
      inputs: { reference: `${registry.host}/gh/pull-me:v2`, path: 'out', username: USER, password: PASSWORD },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ digest: pushed.digest, reference: pushed.reference, 'cache-hit': 'false' });
    expect(result.outputs.files!.split('\n')).toEqual([join('out', 'notes.md'), join('out', 'data.csv'), join('out', 'site')]);
    const json = JSON.parse(result.outputs.json!);
    expect(json).toMatchObject({ reference: pushed.reference, digest: pushed.digest, cacheHit: false });
    expect(json.files.map((f: any) => [f.title, f.unpacked])).toEqual([['notes.md', false], ['data.csv', false], ['site', true]]);
    expect(await readFile(join(cwd, 'out', 'notes.md'), 'utf8')).toBe('# release notes\n');
    expect(await snapshotTree(join(cwd, 'out', 'site'))).toEqual(await snapshotTree(join(source, 'site')));
    expect(result.summary).toContain('ocikit pull');
    expect(result.summary).toContain(pushed.digest);
    expect(result.summary).toContain('<code>out/site</code> (unpacked)');
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('pulls only the media types asked for', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', {
      cwd,
      inputs: { reference: pushed.reference, 'media-types': 'text/markdown, text/csv', username: USER, password: PASSWORD },
    });
    expect(errors(result)).toEqual([]);
    expect(result.outputs.files!.split('\n')).toEqual(['notes.md', 'data.csv']);
  });

  it('max-unpack-bytes refuses a directory layer that expands past it, and leaves the directory alone', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', { cwd, inputs: { reference: pushed.reference, 'max-unpack-bytes': '16', username: USER, password: PASSWORD } });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([expect.stringMatching(/the 16-byte unpack limit/)]);
    // In the action's words: its input, not the CLI's flag.
    expect(errors(result)[0]).toContain('raise the limit (the `max-unpack-bytes` input)');
    expect(errors(result)[0]).not.toContain('--max-unpack-bytes');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('compatible-platforms takes an older compatible entry from an index (arm/v7 takes arm/v6), as the CLI does', async () => {
    const src = makeTempDir('ocikit-src-');
    await writeFile(join(src, 'tool-armv6'), 'v6\n');
    const released = await runAction('release', { cwd: src, inputs: { reference: `${registry.host}/gh/compat:v1`, files: 'tool-armv6=linux/arm/v6', username: USER, password: PASSWORD } });
    expect(errors(released)).toEqual([]);
    const exact = await runAction('pull', { cwd: makeTempDir('ocikit-ws-'), inputs: { reference: `${registry.host}/gh/compat:v1`, platform: 'linux/arm/v7', username: USER, password: PASSWORD } });
    expect(errors(exact)).toEqual([expect.stringContaining('has no entry for linux/arm/v7')]);
    const cwd = makeTempDir('ocikit-ws-');
    const compatible = await runAction('pull', {
      cwd,
      inputs: { reference: `${registry.host}/gh/compat:v1`, platform: 'linux/arm/v7', 'compatible-platforms': 'true', username: USER, password: PASSWORD },
    });
    expect(errors(compatible)).toEqual([]);
    expect(await readFile(join(cwd, 'tool-armv6'), 'utf8')).toBe('v6\n');
    expect(JSON.parse(compatible.outputs.json!)).toMatchObject({ platform: 'linux/arm/v6' });
  });

  it('with cache: true but no Actions cache service, warns and pulls (loading the cache chunk lazily)', async () => {
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', {
      cwd,
      inputs: { reference: `${registry.host}/gh/pull-me:v2`, path: 'cached', cache: 'true', username: USER, password: PASSWORD },
    });
    expect(errors(result)).toEqual([]);
    expect(result.commands.filter((c) => c.command === 'warning').map((c) => c.value)).toEqual([
      'cache: the Actions cache service is not available on this runner; pulling without it',
    ]);
    expect(result.outputs['cache-hit']).toBe('false');
    expect(await readFile(join(cwd, 'cached', 'data.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('fails a wrong password clearly, leaves the directory alone, and never shows the password', async () => {
    const wrong = 'n0t-The-pass-77';
    const cwd = makeTempDir('ocikit-ws-');
    const result = await runAction('pull', {
      cwd,
      inputs: { reference: `${registry.host}/gh/pull-me:v2`, path: 'out', username: USER, password: wrong },
    });
    expect(result.code).toBe(1);
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatch(/HTTP 401|refused|unauthorized/i);
    expect(errors(result)[0]).toContain('set the `username` and `password` inputs');
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${wrong}`);
    expect(visibleText(result)).not.toContain(wrong);
    expect(result.outputs).toEqual({});
  });

  it('fails on a tag that does not exist with the registry\'s answer', async () => {
    const result = await runAction('pull', {
      inputs: { reference: `${registry.host}/gh/pull-me:nope`, username: USER, password: PASSWORD },
    });
    expect(result.code).toBe(1);
    expect(errors(result)[0]).toMatch(/not found|nope/i);
  });
});
