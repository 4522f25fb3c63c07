// The suite-wide secrets check itself (test/harness/secret-ledger.ts, run after
// every test by test/harness/secrets-check.ts): that runs are recorded with the
// secrets they were given, and that a leak is found wherever it shows.
import { describe, expect, test } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, ocikit } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { CANARY_SECRET, findLeaks, secretsOfActionRun, secretsOfCliRun, takeExposures } from '../harness/secret-ledger.js';
import { makeTempDir } from '../harness/temp.js';

describe('the secrets check', () => {
  test('a CLI run is recorded with the password it was given (flag, stdin, environment), and its output is checked', async () => {
    takeExposures();
    const result = await ocikit(['resolve', '127.0.0.1:9/app:v1', '-u', 'someone', '-p', 'flag-pass-4711'], { env: { OCIKIT_PASSWORD: 'env-pass-4711' } });
    expect(result.code).not.toBe(0);
    const [run, ...rest] = takeExposures();
    expect(rest).toEqual([]);
    expect(run!.source).toBe('ocikit resolve 127.0.0.1:9/app:v1');
    expect(run!.secrets).toEqual(expect.arrayContaining(['flag-pass-4711', Buffer.from('someone:flag-pass-4711').toString('base64'), 'env-pass-4711']));
    expect(findLeaks([run!])).toEqual([]);
    expect(secretsOfCliRun(['login', 'r', '-u', 'u', '--password-stdin'], undefined, 'stdin-pass-4711\n')).toContain('stdin-pass-4711');
  });

  test('the credentials of a Docker config a run is pointed at count as its secrets', async () => {
    const dir = makeTempDir('ocikit-secrets-');
    await mkdir(join(dir, 'docker'));
    const auth = Buffer.from('robot:config-pass-4711').toString('base64');
    await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { 'r.example': { auth }, 'q.example': { identitytoken: 'id-token-4711' } } }));
    const secrets = secretsOfCliRun(['pull', 'r.example/a'], { DOCKER_CONFIG: join(dir, 'docker') }, undefined);
    expect(secrets).toEqual(expect.arrayContaining([auth, 'config-pass-4711', 'id-token-4711']));
  });

  test('action inputs that are secrets by name, and the github token, count', () => {
    const secrets = secretsOfActionRun({ username: 'u', password: 'in-pass-4711', 'github-token': 'ghs_abcdef', reference: 'not-a-secret' }, { GITHUB_TOKEN: 'ghs_env123' }, 'ghs_tok999');
    expect(secrets).toEqual(expect.arrayContaining(['in-pass-4711', 'ghs_abcdef', 'ghs_tok999', 'ghs_env123']));
    expect(secrets).not.toContain('not-a-secret');
  });

  test('a leak is reported with where it showed, the secret itself masked; the canary counts everywhere', () => {
    const leaks = findLeaks([
      { source: 'action push', secrets: ['leaky-pass-4711'], surfaces: { log: 'ok', summary: 'token: leaky-pass-4711', outputs: `x=${CANARY_SECRET}` } },
      { source: 'ocikit pull', secrets: ['quiet-pass-4711'], surfaces: { stderr: 'error: refused' } },
    ]);
    expect(leaks).toHaveLength(2);
    expect(leaks[0]).toMatch(/^action push: a secret \(le\*{8}\) appears in summary: …token: <le\*{8}>…$/);
    expect(leaks[1]).toMatch(/appears in outputs/);
    expect(leaks.join('\n')).not.toContain('leaky-pass-4711');
  });

  test('it is automatic: a test that lets a secret be printed fails, though it asserts nothing about secrets', async () => {
    const jest = await run(
      process.execPath,
      ['--experimental-vm-modules', join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--testMatch', '**/fixtures/leak.fixture.ts', '--', 'test/reliability/fixtures'],
      { cwd: REPO_ROOT, env: { ...process.env }, timeoutMs: 120_000 },
    );
    const output = jest.stdout + jest.stderr;
    expect(jest.code).toBe(1);
    expect(output).toMatch(/secrets check: \d+ secret value\(s\) were printed/);
    expect(output).toMatch(/ocikit resolve 127\.0\.0\.1:9\/app:<ca\*{8}>: a secret \(ca\*{8}\) appears in stderr/);
    expect(output).not.toContain(CANARY_SECRET);
  }, 150_000);
});
