// Registries that lie, against ocikit's core and CLI. The hostile server (test/
// harness/hostile-registry.ts) is a fake by necessity: no real registry misbehaves
// on demand, and ocikit's defence is what is under test. Wrong bytes for a digest,
// a manifest over 4 MiB, endless bodies, redirects and upload Locations on another
// host (credentials must not follow), a token realm over plain HTTP on another
// host (refused unless loopback), a referrers answer that lists the subject itself.
import { afterEach, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pullArtifact } from '../../packages/core/src/artifact/pull-artifact.js';
import { Annotation } from '../../packages/core/src/oci/annotations.js';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import { type Descriptor, EMPTY_DESCRIPTOR, type ImageIndex, type ImageManifest, MAX_MANIFEST_BYTES, describeManifest, encodeManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { staticCredentials } from '../../packages/core/src/registry/credentials.js';
import { RemoteRepository, type RemoteRepositoryOptions } from '../../packages/core/src/registry/remote-repository.js';
import { discoverReferrers } from '../../packages/core/src/referrers/discover.js';
import { type HostileHandler, type HostileServer, endless, json, send, startHostileServer } from '../harness/hostile-registry.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { makeTempDir } from '../harness/temp.js';
import { FAST_RETRY, failureOf, memoryBlob, readAll } from './support.js';

const USER = 'hostile-user';
const PASSWORD = 'hostile-s3cret-Pa55';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

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

/** An artifact with one titled layer: its manifest bytes, descriptor and layer. */
function artifact(layerBytes: Buffer, extra: Partial<ImageManifest> = {}) {
  const layer: Descriptor = { ...memoryBlob(layerBytes).descriptor, annotations: { [Annotation.Title]: 'file.bin' } };
  const { data: _data, ...config } = EMPTY_DESCRIPTOR;
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: 'application/vnd.test', config, layers: [layer], ...extra };
  const bytes = Buffer.from(encodeManifest(manifest));
  return { manifest, bytes, descriptor: describeManifest(manifest, bytes), layer };
}

/** Serves a manifest by tag `v1` and by digest, with the headers a registry sends. */
function serveManifest(path: string, res: Parameters<HostileHandler>[1], bytes: Buffer, mediaType: string, method: string): boolean {
  if (!/\/v2\/app\/manifests\//.test(path)) return false;
  const headers = { 'content-type': mediaType, 'docker-content-digest': digestOf(bytes) };
  if (method === 'HEAD') {
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
    res.end();
  } else send(res, 200, bytes, headers);
  return true;
}

describe('wrong bytes for a digest', () => {
  test('a blob answered with other bytes of the same size is a DIGEST_MISMATCH, and a pull writes nothing', async () => {
    const good = randomBytes(300_000);
    const { bytes, layer } = artifact(good);
    const evil = Buffer.from(good);
    evil[123_456] = evil[123_456]! ^ 0xff;
    const hostile = await server((req, res) => {
      if (/\/blobs\//.test(req.path)) {
        send(res, 200, evil, { 'content-type': 'application/octet-stream', 'docker-content-digest': layer.digest });
        return true;
      }
      return serveManifest(req.path, res, bytes, MediaType.ImageManifest, req.method);
    });
    const error = await failureOf(readAll(await open(hostile.host).fetchBlob(layer)));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.message).toContain(`blob ${layer.digest} from ${hostile.host}/app: content does not match its digest`);

    const out = join(makeTempDir('ocikit-hostile-pull-'), 'out');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'mine');
    expect((await failureOf(pullArtifact(open(hostile.host), 'v1', { outputDir: out }))).code).toBe('DIGEST_MISMATCH');
    expect(await readdir(out)).toEqual(['keep.txt']);
  });

  test('a manifest by digest answered with other bytes is refused; so is a tag whose Docker-Content-Digest lies', async () => {
    const { bytes, descriptor } = artifact(Buffer.from('a'));
    const other = artifact(Buffer.from('b'));
    const hostile = await server((req, res) => {
      if (req.path.endsWith(descriptor.digest)) {
        send(res, 200, other.bytes, { 'content-type': MediaType.ImageManifest });
        return true;
      }
      if (req.path.endsWith('/manifests/v1')) {
        send(res, 200, bytes, { 'content-type': MediaType.ImageManifest, 'docker-content-digest': other.descriptor.digest });
        return true;
      }
      return false;
    });
    const byDigest = await failureOf(open(hostile.host).fetchManifest(descriptor));
    expect(byDigest.code).toBe('DIGEST_MISMATCH');
    const byTag = await failureOf(open(hostile.host).fetchManifest('v1'));
    expect(byTag.code).toBe('DIGEST_MISMATCH');
  });
});

describe('oversized and endless bodies', () => {
  // The distribution spec's manifest bound, written out: a test that used the code's own
  // constant would move with it.
  const FOUR_MIB = 4 * 1024 * 1024;

  test('the bound is 4 MiB: a manifest of exactly 4 MiB is read, one byte more is not', async () => {
    expect(MAX_MANIFEST_BYTES).toBe(FOUR_MIB);
    const padded = (size: number): Buffer => {
      const { manifest } = artifact(Buffer.from('a'));
      const base = Buffer.from(encodeManifest({ ...manifest, annotations: { pad: '' } }));
      return Buffer.from(encodeManifest({ ...manifest, annotations: { pad: 'x'.repeat(size - base.length) } }));
    };
    const exact = padded(FOUR_MIB);
    const over = padded(FOUR_MIB + 1);
    expect([exact.length, over.length]).toEqual([FOUR_MIB, FOUR_MIB + 1]);
    const hostile = await server((req, res) => serveManifest(req.path, res, req.path.endsWith('/over') ? over : exact, MediaType.ImageManifest, req.method));
    expect((await open(hostile.host).fetchManifest('exact')).bytes.length).toBe(FOUR_MIB);
    const error = await failureOf(open(hostile.host).fetchManifest('over'));
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`manifest ${hostile.host}/app:over is ${FOUR_MIB + 1} bytes, over the 4 MiB limit`);
  });

  test('a manifest declared over 4 MiB is refused without reading it', async () => {
    const hostile = await server((req, res) => {
      res.writeHead(200, { 'content-type': MediaType.ImageManifest, 'content-length': String(MAX_MANIFEST_BYTES + 1) });
      res.write(Buffer.alloc(1024, 0x20)); // and then nothing more: the client must not wait for it
      return true;
    });
    const error = await failureOf(open(hostile.host).fetchManifest('v1'));
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`manifest ${hostile.host}/app:v1 is ${MAX_MANIFEST_BYTES + 1} bytes, over the 4 MiB limit`);
  });

  test('a manifest streamed past 4 MiB without a length is cut off at the limit', async () => {
    const hostile = await server((_req, res) => {
      endless(res, 200, { 'content-type': MediaType.ImageManifest });
      return true;
    });
    const error = await failureOf(open(hostile.host).fetchManifest('v1'));
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`manifest ${hostile.host}/app:v1 is larger than the ${FOUR_MIB}-byte limit for it`);
  });

  test('a manifest descriptor over 4 MiB is refused before any request', async () => {
    const hostile = await server(() => false);
    const descriptor: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(Buffer.from('x')), size: MAX_MANIFEST_BYTES + 1 };
    expect((await failureOf(open(hostile.host).fetchManifest(descriptor))).code).toBe('SIZE_LIMIT');
    expect(hostile.requests).toHaveLength(0);
  });

  test('an endless blob body stops at the descriptor size: the reader never gets a byte past it', async () => {
    const hostile = await server((_req, res) => {
      endless(res, 200, { 'content-type': 'application/octet-stream' });
      return true;
    });
    const descriptor = memoryBlob(Buffer.alloc(100_000, 0x61)).descriptor;
    const stream = await open(hostile.host).fetchBlob(descriptor);
    let received = 0;
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) received += (chunk as Buffer).length;
      })(),
    );
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.message).toMatch(/more bytes than its descriptor's size/);
    expect(received).toBeLessThanOrEqual(descriptor.size);
  });

  test.each([
    ['error body', (res: Parameters<HostileHandler>[1]) => endless(res, 400, { 'content-type': 'application/json' }), 'REGISTRY_ERROR'],
    ['tag list', (res: Parameters<HostileHandler>[1]) => endless(res, 200, { 'content-type': 'application/json' }), 'SIZE_LIMIT'],
  ] as const)('an endless %s is read only up to its bound', async (_what, answer, code) => {
    const hostile = await server((_req, res) => {
      answer(res);
      return true;
    });
    const repo = open(hostile.host);
    const error = await failureOf(_what === 'tag list' ? repo.tags() : repo.fetchManifest('v1'));
    expect(error.code).toBe(code);
    if (code === 'REGISTRY_ERROR') expect(error.detail!.length).toBeLessThan(1024);
  });

  test('an endless token answer is bounded too', async () => {
    const tokens = await server((_req, res) => {
      endless(res, 200, { 'content-type': 'application/json' });
      return true;
    });
    const hostile = await server((_req, res) => {
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="hostile"` });
      return true;
    });
    const error = await failureOf(open(hostile.host).fetchManifest('v1'));
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toMatch(/token response is larger than the 1048576-byte limit/);
  });
});

describe('credentials never follow to another host', () => {
  /** A registry that wants Basic auth on its own routes and sends blobs (or uploads) elsewhere. */
  async function basicRegistry(route: HostileHandler): Promise<HostileServer> {
    return server((req, res) => {
      if (req.headers.authorization !== BASIC) {
        json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': 'Basic realm="hostile"' });
        return true;
      }
      return route(req, res);
    });
  }

  test('a blob redirected to another host is fetched there without the Authorization header', async () => {
    const body = randomBytes(50_000);
    const descriptor = memoryBlob(body).descriptor;
    const storage = await server((_req, res) => {
      send(res, 200, body, { 'content-type': 'application/octet-stream' });
      return true;
    });
    const hostile = await basicRegistry((req, res) => {
      res.writeHead(307, { location: `${storage.url}/bucket/${descriptor.digest}?X-Amz-Signature=abc`, 'content-length': '0' });
      res.end();
      return true;
    });
    const repo = open(hostile.host, { credentials: staticCredentials({ username: USER, password: PASSWORD }) });
    expect((await readAll(await repo.fetchBlob(descriptor))).equals(body)).toBe(true);
    expect(hostile.requests.some((r) => r.headers.authorization === BASIC)).toBe(true);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
  });

  test('an upload Location on another host gets the bytes but never the credentials', async () => {
    const blob = memoryBlob(randomBytes(3 * 1024 * 1024));
    const elsewhere = await server((req, res) => {
      if (req.method === 'PATCH') {
        res.writeHead(202, { location: `/upload/next`, range: `0-${Number(req.headers['content-range']!.split('-')[1])}`, 'content-length': '0' });
        res.end();
        return true;
      }
      if (req.method === 'PUT') {
        res.writeHead(201, { 'docker-content-digest': blob.descriptor.digest, 'content-length': '0' });
        res.end();
        return true;
      }
      return false;
    });
    const hostile = await basicRegistry((req, res) => {
      if (req.method === 'HEAD') return false;
      if (req.method === 'POST') {
        res.writeHead(202, { location: `${elsewhere.url}/upload/first`, 'content-length': '0' });
        res.end();
        return true;
      }
      return false;
    });
    const repo = open(hostile.host, { credentials: staticCredentials({ username: USER, password: PASSWORD }), chunkSize: 1024 * 1024 });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');
    expect(elsewhere.requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH', 'PUT']);
    expect(elsewhere.requests.reduce((sum, r) => sum + r.bodyBytes, 0)).toBe(blob.bytes.length);
    expect(elsewhere.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });
});

describe('WWW-Authenticate realms', () => {
  test('a token realm over plain HTTP on another, non-loopback host is refused before anything is sent there', async () => {
    const hostile = await server((_req, res) => {
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': 'Bearer realm="http://auth.example.com/token",service="hostile",scope="repository:app:pull"' });
      return true;
    });
    const repo = open(hostile.host, { credentials: staticCredentials({ username: USER, password: PASSWORD }) });
    const error = await failureOf(repo.fetchManifest('v1'));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`${hostile.host} asked for credentials to be sent to http://auth.example.com without TLS; refused`);
    expect([error.message, error.detail, error.hint].join(' ')).not.toContain(PASSWORD);
  });

  test('a non-loopback IP realm over plain HTTP is refused too; the CLI says so with exit 1 and no secret', async () => {
    const hostile = await server((_req, res) => {
      json(res, 401, {}, { 'www-authenticate': 'Bearer realm="http://10.255.255.1/token",service="hostile"' });
      return true;
    });
    const result = await ocikit(['resolve', `${hostile.host}/app:v1`, '-u', USER, '-p', PASSWORD]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${hostile.host} asked for credentials to be sent to http://10.255.255.1 without TLS; refused`);
    expect(result.stderr + result.stdout).not.toContain(PASSWORD);
  });
});

describe('a referrers answer that lists the subject itself', () => {
  test('discover terminates, lists the real referrer once and never the subject', async () => {
    const subject = artifact(Buffer.from('subject'));
    const referrer = artifact(Buffer.from('sbom'), { artifactType: 'application/spdx+json', subject: subject.descriptor });
    const listing = (entries: Descriptor[]): ImageIndex => ({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: entries });
    const asReferrer = (d: Descriptor, artifactType: string): Descriptor => ({ ...d, artifactType });
    const hostile = await server((req, res) => {
      if (req.path.startsWith(`/v2/app/referrers/${subject.descriptor.digest}`)) {
        // The subject lists itself, and its referrer; the referrer lists the subject again: a loop.
        json(res, 200, listing([asReferrer(subject.descriptor, 'application/vnd.test'), asReferrer(referrer.descriptor, 'application/spdx+json')]), { 'content-type': MediaType.ImageIndex });
        return true;
      }
      if (req.path.startsWith(`/v2/app/referrers/${referrer.descriptor.digest}`)) {
        json(res, 200, listing([asReferrer(subject.descriptor, 'application/vnd.test'), asReferrer(referrer.descriptor, 'application/spdx+json')]), { 'content-type': MediaType.ImageIndex });
        return true;
      }
      if (/\/tags\/list/.test(req.path)) {
        json(res, 200, { name: 'app', tags: ['v1'] });
        return true;
      }
      return serveManifest(req.path, res, subject.bytes, MediaType.ImageManifest, req.method);
    });
    const result = await discoverReferrers(open(hostile.host), 'v1');
    expect(result.count).toBe(1);
    expect(result.referrers.map((node) => node.descriptor.digest)).toEqual([referrer.descriptor.digest]);
    expect(result.referrers[0]!.referrers).toEqual([]);
    // The CLI too: it ends, and shows the one referrer.
    const cli = await ocikit(['discover', `${hostile.host}/app:v1`, '--json']);
    expect(cli.code).toBe(0);
    const tree = JSON.parse(cli.stdout) as { digest: string; referrers: Array<{ digest: string; referrers: unknown[] }> };
    expect(tree.digest).toBe(subject.descriptor.digest);
    expect(tree.referrers.map((node) => [node.digest, node.referrers.length])).toEqual([[referrer.descriptor.digest, 0]]);
  });
});


describe('a resumed download', () => {
  test('answered with another range is refused at once: no byte of the wrong range reaches the reader', async () => {
    const body = randomBytes(200_000);
    const descriptor = memoryBlob(body).descriptor;
    const cut = 80_000;
    const hostile = await server((req, res) => {
      if (!req.path.includes('/blobs/')) return false;
      const range = req.headers.range;
      if (!range) {
        // The whole blob announced, a part sent, then the connection drops.
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
        res.write(body.subarray(0, cut), () => res.socket?.destroy());
        return true;
      }
      // Asked for bytes=80000-, it answers from byte 1000: bytes that would corrupt the file if appended.
      const start = 1000;
      send(res, 206, body.subarray(start), { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
      return true;
    });
    const stream = await open(hostile.host).fetchBlob(descriptor);
    const received: Buffer[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) received.push(chunk as Buffer);
      })(),
    );
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toContain('the registry answered a resumed download with another range');
    expect(error.detail).toBe(`asked for bytes ${cut}- of ${body.length}, got bytes 1000-${body.length - 1}/${body.length}`);
    // What the reader got is exactly the bytes before the cut, none after.
    expect(Buffer.concat(received).equals(body.subarray(0, cut))).toBe(true);
    expect(hostile.requests.map((r) => r.headers.range)).toEqual([undefined, `bytes=${cut}-`]);
  });
});
