// `--debug`: every HTTP request a verb sends (the registry's, the token service's, a
// redirect's target) and its answer on stderr, with nothing secret in it. Against the
// real registry in token mode (its token service, the harness's issuer, takes the
// password by Basic auth), behind the fault proxy, which answers a blob download
// with a redirect to a pre-signed URL, as registries on S3 or Azure do: the URL leads
// to a second real registry holding the same blob, standing in for object storage,
// with the query an S3 or Azure pre-signed URL carries.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { DEFAULT_USERS, useTokenIssuer } from '../harness/token-issuer.js';

const issuer = useTokenIssuer();
const registry = useRegistry({ auth: 'token', tokenIssuer: issuer });
/** Where the registry sends blob downloads: object storage behind a pre-signed URL. */
const storage = useRegistry();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy?.stop();
});

const PASSWORD = DEFAULT_USERS.ocikit!;
const BASIC = Buffer.from(`ocikit:${PASSWORD}`).toString('base64');
const SIGNATURE = 'f3a1b2c4d5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';
const ACCESS_KEY = 'AKIAOCIKITEXAMPLE7';
const AZURE_SIG = 'c2lnbmF0dXJlLW9mLWF6dXJl';
const URL_TOKEN = 'url-token-5a9e3c1d77';

/** Every `debug:` line, with the ports of this run's servers named. */
function debugLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('debug: '))
    .map((line) =>
      line
        .replaceAll(proxy.host, '<registry>')
        .replaceAll(storage.host, '<storage>')
        .replaceAll(new URL(issuer.url).host, '<token-service>')
        .replace(/\(\d+ ms\)$/, '(N ms)'),
    );
}

function expectNoSecrets(stderr: string): void {
  for (const secret of [PASSWORD, BASIC, SIGNATURE, ACCESS_KEY, AZURE_SIG, URL_TOKEN]) expect(stderr).not.toContain(secret);
  expect(stderr).not.toMatch(/eyJ[\w-]+\./); // a JWT: the issuer's bearer tokens
}

describe('--debug', () => {
  it('push and pull print each request and answer, the token service and a pre-signed redirect included, and no secret', async () => {
    const work = makeTempDir();
    const file = join(work, 'notes.txt');
    const content = 'debug me\n';
    await writeFile(file, content);
    const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;

    const push = await ocikit(['push', '--debug', `${proxy.host}/debug/app:v1`, file, '-u', 'ocikit', '-p', PASSWORD], { cwd: work });
    expect(push.code).toBe(0);
    expectNoSecrets(push.stderr);
    const pushed = debugLines(push.stderr);
    // The first request goes out without a token, the registry challenges, the token service answers Basic.
    expect(pushed).toContainEqual(expect.stringMatching(/^debug: (HEAD|GET|POST) http:\/\/<registry>\/v2\/debug\/app\/\S+ -> 401 \(N ms\)$/));
    expect(pushed).toContainEqual(
      'debug: GET http://<token-service>/token?service=ocikit-test-registry&scope=repository%3Adebug%2Fapp%3Apull%2Cpush [Basic ***] -> 200 (N ms)',
    );
    expect(pushed).toContainEqual('debug: POST http://<registry>/v2/debug/app/blobs/uploads/ [Bearer ***] -> 202 (N ms)');
    // distribution's upload location carries its signed state: redacted; the digest is the API's own, kept as sent.
    const sentDigest = `digest=${digest.replace(':', '%3A')}`;
    expect(pushed).toContainEqual(
      expect.stringMatching(new RegExp(`^debug: PUT http://<registry>/v2/debug/app/blobs/uploads/[\\w-]+\\?(_state=\\*\\*\\*&${sentDigest}|${sentDigest}&_state=\\*\\*\\*) \\[Bearer \\*\\*\\*\\] -> 201 \\(N ms\\)$`)),
    );
    expect(pushed).toContainEqual('debug: PUT http://<registry>/v2/debug/app/manifests/v1 [Bearer ***] -> 201 (N ms)');

    // The same blob in "object storage", and the registry redirecting its download there.
    expect((await ocikit(['push', `${storage.host}/debug/app:v1`, file], { cwd: work })).code).toBe(0);
    const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ACCESS_KEY}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=${SIGNATURE}&sig=${AZURE_SIG}&token=${URL_TOKEN}`;
    proxy.setRules([
      { match: { method: 'GET', path: new RegExp(`^/v2/debug/app/blobs/${digest}$`) }, fault: { kind: 'redirect', location: `${storage.url}/v2/debug/app/blobs/${digest}?${query}` } },
    ]);
    const out = makeTempDir();
    try {
      const pull = await ocikit(['--debug', 'pull', `${proxy.host}/debug/app:v1`, '-o', out, '-u', 'ocikit', '-p', PASSWORD]);
      expect(pull.code).toBe(0);
      expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe(content);
      expectNoSecrets(pull.stderr);
      const redacted = 'X-Amz-Algorithm=***&X-Amz-Credential=***&X-Amz-Signature=***&sig=***&token=***';
      expect(debugLines(pull.stderr)).toEqual(
        expect.arrayContaining([
          'debug: GET http://<registry>/v2/debug/app/manifests/v1 [Bearer ***] -> 200 (N ms)',
          `debug: GET http://<registry>/v2/debug/app/blobs/${digest} [Bearer ***] -> 307 to http://<storage>/v2/debug/app/blobs/${digest}?${redacted} (N ms)`,
          // The registry's credentials stay with the registry: no Authorization at the storage.
          `debug: GET http://<storage>/v2/debug/app/blobs/${digest}?${redacted} -> 200 (N ms)`,
        ]),
      );
    } finally {
      proxy.setRules([]);
    }

    const quiet = await ocikit(['pull', `${proxy.host}/debug/app:v1`, '-o', makeTempDir(), '-u', 'ocikit', '-p', PASSWORD]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('debug:');
  });

  it('login --debug shows the check of the credentials, the password not', async () => {
    const home = makeTempDir('ocikit-home-');
    const login = await ocikit(['login', proxy.host, '-u', 'ocikit', '--password-stdin', '--debug'], {
      input: `${PASSWORD}\n`,
      env: { HOME: home, DOCKER_CONFIG: join(home, 'docker'), REGISTRY_AUTH_FILE: '' },
    });
    expect(login.code).toBe(0);
    expectNoSecrets(login.stderr);
    expect(debugLines(login.stderr)).toEqual([
      'debug: GET http://<registry>/v2/ -> 401 (N ms)',
      'debug: GET http://<token-service>/token?service=ocikit-test-registry [Basic ***] -> 200 (N ms)',
      'debug: GET http://<registry>/v2/ [Bearer ***] -> 200 (N ms)',
    ]);
  });
});
