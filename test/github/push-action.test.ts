// The root action (push) as GitHub runs it: the committed bundle, `node dist/index.js`
// with INPUT_* variables, against the real docker-registry with Basic auth.
import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActionResult, runAction, visibleText } from '../harness/action-runner.js';
import { startFaultProxy } from '../harness/fault-proxy.js';
import { makeTree } from '../harness/fixtures.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry({ auth: 'basic' });
const USER = 'ocikit';
const PASSWORD = 'the-s3cret-pass';
const SHA = '0123456789abcdef0123456789abcdef01234567';

async function registryGet(path: string, accept?: string): Promise<Response> {
  return fetch(`${registry.url}${path}`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      ...(accept ? { accept } : {}),
    },
  });
}

async function manifestOf(repository: string, reference: string): Promise<{ digest: string | null; manifest: any }> {
  const response = await registryGet(`/v2/${repository}/manifests/${reference}`, 'application/vnd.oci.image.manifest.v1+json');
  expect(response.status).toBe(200);
  return { digest: response.headers.get('docker-content-digest'), manifest: await response.json() };
}

async function workspace(): Promise<string> {
  const dir = makeTempDir('ocikit-ws-');
  await writeFile(join(dir, 'app.txt'), 'hello from CI\n');
  await mkdir(join(dir, 'build'));
  await writeFile(join(dir, 'build', 'report.json'), '{"ok":true}\n');
  await makeTree(dir, 'site');
  return dir;
}

function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.value);
}

describe('push action (the bundle, through action.js)', () => {
  it('pushes files and a directory, sets digest/reference/json, writes the summary, annotates from the run', async () => {
    const cwd = await workspace();
    const result = await runAction('push', {
      cwd,
      inputs: {
        reference: `${registry.host}/gh/app:v1`,
        files: 'app.txt:text/plain\nbuild/report.json\n\nsite\n',
        'artifact-type': 'application/vnd.example.bundle.v1',
        annotations: 'com.example.team=ocikit\ncom.example.formula=a=b',
        tags: 'stable, v1.0',
        username: USER,
        password: PASSWORD,
      },
      githubToken: 'ghs_not-used-for-this-registry',
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);

    const { digest, reference, json } = result.outputs;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reference).toBe(`${registry.host}/gh/app:v1@${digest}`);
    const parsed = JSON.parse(json!);
    expect(parsed).toMatchObject({ reference, digest, artifactType: 'application/vnd.example.bundle.v1', tags: ['v1', 'stable', 'v1.0'] });
    expect(parsed.layers.map((l: any) => l.annotations['org.opencontainers.image.title'])).toEqual(['app.txt', 'build/report.json', 'site']);
    expect(parsed.layers.map((l: any) => l.outcome)).toEqual(['uploaded', 'uploaded', 'uploaded']);

    // The registry holds what the outputs say, under every tag.
    for (const tag of ['v1', 'stable', 'v1.0']) expect((await manifestOf('gh/app', tag)).digest).toBe(digest);
    const { manifest } = await manifestOf('gh/app', digest!);
    expect(manifest.artifactType).toBe('application/vnd.example.bundle.v1');
    expect(manifest.layers[0]).toMatchObject({ mediaType: 'text/plain', size: 14 });
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/octo-org/demo',
      'org.opencontainers.image.revision': SHA,
      'com.example.team': 'ocikit',
      'com.example.formula': 'a=b',
    });
    expect(Date.now() - Date.parse(manifest.annotations['org.opencontainers.image.created'])).toBeLessThan(120_000);

    // The job summary: reference, digest, every layer with its size.
    expect(result.summary).toContain('ocikit push');
    expect(result.summary).toContain(reference);
    expect(result.summary).toContain('<code>app.txt</code>');
    expect(result.summary).toContain('<code>build/report.json</code>');
    expect(result.summary).toContain('14 B');
    for (const layer of manifest.layers) expect(result.summary).toContain(layer.digest);

    // The log: which credentials, each upload, the result; the password only ever inside ::add-mask::.
    expect(result.stdout).toContain(`Registry ${registry.host}: username ${USER}`);
    expect(result.stdout).toMatch(/^uploaded\s+app\.txt 14 B sha256:/m);
    expect(result.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)).toContain(PASSWORD);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('keeps annotations the user sets over the run\'s, and SOURCE_DATE_EPOCH makes the digest reproducible', async () => {
    const cwd = await workspace();
    const step = {
      cwd,
      inputs: {
        reference: `${registry.host}/gh/repro`,
        files: 'app.txt',
        annotations: 'org.opencontainers.image.source=https://example.com/mirror',
        username: USER,
        password: PASSWORD,
      },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    };
    const first = await runAction('push', step);
    const second = await runAction('push', { ...step, inputs: { ...step.inputs, reference: `${registry.host}/gh/repro:again` } });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.outputs.reference).toBe(`${registry.host}/gh/repro:latest@${first.outputs.digest}`);
    expect(second.outputs.digest).toBe(first.outputs.digest);
    const { manifest } = await manifestOf('gh/repro', 'latest');
    expect(manifest.annotations['org.opencontainers.image.source']).toBe('https://example.com/mirror');
    expect(manifest.annotations['org.opencontainers.image.created']).toBe('2023-11-14T22:13:20Z');
    // The second push found every blob in place.
    expect(JSON.parse(second.outputs.json!).layers[0].outcome).toBe('skipped');
  });

  it("reads the annotation file: the user's $manifest keys (source, created) win over the run's, the input over the file; $config and per-file keys", async () => {
    const cwd = await workspace();
    await writeFile(
      join(cwd, 'annotations.json'),
      JSON.stringify({
        $manifest: {
          'org.opencontainers.image.source': 'https://example.com/mirror',
          'org.opencontainers.image.created': '2020-01-01T00:00:00Z',
          'com.example.both': 'file',
        },
        $config: { 'com.example.config': 'yes' },
        './app.txt': { 'com.example.kind': 'app' },
        'site/': { 'com.example.kind': 'site' },
        'build/report.json': { 'com.example.kind': 'report' },
      }),
    );
    const result = await runAction('push', {
      cwd,
      inputs: {
        reference: `${registry.host}/gh/annotated:v1`,
        files: './app.txt\nsite/\nbuild/report.json',
        'annotation-file': 'annotations.json',
        annotations: 'com.example.both=input',
        username: USER,
        password: PASSWORD,
      },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    const { manifest } = await manifestOf('gh/annotated', 'v1');
    expect(manifest.annotations).toEqual({
      'org.opencontainers.image.source': 'https://example.com/mirror', // the file's, not the run's
      'org.opencontainers.image.revision': SHA, // the run's: the user set none
      'org.opencontainers.image.created': '2020-01-01T00:00:00Z', // the file's, not the time of the push
      'com.example.both': 'input',
    });
    expect(manifest.config.annotations).toEqual({ 'com.example.config': 'yes' });
    expect(manifest.layers.map((l: any) => [l.annotations['org.opencontainers.image.title'], l.annotations['com.example.kind']])).toEqual([
      ['app.txt', 'app'],
      ['site', 'site'],
      ['build/report.json', 'report'],
    ]);

    // The user's created given as an input wins over the time of the push, and over SOURCE_DATE_EPOCH.
    const input = await runAction('push', {
      cwd,
      inputs: { reference: `${registry.host}/gh/annotated:created`, files: 'app.txt', annotations: 'org.opencontainers.image.created=2019-05-05T05:05:05Z', username: USER, password: PASSWORD },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(input.code).toBe(0);
    expect((await manifestOf('gh/annotated', 'created')).manifest.annotations['org.opencontainers.image.created']).toBe('2019-05-05T05:05:05Z');
  });

  it('logs in with the Docker config docker/login-action wrote, with no credential inputs, and masks it', async () => {
    const cwd = await workspace();
    const dockerConfig = makeTempDir('ocikit-docker-');
    await writeFile(
      join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }),
    );
    const result = await runAction('push', {
      cwd,
      inputs: { reference: `${registry.host}/gh/from-config:v1`, files: 'app.txt' },
      env: { DOCKER_CONFIG: dockerConfig },
    });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`the Docker config ${join(dockerConfig, 'config.json')}`);
    expect((await manifestOf('gh/from-config', 'v1')).digest).toBe(result.outputs.digest);
    expect(result.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)).toContain(PASSWORD);
    expect(visibleText(result)).not.toContain(PASSWORD);
  });

  it('turns a registry Warning header into a warning annotation', async () => {
    const proxy = await startFaultProxy(registry.url, [
      { match: { method: 'PUT', path: /\/manifests\// }, fault: { kind: 'add-headers', headers: { warning: '299 - "gh/warned is deprecated, use gh/new"' } } },
    ]);
    try {
      const cwd = await workspace();
      const result = await runAction('push', {
        cwd,
        inputs: { reference: `${proxy.host}/gh/warned:v1`, files: 'app.txt', username: USER, password: PASSWORD },
      });
      expect(errors(result)).toEqual([]);
      expect(result.commands.filter((c) => c.command === 'warning').map((c) => c.value)).toEqual([
        `${proxy.host}: gh/warned is deprecated, use gh/new`,
      ]);
    } finally {
      await proxy.stop();
    }
  });

  it('fails a wrong password with a message a person can act on, and the password appears nowhere', async () => {
    const wrong = 'Wr0ng-pass-4242';
    const cwd = await workspace();
    const result = await runAction('push', {
      cwd,
      inputs: { reference: `${registry.host}/gh/denied:v1`, files: 'app.txt', username: USER, password: wrong },
    });
    expect(result.code).toBe(1);
    const [message, ...more] = errors(result);
    expect(more).toEqual([]);
    expect(message).toMatch(/HTTP 401|refused|unauthorized/i);
    expect(message).toContain(`${registry.host}/gh/denied`);
    expect(message).toContain('hint: ');
    expect(message).toContain('set the `username` and `password` inputs');
    // Masked first thing: the first line the step prints is its mask.
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${wrong}`);
    expect(visibleText(result)).not.toContain(wrong);
    expect(result.outputs).toEqual({});
    // The job summary says what failed, as the log does (a person looks there first), the password nowhere.
    expect(result.summary).toMatch(/<h3>ocikit push failed<\/h3>\s*<pre>[^<]*gh\/denied[^<]*hint: [^<]*set the `username` and `password` inputs/);
  });

  it('debug: a log line per HTTP request and its answer, as the CLI\'s --debug; the password nowhere', async () => {
    const cwd = await workspace();
    const result = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/debugged:v1`, files: 'app.txt', username: USER, password: PASSWORD, debug: 'true' } });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith('debug: '));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^debug: PUT http://${registry.host.replace(/\./g, '\\.')}/v2/gh/debugged/manifests/v1 \\[Basic \\*\\*\\*\\] -> 201 \\(\\d+ ms\\)$`)),
      ]),
    );
    expect(visibleText(result)).not.toContain(PASSWORD);
    expect(visibleText(result)).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
    // Without the input (and without the runner's debug logging) there are none.
    const quiet = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/debugged:v2`, files: 'app.txt', username: USER, password: PASSWORD } });
    expect(quiet.stdout).not.toMatch(/^debug: /m);
  });

  it('fails on bad inputs before any request, naming the input', async () => {
    const missing = await runAction('push', { inputs: { files: 'x' } });
    expect(missing.code).toBe(1);
    expect(errors(missing)[0]).toContain('input "reference" is required');

    const badBool = await runAction('push', { inputs: { reference: `${registry.host}/gh/x`, 'plain-http': 'yes' } });
    expect(errors(badBool)[0]).toContain('input "plain-http" is "yes", not a boolean');

    const noUser = await runAction('push', { inputs: { reference: `${registry.host}/gh/x`, password: 'p4ssw0rd-only' } });
    expect(errors(noUser)[0]).toContain('input "password" was given without "username"');
    expect(visibleText(noUser)).not.toContain('p4ssw0rd-only');

    const noFile = await runAction('push', { inputs: { reference: `${registry.host}/gh/x`, files: 'nope.txt', username: USER, password: PASSWORD } });
    expect(errors(noFile)[0]).toContain('nope.txt does not exist');

    const badCompression = await runAction('push', { inputs: { reference: `${registry.host}/gh/x`, files: 'x', compression: 'brotli' } });
    expect(errors(badCompression)[0]).toContain('input "compression" is "brotli", not one of gzip, zstd');
  });

  it('compression: zstd packs a directory as tar+zstd, and leaves a file as it is', async () => {
    const cwd = await workspace();
    const result = await runAction('push', { cwd, inputs: { reference: `${registry.host}/gh/zstd:v1`, files: 'site\napp.txt', compression: 'zstd', username: USER, password: PASSWORD } });
    expect(errors(result)).toEqual([]);
    const { manifest } = await manifestOf('gh/zstd', 'v1');
    expect(manifest.layers.map((layer: { mediaType: string }) => layer.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar+zstd', 'application/vnd.oci.image.layer.v1.tar']);
  });

  it('pushes into an OCI layout directory with no registry at all, on a runner with no job summary', async () => {
    const cwd = await workspace();
    const result = await runAction('push', { cwd, inputs: { reference: 'oci-layout:./layout:v1', files: 'app.txt' }, env: { GITHUB_STEP_SUMMARY: '' } });
    expect(errors(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.summary).toBe('');
    expect(result.outputs.reference).toBe(`oci-layout:./layout:v1@${result.outputs.digest}`);
    expect(result.stdout).not.toContain('Registry ');
  });

  it("overwrite: false fails before anything is pushed when the tag exists; moving a tag off a manifest with referrers is a warning", async () => {
    const cwd = await workspace();
    const first = await runAction('push', { cwd, inputs: { reference: 'oci-layout:./layout:v1', files: 'app.txt' } });
    expect(first.code).toBe(0);
    const attached = await runAction('attach', { cwd, inputs: { subject: `oci-layout:./layout@${first.outputs.digest}`, files: 'build/report.json', 'artifact-type': 'application/vnd.example.report' } });
    expect(errors(attached)).toEqual([]);

    await writeFile(join(cwd, 'app.txt'), 'rebuilt\n');
    const refused = await runAction('push', { cwd, inputs: { reference: 'oci-layout:./layout:v1', files: 'app.txt', overwrite: 'false' } });
    expect(refused.code).toBe(1);
    expect(errors(refused)).toEqual([expect.stringMatching(/layout:v1 exists \(sha256:[0-9a-f]{64}\); nothing was pushed/)]);

    const moved = await runAction('push', { cwd, inputs: { reference: 'oci-layout:./layout:v1', files: 'app.txt' } });
    expect(moved.code).toBe(0);
    expect(moved.commands.filter((c) => c.command === 'warning').map((c) => c.value)).toEqual([
      expect.stringContaining(`moved from ${first.outputs.digest} to ${moved.outputs.digest}; the referrer of ${first.outputs.digest}`),
    ]);
  });
});
