// A registry that sends its answer a byte at a time, forever, stays within any
// "between two pieces" timeout; the request timeout (one request, its answer
// included) is what ends it, with an error that says so. Hostile servers by
// necessity: no real registry trickles on demand.
import { afterEach, describe, expect, test } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { RemoteRepository, type RemoteRepositoryOptions } from '../../packages/core/src/registry/remote-repository.js';
import { staticCredentials } from '../../packages/core/src/registry/credentials.js';
import { type HostileHandler, type HostileServer, startHostileServer } from '../harness/hostile-registry.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { FAST_RETRY, failureOf, memoryBlob, readAll } from './support.js';

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
  const repo = new RemoteRepository({ registry: host, repository: 'app' }, { retry: FAST_RETRY, ...options });
  repos.push(repo);
  return repo;
}

/** Headers at once, then one byte every 100 ms until the client goes away: never silent long enough for a body timeout. */
function trickle(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, headers);
  const timer = setInterval(() => res.write('{'), 100);
  res.on('close', () => clearInterval(timer));
}

describe('a registry that trickles its answer', () => {
  test('a manifest: the request ends at the request timeout, with an error that says so', async () => {
    const hostile = await server((req, res) => {
      if (!req.path.startsWith('/v2/app/manifests/')) return false;
      trickle(res, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '100000' });
      return true;
    });
    const started = Date.now();
    const error = await failureOf(open(hostile.host, { timeouts: { requestMs: 1000 } }).fetchManifest('v1'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`GET ${hostile.host}/v2/app/manifests/v1: no complete answer within 1 s`);
    expect(error.hint).toContain('OCIKIT_REQUEST_TIMEOUT');
    // Not retried: a second trickle would only double the wait. (On a loaded machine the
    // timeout can pass before this process's server has even read the request: at most one.)
    expect(hostile.requests.length).toBeLessThanOrEqual(1);
  });

  test('a blob: its deadline grows with its size, and still ends a trickle', async () => {
    const blob = memoryBlob(Buffer.alloc(64 * 1024, 1));
    const hostile = await server((req, res) => {
      if (!req.path.startsWith('/v2/app/blobs/')) return false;
      trickle(res, { 'content-type': 'application/octet-stream', 'content-length': String(blob.bytes.length) });
      return true;
    });
    // 64 KiB at 256 KiB/s is 0.25 s more than the request timeout.
    const started = Date.now();
    const error = await failureOf(open(hostile.host, { timeouts: { requestMs: 1000 } }).fetchBlob(blob.descriptor).then(readAll));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('no complete answer within 1 s');
  });

  test('a token service: the token request ends at the request timeout too', async () => {
    let self: HostileServer;
    const hostile = await server((req, res) => {
      if (req.path.startsWith('/token')) {
        trickle(res, { 'content-type': 'application/json' });
        return true;
      }
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${self.url}/token",service="hostile"`, 'content-length': '0' });
      res.end();
      return true;
    });
    self = hostile;
    const repo = open(hostile.host, { timeouts: { requestMs: 1000 }, credentials: staticCredentials({ username: 'u', password: 'p4ssw0rd-x' }) });
    const error = await failureOf(repo.fetchManifest('v1'));
    expect(error.message).toBe(`getting a token for ${hostile.host} from ${hostile.url}: no complete answer within 1 s`);
  });

  test('the CLI: --request-timeout and OCIKIT_REQUEST_TIMEOUT set it; a bad value is refused before any request', async () => {
    const hostile = await server((req, res) => {
      if (!req.path.startsWith('/v2/app/manifests/')) return false;
      trickle(res, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '100000' });
      return true;
    });
    const byFlag = await ocikit(['manifest', 'get', `${hostile.host}/app:v1`, '--request-timeout', '1']);
    expect(byFlag.code).toBe(1);
    expect(byFlag.stderr).toContain(`error: GET ${hostile.host}/v2/app/manifests/v1: no complete answer within 1 s`);

    const byEnv = await ocikit(['manifest', 'get', `${hostile.host}/app:v1`], { env: { OCIKIT_REQUEST_TIMEOUT: '1.5' } });
    expect(byEnv.code).toBe(1);
    expect(byEnv.stderr).toContain('no complete answer within 2 s');

    const requests = hostile.requests.length;
    const bad = await ocikit(['manifest', 'get', `${hostile.host}/app:v1`, '--request-timeout', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--request-timeout "soon" is not a number of seconds');
    expect(hostile.requests).toHaveLength(requests);
  });
});
