import { describe, expect, it } from '@jest/globals';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installCredentialHelper } from '../harness/credential-helper.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry({ auth: 'basic' });
const PASSWORD = 'the-s3cret-pass';
const AUTH = Buffer.from(`ocikit:${PASSWORD}`).toString('base64');

/** An environment whose only credentials are the ones a test puts in `dockerConfig` (created by login if absent). */
function isolatedEnv(extra: Record<string, string> = {}): { env: Record<string, string>; dockerConfig: string; configPath: string } {
  const home = makeTempDir('ocikit-home-');
  const dockerConfig = join(home, 'docker-config');
  return {
    env: { HOME: home, DOCKER_CONFIG: dockerConfig, REGISTRY_AUTH_FILE: '', ...extra },
    dockerConfig,
    configPath: join(dockerConfig, 'config.json'),
  };
}

async function fileToPush(): Promise<string> {
  const file = join(makeTempDir(), 'f.txt');
  await writeFile(file, 'pushed with a stored login\n');
  return file;
}

describe('ocikit login and logout', () => {
  it('logs in with --password-stdin into a new config.json (0600 in a 0700 dir); push then needs no -u/-p; logout removes it', async () => {
    const { env, dockerConfig, configPath } = isolatedEnv();
    const loggedIn = await ocikit(['login', registry.host, '-u', 'ocikit', '--password-stdin'], { input: `${PASSWORD}\n`, env });
    expect(loggedIn.stderr).toBe(`Credentials stored unencrypted in ${configPath} (configure a credential helper to keep them out of the file)\n`);
    expect(loggedIn.stdout).toBe('Login Succeeded\n');
    expect(loggedIn.code).toBe(0);
    expect((await stat(dockerConfig)).mode & 0o777).toBe(0o700);
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(configPath, 'utf8'))).toEqual({ auths: { [registry.host]: { auth: AUTH } } });

    const file = await fileToPush();
    const push = await ocikit(['push', `${registry.host}/login/stored:v1`, file], { env });
    expect(push.stderr).not.toContain('error');
    expect(push.code).toBe(0);
    expect(push.stdout).toContain(`Pushed ${registry.host}/login/stored:v1@sha256:`);

    const loggedOut = await ocikit(['logout', registry.host], { env });
    expect(loggedOut.stdout).toBe(`Removed login credentials for ${registry.host} from ${configPath}\n`);
    expect(loggedOut.code).toBe(0);
    expect(JSON.parse(await readFile(configPath, 'utf8'))).toEqual({ auths: {} });

    const again = await ocikit(['logout', registry.host], { env });
    expect(again.stdout).toBe(`Not logged in to ${registry.host}: no stored credentials to remove\n`);
    expect(again.code).toBe(0);
    const never = isolatedEnv();
    expect((await ocikit(['logout', registry.host], { env: never.env })).code).toBe(0);
    await expect(access(never.dockerConfig)).rejects.toThrow('ENOENT'); // logout creates nothing
    const denied = await ocikit(['push', `${registry.host}/login/stored:v2`, file], { env });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('requires a username and password');
  });

  it('refuses a wrong password: exit 1, nothing stored, the password never printed', async () => {
    const wrong = 'Wrong-pass-1234';
    const { env } = isolatedEnv();
    const configPath = join(makeTempDir(), 'auth.json');
    const before = `${JSON.stringify({ auths: { 'other.example': { auth: 'b3RoZXI6cHc=' } }, currentContext: 'x' }, null, 2)}\n`;
    await writeFile(configPath, before);
    const result = await ocikit(['login', registry.host, '-u', 'ocikit', '--password-stdin', '--registry-config', configPath], { input: wrong, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: logging in to ${registry.host} as ocikit failed: the registry refused the username and password`);
    expect(result.stderr).toContain('hint: check the username and the password or token; nothing was stored');
    expect(result.stdout + result.stderr).not.toContain(wrong);
    expect(result.stdout + result.stderr).not.toContain(Buffer.from(`ocikit:${wrong}`).toString('base64'));
    expect(await readFile(configPath, 'utf8')).toBe(before);
  });

  it('with --registry-config keeps the other fields of the file, and push reads the same file', async () => {
    const { env } = isolatedEnv();
    const configPath = join(makeTempDir(), 'auth.json');
    await writeFile(configPath, JSON.stringify({ auths: { 'other.example': { auth: 'b3RoZXI6cHc=' } }, psFormat: 'table {{.ID}}', proxies: { default: { noProxy: '*.local' } } }));
    const loggedIn = await ocikit(['login', `http://${registry.host}/v2/`, '-u', 'ocikit', '-p', PASSWORD, '--registry-config', configPath], { env });
    expect(loggedIn.code).toBe(0);
    expect(loggedIn.stderr).toContain('warning: a password on the command line can end up in shell history');
    expect(loggedIn.stdout + loggedIn.stderr).not.toContain(PASSWORD);
    expect(JSON.parse(await readFile(configPath, 'utf8'))).toEqual({
      auths: { 'other.example': { auth: 'b3RoZXI6cHc=' }, [registry.host]: { auth: AUTH } },
      psFormat: 'table {{.ID}}',
      proxies: { default: { noProxy: '*.local' } },
    });

    const file = await fileToPush();
    expect((await ocikit(['push', `${registry.host}/login/flag:v1`, file], { env })).code).toBe(1);
    const push = await ocikit(['push', `${registry.host}/login/flag:v1`, file, '--registry-config', configPath], { env });
    expect(push.stderr).not.toContain('error');
    expect(push.code).toBe(0);
  });

  it('stores in the credsStore helper, leaves no secret in config.json, and erases it on logout', async () => {
    const helper = await installCredentialHelper();
    const { env, dockerConfig, configPath } = isolatedEnv();
    const withHelper = { ...env, PATH: helper.path };
    await mkdir(dockerConfig);
    await writeFile(configPath, JSON.stringify({ credsStore: helper.name }));

    const loggedIn = await ocikit(['login', registry.host, '-u', 'ocikit', '--password-stdin'], { input: PASSWORD, env: withHelper });
    expect(loggedIn.stderr).toBe('Credentials stored in docker-credential-ocikittest\n');
    expect(loggedIn.stdout).toBe('Login Succeeded\n');
    expect(await helper.stored()).toEqual({ [registry.host]: { ServerURL: registry.host, Username: 'ocikit', Secret: PASSWORD } });
    const file = await readFile(configPath, 'utf8');
    expect(JSON.parse(file)).toEqual({ credsStore: helper.name });
    expect(file).not.toContain(PASSWORD);
    expect(file).not.toContain(AUTH);

    const push = await ocikit(['push', `${registry.host}/login/helper:v1`, await fileToPush()], { env: withHelper });
    expect(push.stderr).not.toContain('error');
    expect(push.code).toBe(0);

    const loggedOut = await ocikit(['logout', registry.host], { env: withHelper });
    expect(loggedOut.stdout).toBe(`Removed login credentials for ${registry.host} from docker-credential-ocikittest\n`);
    expect(await helper.stored()).toEqual({});
    expect((await helper.calls()).map((c) => c.action)).toEqual(['store', 'get', 'erase']);
  });

  it('-u/-p and OCIKIT_* win over a stored login', async () => {
    const { env, dockerConfig, configPath } = isolatedEnv();
    await mkdir(dockerConfig);
    await writeFile(configPath, JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('ocikit:stale-pw').toString('base64') } } }));
    const file = await fileToPush();
    const stale = await ocikit(['push', `${registry.host}/login/order:v1`, file], { env });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('failed (HTTP 401)');
    expect((await ocikit(['push', `${registry.host}/login/order:v1`, file, '-u', 'ocikit', '-p', PASSWORD], { env })).code).toBe(0);
    expect((await ocikit(['push', `${registry.host}/login/order:v2`, file], { env: { ...env, OCIKIT_USERNAME: 'ocikit', OCIKIT_PASSWORD: PASSWORD } })).code).toBe(0);
  });

  it('needs a registry host and a whole credential (usage errors, exit 2)', async () => {
    const { env } = isolatedEnv();
    const noPassword = await ocikit(['login', registry.host, '-u', 'ocikit'], { env });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('error: a username (ocikit) was given without a password');
    const nothing = await ocikit(['login', registry.host], { env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain(`error: login to ${registry.host} needs a username and a password or token`);
    const notHost = await ocikit(['login', 'myregistry', '-u', 'a', '-p', 'b'], { env });
    expect(notHost.code).toBe(2);
    expect(notHost.stderr).toContain('error: "myregistry" is not a registry host');
  });
});
