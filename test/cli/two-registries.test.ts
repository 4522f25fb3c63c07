// A copy from one registry to another with a login for each: -u/-p (or an action's
// username/password) are for the destination, and the source gets its own login
// from the Docker config. The source must never see the destination's password:
// with token auth it would go to the source's token service, a third party.
// Two real registries with basic auth; a recording proxy in front of the source.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, pushArtifact, staticCredentials } from '@ocikit/core';
import { runAction } from '../harness/action-runner.js';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const READER_PASSWORD = 'reader-pass-of-the-source';
const WRITER_PASSWORD = 'writer-pass-of-the-destination';
const source = useRegistry({ auth: 'basic', users: { reader: READER_PASSWORD } });
const destination = useRegistry({ auth: 'basic', users: { writer: WRITER_PASSWORD } });
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(source.url);
  const file = join(makeTempDir(), 'notes.txt');
  await writeFile(file, 'two registries\n');
  const repo = new RemoteRepository({ registry: source.host, repository: 'two/app' }, { credentials: staticCredentials({ username: 'reader', password: READER_PASSWORD }) });
  try {
    await pushArtifact(repo, { files: [{ path: file }], tags: ['v1'] });
  } finally {
    await repo.close();
  }
});
afterAll(async () => {
  await proxy.stop();
});

/** A Docker config with the source's login only (what `docker login` or docker/login-action leaves). */
async function sourceLogin(): Promise<string> {
  const dir = makeTempDir('ocikit-docker-');
  const auth = Buffer.from(`reader:${READER_PASSWORD}`).toString('base64');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [proxy.host]: { auth } } }));
  return dir;
}

/** What the source was sent as Authorization, decoded. */
function sentToSource(): string[] {
  return proxy.requests
    .map((r) => r.headers.authorization)
    .filter((value): value is string => typeof value === 'string' && value.startsWith('Basic '))
    .map((value) => Buffer.from(value.slice('Basic '.length), 'base64').toString('utf8'));
}

describe('copy between two registries with a login each', () => {
  it('ocikit copy: -u/-p go to the destination only; the source gets its Docker config login', async () => {
    proxy.requests.splice(0);
    const config = await sourceLogin();
    const copied = await ocikit(
      ['copy', `${proxy.host}/two/app:v1`, `${destination.host}/two/app:v1`, '-u', 'writer', '-p', WRITER_PASSWORD, '--registry-config', join(config, 'config.json')],
      { env: { HOME: config } },
    );
    expect({ code: copied.code, stderr: copied.code === 0 ? '' : copied.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sentToSource().length).toBeGreaterThan(0);
    expect(new Set(sentToSource())).toEqual(new Set([`reader:${READER_PASSWORD}`]));
  });

  it('the copy action: username/password go to the destination only; the source gets its Docker config login', async () => {
    proxy.requests.splice(0);
    const config = await sourceLogin();
    const result = await runAction('copy', {
      inputs: { source: `${proxy.host}/two/app:v1`, destination: `${destination.host}/two/action:v1`, username: 'writer', password: WRITER_PASSWORD, 'plain-http': 'true' },
      env: { DOCKER_CONFIG: config },
    });
    expect({ code: result.code, stdout: result.code === 0 ? '' : result.stdout }).toEqual({ code: 0, stdout: '' });
    expect(result.stdout).toContain(`Registry ${destination.host}: username writer`);
    expect(result.stdout).toContain(`Registry ${proxy.host}: the Docker config`);
    expect(new Set(sentToSource())).toEqual(new Set([`reader:${READER_PASSWORD}`]));
  });
});
