import { describe, expect, it } from '@jest/globals';
import { lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type OcikitError,
  canonicalRegistryHost,
  credentialChain,
  dockerConfigCredentials,
  givenCredentialRegistries,
  dockerConfigPath,
  login,
  logout,
  parseReference,
  parseRegistryHost,
} from '@ocikit/core';
import { installCredentialHelper, installFailingCredentialHelper } from '../harness/credential-helper.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A config.json in a fresh directory; returns the env that points DOCKER_CONFIG at it. */
async function dockerConfig(config: unknown, extraEnv: Record<string, string> = {}): Promise<{ dir: string; path: string; env: Record<string, string> }> {
  const dir = makeTempDir('ocikit-docker-config-');
  const path = join(dir, 'config.json');
  await writeFile(path, typeof config === 'string' ? config : JSON.stringify(config));
  return { dir, path, env: { DOCKER_CONFIG: dir, HOME: makeTempDir('ocikit-home-'), ...extraEnv } };
}

async function lookupError(promise: Promise<unknown>): Promise<OcikitError> {
  try {
    await promise;
  } catch (error) {
    return error as OcikitError;
  }
  throw new Error('expected the lookup to fail');
}

describe('registry host names in Docker configs', () => {
  it('canonicalises URL keys and the Docker Hub aliases', () => {
    expect(canonicalRegistryHost('https://index.docker.io/v1/')).toBe('docker.io');
    expect(canonicalRegistryHost('registry-1.docker.io')).toBe('docker.io');
    expect(canonicalRegistryHost('index.docker.io')).toBe('docker.io');
    expect(canonicalRegistryHost('http://Reg.Example:5000/v2/')).toBe('reg.example:5000');
    expect(canonicalRegistryHost('https://ghcr.io')).toBe('ghcr.io');
    expect(canonicalRegistryHost('[::1]:5000')).toBe('[::1]:5000');
  });

  it('takes what login is given as a host, and refuses what references would read as Docker Hub', () => {
    expect(parseRegistryHost('https://ghcr.io/')).toBe('ghcr.io');
    expect(parseRegistryHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(parseRegistryHost('registry-1.docker.io')).toBe('docker.io');
    expect(parseRegistryHost('localhost')).toBe('localhost');
    expect(() => parseRegistryHost('myregistry')).toThrow('"myregistry" is not a registry host');
    expect(() => parseRegistryHost('bad host:1')).toThrow('is not a registry host');
  });
});

describe('which config file', () => {
  it('is --registry-config, else REGISTRY_AUTH_FILE, else $DOCKER_CONFIG/config.json, else ~/.docker/config.json', () => {
    const env = { REGISTRY_AUTH_FILE: '/a/auth.json', DOCKER_CONFIG: '/d', HOME: '/h' };
    expect(dockerConfigPath({ registryConfig: '/x/c.json', env })).toBe('/x/c.json');
    expect(dockerConfigPath({ env })).toBe('/a/auth.json');
    expect(dockerConfigPath({ env: { ...env, REGISTRY_AUTH_FILE: '' } })).toBe('/d/config.json');
    expect(dockerConfigPath({ env: { HOME: '/h', DOCKER_CONFIG: '' } })).toBe('/h/.docker/config.json');
  });

  it('reads the file each variable names', async () => {
    const home = makeTempDir('ocikit-home-');
    await mkdir(join(home, '.docker'));
    await writeFile(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: b64('home:pw-home') } } }));
    const viaDockerConfig = await dockerConfig({ auths: { 'r.example': { auth: b64('dc:pw-dc') } } });
    const authFile = join(makeTempDir(), 'auth.json');
    await writeFile(authFile, JSON.stringify({ auths: { 'r.example': { auth: b64('raf:pw-raf') } } }));
    const flagFile = join(makeTempDir(), 'flag.json');
    await writeFile(flagFile, JSON.stringify({ auths: { 'r.example': { auth: b64('flag:pw-flag') } } }));

    const user = async (lookup: Parameters<typeof credentialChain>[0]) => ((await credentialChain(lookup)('r.example')) as { username: string }).username;
    expect(await user({ env: { HOME: home } })).toBe('home');
    expect(await user({ env: { HOME: home, DOCKER_CONFIG: viaDockerConfig.dir } })).toBe('dc');
    expect(await user({ env: { HOME: home, DOCKER_CONFIG: viaDockerConfig.dir, REGISTRY_AUTH_FILE: authFile } })).toBe('raf');
    expect(await user({ registryConfig: flagFile, env: { HOME: home, DOCKER_CONFIG: viaDockerConfig.dir, REGISTRY_AUTH_FILE: authFile } })).toBe('flag');
    // No file at all is no credential, not an error.
    expect(await credentialChain({ env: { HOME: makeTempDir() } })('r.example')).toBeUndefined();
  });
});

describe('auths entries', () => {
  it('match by host whatever the key spelling, and decode auth, username/password and identitytoken', async () => {
    const { env } = await dockerConfig({
      auths: {
        '127.0.0.1:5000': { auth: b64('alice:pw-one') },
        'https://ghcr.io': { auth: b64('bob:pw:with:colons') },
        'http://reg.example:5000/v2/': { username: 'carol', password: 'pw-three' },
        'https://index.docker.io/v1/': { auth: b64('dan:pw-hub') },
        'tokens.example': { auth: b64('erin:'), identitytoken: 'refresh-123' },
        'empty.example': {},
      },
      psFormat: 'table {{.ID}}',
    });
    const lookup = dockerConfigCredentials({ env });
    expect(await lookup('127.0.0.1:5000')).toEqual({ username: 'alice', password: 'pw-one' });
    expect(await lookup('ghcr.io')).toEqual({ username: 'bob', password: 'pw:with:colons' });
    expect(await lookup('reg.example:5000')).toEqual({ username: 'carol', password: 'pw-three' });
    for (const hub of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) {
      expect(await lookup(hub)).toEqual({ username: 'dan', password: 'pw-hub' });
    }
    expect(await lookup('tokens.example')).toEqual({ identityToken: 'refresh-123', username: 'erin' });
    expect(await lookup('empty.example')).toBeUndefined();
    expect(await lookup('reg.example')).toBeUndefined(); // another port is another registry
    expect(await lookup('unknown.example')).toBeUndefined();
  });

  it("prefer Docker's own key when a registry is there under two spellings", async () => {
    const { env } = await dockerConfig({
      auths: { 'docker.io': { auth: b64('old:pw-old') }, 'https://index.docker.io/v1/': { auth: b64('new:pw-new') } },
    });
    expect(await dockerConfigCredentials({ env })('docker.io')).toEqual({ username: 'new', password: 'pw-new' });
  });

  it('name the file and the entry when one is broken, never its contents', async () => {
    const badAuth = await dockerConfig({ auths: { 'r.example': { auth: 'not base64 at all!' } } });
    const error = await lookupError(dockerConfigCredentials({ env: badAuth.env })('r.example'));
    expect(error.message).toBe(`auths["r.example"] in ${badAuth.path}: "auth" is not base64 of user:password`);

    const badJson = await dockerConfig('{"auths": {"r.example": {"auth": "c2VjcmV0LXB3"},}}');
    const jsonError = await lookupError(dockerConfigCredentials({ env: badJson.env })('r.example'));
    expect(jsonError.code).toBe('INVALID_INPUT');
    expect(jsonError.message).toMatch(new RegExp(`^the registry config ${badJson.path} is not valid JSON \\(at position \\d+`));
    expect(jsonError.message).not.toContain('c2VjcmV0LXB3');

    const halfEntry = await dockerConfig({ auths: { 'r.example': { username: 'only-user' } } });
    expect((await lookupError(dockerConfigCredentials({ env: halfEntry.env })('r.example'))).message).toBe(
      `auths["r.example"] in ${halfEntry.path} has a username without a password`,
    );
  });
});

describe('credential helpers', () => {
  it('credHelpers[host] wins over auths; its <token> answer is an identity token', async () => {
    const helper = await installCredentialHelper();
    await helper.seed({
      'ghcr.io': { ServerURL: 'ghcr.io', Username: 'helper-user', Secret: 'helper-pw' },
      'tok.example': { ServerURL: 'tok.example', Username: '<token>', Secret: 'refresh-from-helper' },
    });
    const { env } = await dockerConfig(
      {
        auths: { 'ghcr.io': { auth: b64('file-user:file-pw') }, 'tok.example': {}, 'r.example': { auth: b64('file-r:pw-r') } },
        credHelpers: { 'ghcr.io': helper.name, 'https://tok.example': helper.name, 'none.example': helper.name },
      },
      { PATH: helper.path },
    );
    const lookup = dockerConfigCredentials({ env });
    expect(await lookup('ghcr.io')).toEqual({ username: 'helper-user', password: 'helper-pw' });
    expect(await lookup('tok.example')).toEqual({ identityToken: 'refresh-from-helper' });
    // The helper named for a host is the only place its secret may be: its "not found" is no credential.
    expect(await lookup('none.example')).toBeUndefined();
    expect(await lookup('r.example')).toEqual({ username: 'file-r', password: 'pw-r' });
    expect(await helper.calls()).toEqual([
      { action: 'get', serverURL: 'ghcr.io' },
      { action: 'get', serverURL: 'tok.example' },
      { action: 'get', serverURL: 'none.example' },
    ]);
  });

  it('credsStore answers for registries without an auths secret, asked by Docker Hub\'s v1 URL', async () => {
    const helper = await installCredentialHelper();
    await helper.seed({
      'https://index.docker.io/v1/': { ServerURL: 'https://index.docker.io/v1/', Username: 'hub-user', Secret: 'hub-pw' },
      'https://quay.io': { ServerURL: 'https://quay.io', Username: 'quay-user', Secret: 'quay-pw' },
      'r.example': { ServerURL: 'r.example', Username: 'store-r', Secret: 'store-pw' },
    });
    const { env } = await dockerConfig(
      // Docker leaves `{}` under the key it stored with when the secret went to credsStore.
      { auths: { 'https://quay.io': {}, 'r.example': { auth: b64('file-r:pw-r') } }, credsStore: helper.name },
      { PATH: helper.path },
    );
    const lookup = dockerConfigCredentials({ env });
    expect(await lookup('registry-1.docker.io')).toEqual({ username: 'hub-user', password: 'hub-pw' });
    expect(await lookup('quay.io')).toEqual({ username: 'quay-user', password: 'quay-pw' });
    expect(await lookup('r.example')).toEqual({ username: 'file-r', password: 'pw-r' });
    expect(await lookup('nothing.example')).toBeUndefined();
    expect(await helper.calls()).toEqual([
      { action: 'get', serverURL: 'https://index.docker.io/v1/' },
      { action: 'get', serverURL: 'quay.io' },
      { action: 'get', serverURL: 'https://quay.io' },
      { action: 'get', serverURL: 'nothing.example' },
    ]);
  });

  it('a missing or failing helper is an error naming it and what it said', async () => {
    const missing = await dockerConfig({ credsStore: 'ocikit-no-such-helper' });
    const notInstalled = await lookupError(dockerConfigCredentials({ env: missing.env })('r.example'));
    expect(notInstalled.code).toBe('INVALID_INPUT');
    expect(notInstalled.message).toBe('the credential helper docker-credential-ocikit-no-such-helper is not installed (not found on PATH)');
    expect(notInstalled.hint).toContain('remove "ocikit-no-such-helper" from credsStore / credHelpers');

    const locked = await installFailingCredentialHelper('ocikitlocked', 'the keychain is locked');
    const failing = await dockerConfig({ credHelpers: { 'r.example': locked.name } }, { PATH: locked.path });
    const failed = await lookupError(dockerConfigCredentials({ env: failing.env })('r.example'));
    expect(failed.message).toBe('the credential helper docker-credential-ocikitlocked failed to get the credential for r.example: the keychain is locked');

    const traversal = await dockerConfig({ credsStore: '../../bin/sh' });
    expect((await lookupError(dockerConfigCredentials({ env: traversal.env })('r.example'))).message).toBe(
      'the credential helper name "../../bin/sh" is not valid',
    );
  });

  it('never repeats a helper answer it cannot parse (it may be the secret)', async () => {
    const helper = await installCredentialHelper('ocikitraw');
    const { env } = await dockerConfig({ credsStore: helper.name }, { PATH: helper.path });
    // A helper that answers a bare secret instead of JSON.
    await writeFile(join(helper.binDir, 'docker-credential-ocikitraw'), '#!/bin/sh\ncat >/dev/null\necho raw-secret-VALUE\n');
    const error = await lookupError(dockerConfigCredentials({ env })('r.example'));
    expect(error.message).toBe('docker-credential-ocikitraw get answered for r.example with something that is not JSON');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('raw-secret-VALUE');
  });
});

describe('the lookup chain', () => {
  it('is given credentials, then OCIKIT_USERNAME/OCIKIT_PASSWORD, then the Docker config', async () => {
    const { env: configEnv } = await dockerConfig({ auths: { 'r.example': { auth: b64('from-file:pw-file') } } });
    const env = { ...configEnv, OCIKIT_USERNAME: 'from-env', OCIKIT_PASSWORD: 'pw-env' };
    expect(await credentialChain({ username: 'given', password: 'pw-given', env })('r.example')).toEqual({ username: 'given', password: 'pw-given' });
    expect(await credentialChain({ env })('r.example')).toEqual({ username: 'from-env', password: 'pw-env' });
    expect(await credentialChain({ env: configEnv })('r.example')).toEqual({ username: 'from-file', password: 'pw-file' });
    // Each half of a given credential falls back to the environment; CI passes unset inputs as ''.
    expect(await credentialChain({ username: 'bot', env })('r.example')).toEqual({ username: 'bot', password: 'pw-env' });
    expect(await credentialChain({ username: '', password: '', env: configEnv })('r.example')).toEqual({ username: 'from-file', password: 'pw-file' });
  });

  it('gives a credential only to the registries it is for, the others their Docker config login', async () => {
    const { env } = await dockerConfig({ auths: { 'src.example': { auth: b64('reader:pw-file') } } });
    const chain = credentialChain({ username: 'writer', password: 'pw-dest', env }, ['dest.example:5000']);
    expect(await chain('dest.example:5000')).toEqual({ username: 'writer', password: 'pw-dest' });
    expect(await chain('http://dest.example:5000')).toEqual({ username: 'writer', password: 'pw-dest' });
    expect(await chain('src.example')).toEqual({ username: 'reader', password: 'pw-file' });
    expect(await chain('elsewhere.example')).toBeUndefined();
    // Without a list (a verb that talks to one registry) it is for whatever registry asks.
    expect(await credentialChain({ username: 'writer', password: 'pw-dest', env })('src.example')).toEqual({ username: 'writer', password: 'pw-dest' });
  });

  it('says which registries a given credential is for: the written one, else the sources', () => {
    const source = parseReference('src.example/app:v1');
    expect(givenCredentialRegistries(parseReference('dest.example/app:v1'), [source])).toEqual(['dest.example']);
    expect(givenCredentialRegistries(parseReference('oci-layout:./out:v1'), [source, parseReference('other.example/b:v1')])).toEqual(['src.example', 'other.example']);
    expect(givenCredentialRegistries(undefined, [parseReference('oci-layout:./in:v1')])).toEqual([]);
  });

  it('refuses half a credential before any request', () => {
    expect(() => credentialChain({ username: 'bot', env: {} })).toThrow('a username (bot) was given without a password');
    expect(() => credentialChain({ env: { OCIKIT_PASSWORD: 'pw' } })).toThrow('a password was given without a username');
  });
});

describe('login and logout (core, against the real registry)', () => {
  const registry = useRegistry({ auth: 'basic' });
  const good = { username: 'ocikit', password: 'the-s3cret-pass' };

  it('stores in auths, keeps every other field, scrubs stale spellings, and logs out again', async () => {
    const { path, env } = await dockerConfig({
      auths: { [`http://${registry.host}/v2/`]: { auth: b64('stale:stale-pw') }, 'other.example': { auth: b64('o:pw-o'), email: 'o@example' } },
      credHelpers: { 'helper-only.example': 'unused' },
      HttpHeaders: { 'X-Meta': 'kept' },
      psFormat: 'table {{.ID}}',
    });
    const result = await login({ registry: registry.host, credential: good, env });
    expect(result).toEqual({ registry: registry.host, storedIn: path, inConfigFile: true });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      auths: { 'other.example': { auth: b64('o:pw-o'), email: 'o@example' }, [registry.host]: { auth: b64('ocikit:the-s3cret-pass') } },
      credHelpers: { 'helper-only.example': 'unused' },
      HttpHeaders: { 'X-Meta': 'kept' },
      psFormat: 'table {{.ID}}',
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await dockerConfigCredentials({ env })(registry.host)).toEqual(good);

    expect(await logout({ registry: registry.host, env })).toEqual({ registry: registry.host, removedFrom: [path] });
    expect(JSON.parse(await readFile(path, 'utf8')).auths).toEqual({ 'other.example': { auth: b64('o:pw-o'), email: 'o@example' } });
    expect(await logout({ registry: registry.host, env })).toEqual({ registry: registry.host, removedFrom: [] });
  });

  it('follows a symlinked config.json, as Docker does, so the link survives', async () => {
    const real = join(makeTempDir(), 'real-config.json');
    await writeFile(real, JSON.stringify({ psFormat: 'x' }));
    const dir = makeTempDir('ocikit-docker-config-');
    await symlink(real, join(dir, 'config.json'));
    await login({ registry: registry.host, credential: good, env: { DOCKER_CONFIG: dir } });
    expect((await lstat(join(dir, 'config.json'))).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(real, 'utf8'))).toEqual({ psFormat: 'x', auths: { [registry.host]: { auth: b64('ocikit:the-s3cret-pass') } } });
  });

  it('stores in the host helper before credsStore, and leaves no secret in the file', async () => {
    const hostHelper = await installCredentialHelper('ocikithost');
    const store = await installCredentialHelper('ocikitstore');
    const { path, env } = await dockerConfig(
      {
        auths: { [registry.host]: { auth: b64('stale:stale-pw') } },
        credHelpers: { [registry.host]: hostHelper.name },
        credsStore: store.name,
      },
      { PATH: `${hostHelper.binDir}:${store.path}` },
    );
    expect(await login({ registry: registry.host, credential: good, env })).toEqual({
      registry: registry.host,
      storedIn: 'docker-credential-ocikithost',
      inConfigFile: false,
    });
    expect(await hostHelper.stored()).toEqual({ [registry.host]: { ServerURL: registry.host, Username: 'ocikit', Secret: 'the-s3cret-pass' } });
    expect(await store.stored()).toEqual({});
    const file = await readFile(path, 'utf8');
    expect(JSON.parse(file).auths).toEqual({ [registry.host]: {} });
    expect(file).not.toContain('stale-pw');

    expect(await logout({ registry: registry.host, env })).toEqual({ registry: registry.host, removedFrom: ['docker-credential-ocikithost'] });
    expect(await hostHelper.stored()).toEqual({});
  });

  it('stores nothing when the registry refuses the password', async () => {
    const helper = await installCredentialHelper();
    const { path, env } = await dockerConfig({ credsStore: helper.name }, { PATH: helper.path });
    const before = await readFile(path, 'utf8');
    const error = await lookupError(login({ registry: registry.host, credential: { username: 'ocikit', password: 'wrong-pw-77' }, env }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe(`logging in to ${registry.host} as ocikit failed: the registry refused the username and password`);
    expect(error.hint).toBe('check the username and the password or token; nothing was stored');
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await helper.calls()).toEqual([]);
  });
});
