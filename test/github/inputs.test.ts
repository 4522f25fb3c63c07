// The shared glue of the actions, in-process: input parsing, the choice of
// credentials, the run's annotations.
import { describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseCredentials, readAuthInputs } from '../../packages/github/src/auth.js';
import { getBoolean, getChoice, getList, getPositiveInteger, getRequired, getString, inputVariable } from '../../packages/github/src/inputs.js';
import { Secrets, failureMessage } from '../../packages/github/src/run-action.js';
import { runAnnotations, withRunAnnotations } from '../../packages/github/src/run-annotations.js';
import { escapeHtml, formatBytes } from '../../packages/github/src/summary.js';
import { OcikitError } from '@ocikit/core';
import { makeTempDir } from '../harness/temp.js';

describe('inputs', () => {
  it('reads INPUT_<NAME> with hyphens kept, as the runner sets them', () => {
    expect(inputVariable('artifact-type')).toBe('INPUT_ARTIFACT-TYPE');
    expect(getString('artifact-type', { 'INPUT_ARTIFACT-TYPE': '  a/b \n' })).toBe('a/b');
    expect(getString('artifact-type', { INPUT_ARTIFACT_TYPE: 'a/b' })).toBe('');
    expect(() => getRequired('reference', {})).toThrow('input "reference" is required');
  });

  it('splits lists by line, and by comma only where asked', () => {
    const env = { INPUT_FILES: 'a.txt:text/plain\n\n  dir with, comma  \r\nc\n', INPUT_TAGS: 'v1, v1.0\nlatest,' };
    expect(getList('files', {}, env)).toEqual(['a.txt:text/plain', 'dir with, comma', 'c']);
    expect(getList('tags', { comma: true }, env)).toEqual(['v1', 'v1.0', 'latest']);
    expect(getList('missing', {}, env)).toEqual([]);
  });

  it('reads booleans and numbers strictly', () => {
    expect(getBoolean('x', true, {})).toBe(true);
    expect(getBoolean('x', true, { INPUT_X: 'false' })).toBe(false);
    expect(getBoolean('x', false, { INPUT_X: 'TRUE' })).toBe(true);
    expect(() => getBoolean('x', false, { INPUT_X: 'yes' })).toThrow('input "x" is "yes", not a boolean');
    expect(getPositiveInteger('n', 3, {})).toBe(3);
    expect(getPositiveInteger('n', undefined, { INPUT_N: '4194304' })).toBe(4194304);
    for (const bad of ['0', '-1', '1.5', '1e3', 'abc']) expect(() => getPositiveInteger('n', 3, { INPUT_N: bad })).toThrow('not a positive whole number');
  });

  it('reads one of a fixed set of words', () => {
    const modes = ['replace', 'add'] as const;
    expect(getChoice('mode', modes, 'replace', {})).toBe('replace');
    expect(getChoice('mode', modes, 'replace', { INPUT_MODE: ' add ' })).toBe('add');
    expect(() => getChoice('mode', modes, 'replace', { INPUT_MODE: 'Add' })).toThrow('input "mode" is "Add", not one of replace, add');
  });
});

describe('credentials', () => {
  const masked: string[] = [];
  const mask = (secret: string): void => void masked.push(secret);
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ HOME: makeTempDir('ocikit-home-'), GITHUB_ACTOR: 'octocat', ...extra });

  it('masks the password and the token as soon as they are read', () => {
    masked.length = 0;
    readAuthInputs({ INPUT_PASSWORD: 'pw-1', 'INPUT_GITHUB-TOKEN': 'ghs_tok', INPUT_USERNAME: 'me' }, mask);
    expect(masked).toEqual(['pw-1', 'ghs_tok']);
  });

  it('uses github-token as github.actor for ghcr.io only', async () => {
    const e = env({ 'INPUT_GITHUB-TOKEN': 'ghs_tok' });
    const ghcr = chooseCredentials(['ghcr.io'], readAuthInputs(e, mask), e, mask);
    expect(ghcr.sources).toEqual({ 'ghcr.io': 'github-token as octocat' });
    expect(await ghcr.provider('ghcr.io')).toEqual({ username: 'octocat', password: 'ghs_tok' });
    expect(await ghcr.provider('docker.io')).toBeUndefined();

    const other = chooseCredentials(['registry.example.com'], readAuthInputs(e, mask), e, mask);
    expect(other.sources['registry.example.com']).toMatch(/^the Docker config .*config\.json if it has a login for registry\.example\.com, else anonymous$/);
    expect(await other.provider('registry.example.com')).toBeUndefined();
  });

  it('prefers username/password over the token, and the username input over the actor', async () => {
    const withPassword = env({ 'INPUT_GITHUB-TOKEN': 'ghs_tok', INPUT_USERNAME: 'bot', INPUT_PASSWORD: 'pat_123' });
    const chosen = chooseCredentials(['ghcr.io'], readAuthInputs(withPassword, mask), withPassword, mask);
    expect(await chosen.provider('ghcr.io')).toEqual({ username: 'bot', password: 'pat_123' });
    const withUser = env({ 'INPUT_GITHUB-TOKEN': 'ghs_tok', INPUT_USERNAME: 'bot' });
    const token = chooseCredentials(['ghcr.io'], readAuthInputs(withUser, mask), withUser, mask);
    expect(await token.provider('ghcr.io')).toEqual({ username: 'bot', password: 'ghs_tok' });
  });

  it('serves each registry a step names by its own rule, and no other registry', async () => {
    masked.length = 0;
    const config = makeTempDir('ocikit-docker-');
    await writeFile(join(config, 'config.json'), JSON.stringify({ auths: { 'src.example.com': { auth: Buffer.from('reader:config-pw').toString('base64') } } }));
    // ghcr.io by the token, the other by the Docker config: a copy out of GHCR after docker/login-action.
    const e = env({ 'INPUT_GITHUB-TOKEN': 'ghs_tok', DOCKER_CONFIG: config });
    const both = chooseCredentials(['ghcr.io', 'src.example.com', 'ghcr.io'], readAuthInputs(e, mask), e, mask);
    expect(Object.keys(both.sources)).toEqual(['ghcr.io', 'src.example.com']);
    expect(await both.provider('ghcr.io')).toEqual({ username: 'octocat', password: 'ghs_tok' });
    expect(await both.provider('src.example.com')).toEqual({ username: 'reader', password: 'config-pw' });
    expect(await both.provider('elsewhere.example.com')).toBeUndefined();
    // Two registries besides a token: username/password go to the one they are for (the destination), never
    // to the other's token service; that one gets the Docker config's login. Docker Hub's aliases are one registry.
    const given = env({ INPUT_USERNAME: 'bot', INPUT_PASSWORD: 'pat_9', DOCKER_CONFIG: config });
    const two = chooseCredentials(['src.example.com', 'index.docker.io'], readAuthInputs(given, mask), given, mask, ['docker.io']);
    expect(two.sources['docker.io']).toBe('username bot');
    expect(two.sources['src.example.com']).toMatch(/^the Docker config .*config\.json if it has a login for src\.example\.com, else anonymous$/);
    expect(await two.provider('index.docker.io')).toEqual({ username: 'bot', password: 'pat_9' });
    expect(await two.provider('src.example.com')).toEqual({ username: 'reader', password: 'config-pw' });
    // One registry (a single-registry verb, or source and destination on one): the credential is its.
    const one = chooseCredentials(['a.example.com', 'a.example.com'], readAuthInputs(given, mask), given, mask, ['a.example.com']);
    expect(one.sources).toEqual({ 'a.example.com': 'username bot' });
    // ghcr.io with a mirror: the token for ghcr.io (as the actor), username/password for the mirror.
    const mirror = env({ 'INPUT_GITHUB-TOKEN': 'ghs_tok', INPUT_USERNAME: 'bot', INPUT_PASSWORD: 'mirror_pw' });
    const copy = chooseCredentials(['ghcr.io', 'mirror.example.com'], readAuthInputs(mirror, mask), mirror, mask);
    expect(copy.sources).toEqual({ 'ghcr.io': 'github-token as octocat', 'mirror.example.com': 'username bot' });
    expect(await copy.provider('ghcr.io')).toEqual({ username: 'octocat', password: 'ghs_tok' });
    expect(await copy.provider('mirror.example.com')).toEqual({ username: 'bot', password: 'mirror_pw' });
    // A layout names no registry.
    expect(chooseCredentials([], readAuthInputs(given, mask), given, mask).sources).toEqual({});
  });

  it('refuses half a credential, naming the input', () => {
    const half = env({ INPUT_USERNAME: 'bot' });
    expect(() => chooseCredentials(['r.example.com'], readAuthInputs(half, mask), half, mask)).toThrow(
      'input "username" (bot) was given without "password"',
    );
    const other = env({ INPUT_PASSWORD: 'pw' });
    expect(() => chooseCredentials(['r.example.com'], readAuthInputs(other, mask), other, mask)).toThrow(
      'input "password" was given without "username"',
    );
  });

  it('reads the Docker config docker/login-action leaves, and masks what it finds', async () => {
    masked.length = 0;
    const config = makeTempDir('ocikit-docker-');
    await writeFile(join(config, 'config.json'), JSON.stringify({ auths: { 'r.example.com': { auth: Buffer.from('u:from-config').toString('base64') } } }));
    const e = env({ DOCKER_CONFIG: config });
    const chosen = chooseCredentials(['r.example.com'], readAuthInputs(e, mask), e, mask);
    expect(await chosen.provider('r.example.com')).toEqual({ username: 'u', password: 'from-config' });
    // The password, and the Basic Authorization value it makes (a registry may echo that).
    expect(masked).toEqual(['from-config', Buffer.from('u:from-config').toString('base64')]);
  });
});

describe('run annotations', () => {
  const run = { GITHUB_SERVER_URL: 'https://github.com/', GITHUB_REPOSITORY: 'octo-org/demo', GITHUB_SHA: 'abc123' };

  it('sets source and revision from the workflow, and the user wins', () => {
    expect(runAnnotations(run)).toEqual({
      'org.opencontainers.image.source': 'https://github.com/octo-org/demo',
      'org.opencontainers.image.revision': 'abc123',
    });
    expect(withRunAnnotations({ 'org.opencontainers.image.revision': 'mine', k: 'v' }, run)).toEqual({
      'org.opencontainers.image.source': 'https://github.com/octo-org/demo',
      'org.opencontainers.image.revision': 'mine',
      k: 'v',
    });
    expect(runAnnotations({})).toEqual({});
  });
});

describe('failures and summary text', () => {
  it('describes an OcikitError with the action\'s hint, secrets redacted', () => {
    const secrets = new Secrets();
    secrets.add('hunter22');
    const error = new OcikitError('UNAUTHORIZED', 'push to r.example.com/a refused', { detail: 'bad password hunter22', hint: 'check it', status: 401 });
    const message = failureMessage(error, secrets);
    expect(message).toBe(
      'push to r.example.com/a refused\n  registry said: bad password ***\n  hint: check it\n  in this action: set the `username` and `password` inputs (a secret), or for ghcr.io give the job `permissions: packages: write` (push) / `packages: read` (pull)',
    );
    expect(failureMessage(new TypeError('boom hunter22'), secrets)).toBe('unexpected error: boom ***');
  });

  it('escapes untrusted text and formats sizes', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>|')).toBe('&#60;img src=x onerror=alert(1)&#62;&#124;');
    expect(formatBytes(14)).toBe('14 B');
    expect(formatBytes(70_000)).toBe('68.4 KiB');
  });
});
