// A host the registry sends ocikit to (a blob redirect, an upload Location, a tag
// list's next page) is a stranger: it gets no Authorization header, and when it
// answers 401 with a challenge of its own, that challenge is its refusal, never a
// reason to hand it the registry's login or to fetch tokens from its realm.
// Hostile servers by necessity (no real registry misbehaves on demand); the
// registry's own auth is what distribution does (Basic, or Bearer with a realm on
// the registry's host), and ocikit's defence is what is under test.
import { afterEach, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { staticCredentials } from '../../packages/core/src/registry/credentials.js';
import { RemoteRepository, type RemoteRepositoryOptions } from '../../packages/core/src/registry/remote-repository.js';
import { type HostileHandler, type HostileRequest, type HostileServer, json, send, startHostileServer } from '../harness/hostile-registry.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { runAction } from '../harness/action-runner.js';
import { makeTempDir } from '../harness/temp.js';
import { FAST_RETRY, failureOf, memoryBlob } from './support.js';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';

const USER = 'handoff-user';
const PASSWORD = 'handoff-s3cret-Pa55';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const TOKEN = 'registry-issued-token';

const servers: HostileServer[] = [];
const repos: RemoteRepository[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function server(handler: HostileHandler): Promise<HostileServer> {
  const started = await startHostileServer(handler);
  servers.push(started);
  return started;
}

function open(host: string, options: RemoteRepositoryOptions = {}): RemoteRepository {
  const repo = new RemoteRepository({ registry: host, repository: 'app' }, { retry: FAST_RETRY, credentials: staticCredentials({ username: USER, password: PASSWORD }), ...options });
  repos.push(repo);
  return repo;
}

/** A stranger that answers everything 401 with a Bearer challenge naming its own realm, and a token service there. */
async function stranger(): Promise<HostileServer & { secretsSeen(): string[] }> {
  let self: HostileServer;
  const started = await server((req, res) => {
    if (req.path.startsWith('/token')) {
      json(res, 200, { token: 'stolen' });
      return true;
    }
    json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': `Bearer realm="${self.url}/token",service="stranger",scope="repository:app:pull"` });
    return true;
  });
  self = started;
  return Object.assign(started, {
    /** Every credential-bearing thing the stranger was sent: headers and token requests. */
    secretsSeen: () =>
      started.requests.flatMap((r: HostileRequest) => [
        ...(r.headers.authorization ? [`authorization: ${r.headers.authorization}`] : []),
        ...(r.path.startsWith('/token') ? [`token request: ${r.path}`] : []),
        ...(r.body.toString('utf8').includes(PASSWORD) ? ['password in a body'] : []),
      ]),
  });
}

type Auth = 'basic' | 'bearer';

/**
 * The registry: Basic, or Bearer with its own token service on its own host (as a
 * distribution with token auth does). `route` answers what an authorized request asks.
 */
async function registry(auth: Auth, route: (req: HostileRequest, res: Parameters<HostileHandler>[1], self: HostileServer) => boolean): Promise<HostileServer> {
  let self: HostileServer;
  const started = await server((req, res) => {
    if (auth === 'bearer' && req.path.startsWith('/auth/token')) {
      if (req.headers.authorization !== BASIC) {
        json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] });
        return true;
      }
      json(res, 200, { token: TOKEN, expires_in: 300 });
      return true;
    }
    const expected = auth === 'basic' ? BASIC : `Bearer ${TOKEN}`;
    if (req.headers.authorization !== expected) {
      const challenge = auth === 'basic' ? 'Basic realm="registry"' : `Bearer realm="${self.url}/auth/token",service="registry",scope="repository:app:pull,push"`;
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': challenge });
      return true;
    }
    return route(req, res, self);
  });
  self = started;
  return started;
}

function redirect(res: Parameters<HostileHandler>[1], location: string): boolean {
  res.writeHead(307, { location, 'content-length': '0' });
  res.end();
  return true;
}

const body = randomBytes(20_000);
const blob = memoryBlob(body);

/** An artifact manifest with one titled layer (the blob above). */
function artifactManifest(): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ImageManifest,
      artifactType: 'application/vnd.test',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(Buffer.from('{}')), size: 2, data: 'e30=' },
      layers: [{ ...blob.descriptor, annotations: { 'org.opencontainers.image.title': 'file.bin' } }],
    }),
  );
}

function serveManifest(req: HostileRequest, res: Parameters<HostileHandler>[1], bytes: Buffer): boolean {
  if (!/^\/v2\/app\/manifests\//.test(req.path)) return false;
  const headers = { 'content-type': MediaType.ImageManifest, 'docker-content-digest': digestOf(bytes) };
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
    res.end();
  } else send(res, 200, bytes, headers);
  return true;
}

describe.each<Auth>(['basic', 'bearer'])('on a registry with %s auth', (auth) => {
  test('pull: a blob redirected to a host that challenges is refused there, and that host gets no credential', async () => {
    const elsewhere = await stranger();
    const manifest = artifactManifest();
    const hostile = await registry(auth, (req, res) => {
      if (req.path.startsWith('/v2/app/blobs/')) return redirect(res, `${elsewhere.url}/bucket/${blob.descriptor.digest}`);
      return serveManifest(req, res, manifest);
    });
    const repo = open(hostile.host);
    const error = await failureOf(repo.fetchBlob(blob.descriptor).then((stream) => stream.resume()));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain(`${elsewhere.url}, where the registry sent this request, refused it (HTTP 401)`);
    expect(elsewhere.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /bucket/${blob.descriptor.digest}`]);
    expect(elsewhere.secretsSeen()).toEqual([]);
    // The registry's own auth still works afterwards: no token came from the stranger's realm.
    expect((await repo.fetchManifest('v1')).descriptor.digest).toBe(digestOf(manifest));
    expect(elsewhere.secretsSeen()).toEqual([]);

    // The CLI says the same, exit 1, and nothing reaches the stranger.
    const out = makeTempDir();
    const cli = await ocikit(['pull', `${hostile.host}/app:v1`, '-o', out, '-u', USER, '--password-stdin'], { input: PASSWORD });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`${elsewhere.url}, where the registry sent this request, refused it (HTTP 401)`);
    expect(elsewhere.secretsSeen()).toEqual([]);
  });

  test('push: an upload Location on a host that challenges is refused there, and that host gets no credential', async () => {
    const elsewhere = await stranger();
    const hostile = await registry(auth, (req, res) => {
      if (req.method === 'HEAD') return false;
      if (req.method === 'POST') {
        res.writeHead(202, { location: `${elsewhere.url}/upload/1`, 'content-length': '0' });
        res.end();
        return true;
      }
      return false;
    });
    const error = await failureOf(open(hostile.host).pushBlob(blob.source));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain(`${elsewhere.url}, where the registry sent this request, refused it (HTTP 401)`);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    expect(elsewhere.secretsSeen()).toEqual([]);
  });

  test('tags: a next page on another host is not followed', async () => {
    const elsewhere = await stranger();
    const hostile = await registry(auth, (req, res) => {
      if (!req.path.startsWith('/v2/app/tags/list')) return false;
      json(res, 200, { name: 'app', tags: ['v1'] }, { link: `<${elsewhere.url}/v2/app/tags/list?last=v1>; rel="next"` });
      return true;
    });
    const error = await failureOf(open(hostile.host).tags());
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`listing tags of ${hostile.host}/app: the registry's next page is on another host (${elsewhere.url}); not followed`);
    expect(elsewhere.requests).toEqual([]);

    const cli = await ocikit(['tags', `${hostile.host}/app`, '-u', USER, '--password-stdin'], { input: PASSWORD });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("the registry's next page is on another host");
    expect(elsewhere.requests).toEqual([]);
  });
});

test('referrers: a next page of the referrers list on another host is not followed', async () => {
  const elsewhere = await stranger();
  const manifest = artifactManifest();
  const subject = digestOf(manifest);
  const hostile = await registry('basic', (req, res) => {
    if (req.path.startsWith('/v2/app/referrers/')) {
      json(res, 200, { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] }, { 'content-type': MediaType.ImageIndex, link: `<${elsewhere.url}/v2/app/referrers/${subject}?page=2>; rel="next"` });
      return true;
    }
    return serveManifest(req, res, manifest);
  });
  const error = await failureOf(open(hostile.host).referrers({ mediaType: MediaType.ImageManifest, digest: subject as `sha256:${string}`, size: manifest.length }));
  expect(error.message).toBe(`listing referrers of ${hostile.host}/app@${subject}: the registry's next page is on another host (${elsewhere.url}); not followed`);
  expect(elsewhere.requests).toEqual([]);
});

test('the pull action: a blob redirect to a challenging host fails the step, and the stranger gets no credential', async () => {
  const elsewhere = await stranger();
  const manifest = artifactManifest();
  const hostile = await registry('basic', (req, res) => {
    if (req.path.startsWith('/v2/app/blobs/')) return redirect(res, `${elsewhere.url}/bucket/${blob.descriptor.digest}`);
    return serveManifest(req, res, manifest);
  });
  const result = await runAction('pull', { inputs: { reference: `${hostile.host}/app:v1`, username: USER, password: PASSWORD, path: 'out' } });
  expect(result.code).toBe(1);
  expect(result.commands.find((c) => c.command === 'error')?.value).toContain(`${elsewhere.url}, where the registry sent this request, refused it (HTTP 401)`);
  expect(elsewhere.secretsSeen()).toEqual([]);
});
