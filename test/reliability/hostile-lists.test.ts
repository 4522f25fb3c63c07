// A registry cannot make ocikit hold an unbounded list: a tag list is bounded in
// pages, bytes and entries (each refusal naming its bound), a page far larger
// than any call stack is read whole, and a graph copy holds a bounded amount of
// manifest bytes. Hostile servers by necessity: no real
// registry sends such lists on demand.
import { afterEach, describe, expect, test } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { copyReference } from '../../packages/core/src/copy/copy-reference.js';
import { digestOf } from '../../packages/core/src/oci/digest.js';
import { RemoteRepository } from '../../packages/core/src/registry/remote-repository.js';
import { makeTempDir } from '../harness/temp.js';
import { type HostileHandler, type HostileServer, endless, json, startHostileServer } from '../harness/hostile-registry.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { FAST_RETRY, failureOf } from './support.js';

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

function open(host: string): RemoteRepository {
  const repo = new RemoteRepository({ registry: host, repository: 'app' }, { retry: FAST_RETRY });
  repos.push(repo);
  return repo;
}

const tagsPath = /^\/v2\/app\/tags\/list/;
const names = (from: number, count: number, width = 0): string[] => Array.from({ length: count }, (_, i) => `t${String(from + i).padStart(width, '0')}`);

describe('tag lists', () => {
  test('one page of 300,000 tags is read whole (a spread of it would overflow the call stack)', async () => {
    const tags = names(0, 300_000);
    const hostile = await server((req, res) => {
      if (!tagsPath.test(req.path)) return false;
      json(res, 200, { name: 'app', tags });
      return true;
    });
    const listed = await open(hostile.host).tags();
    expect(listed.length).toBe(300_000);
    expect(listed.at(-1)).toBe('t299999');
  });

  test('more than 1,000,000 tags over several pages: refused, naming the entry bound', async () => {
    const hostile = await server((req, res) => {
      if (!tagsPath.test(req.path)) return false;
      const page = Number(new URL(req.path, 'http://x').searchParams.get('page') ?? '0');
      json(res, 200, { name: 'app', tags: names(page * 400_000, 400_000) }, { link: `</v2/app/tags/list?page=${page + 1}>; rel="next"` });
      return true;
    });
    const error = await failureOf(open(hostile.host).tags());
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`listing tags of ${hostile.host}/app: the list has more than 1000000 entries; ocikit stopped reading it`);
    expect(hostile.requests).toHaveLength(3);
  });

  test('pages that add up to more than 64 MiB: refused, naming the byte bound', async () => {
    // Long tags (128 characters), so the bytes run out before the entries do.
    const long = (page: number): string[] => names(page * 40_000, 40_000, 127);
    const hostile = await server((req, res) => {
      if (!tagsPath.test(req.path)) return false;
      const page = Number(new URL(req.path, 'http://x').searchParams.get('page') ?? '0');
      json(res, 200, { name: 'app', tags: long(page) }, { link: `</v2/app/tags/list?page=${page + 1}>; rel="next"` });
      return true;
    });
    const error = await failureOf(open(hostile.host).tags());
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`listing tags of ${hostile.host}/app: the list has more than ${64 * 1024 * 1024} bytes; ocikit stopped reading it`);
    // 40,000 tags of 131 bytes are ~5.2 MB a page: the 13th page crosses 64 MiB.
    expect(hostile.requests).toHaveLength(13);
  });

  test('one endless page: reading stops at 64 MiB; the CLI says which bound, exit 1', async () => {
    const hostile = await server((req, res) => {
      if (!tagsPath.test(req.path)) return false;
      endless(res, 200, { 'content-type': 'application/json' }, Buffer.from('"t", '.repeat(10_000)));
      return true;
    });
    const error = await failureOf(open(hostile.host).tags());
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toBe(`the tag list of ${hostile.host}/app is larger than the ${64 * 1024 * 1024}-byte limit for it`);
    expect(hostile.endlessBytes).toBeLessThan(80 * 1024 * 1024);

    const cli = await ocikit(['tags', `${hostile.host}/app`]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`error: the tag list of ${hostile.host}/app is larger than the ${64 * 1024 * 1024}-byte limit for it`);
  });
});

describe('a graph copy', () => {
  test('an index of manifests adding up to more than 256 MiB is refused before anything is written', async () => {
    const FOUR_MIB = 4 * 1024 * 1024;
    const empty = { mediaType: 'application/vnd.oci.empty.v1+json', digest: digestOf(Buffer.from('{}')), size: 2, data: 'e30=' };
    // Child i: a valid artifact manifest of exactly 4 MiB, made again whenever it is asked for.
    const child = (i: number): Buffer => {
      const shape = (pad: string) => Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.test', config: empty, layers: [], annotations: { i: String(i), pad } }));
      return shape('x'.repeat(FOUR_MIB - shape('').length));
    };
    const children = Array.from({ length: 70 }, (_, i) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(child(i)), size: FOUR_MIB }));
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: children }));
    const byDigest = new Map<string, number>(children.map((d, i) => [d.digest, i]));
    const hostile = await server((req, res) => {
      const match = /^\/v2\/app\/manifests\/(.+)$/.exec(req.path);
      if (!match) return false;
      const i = byDigest.get(decodeURIComponent(match[1]!));
      const bytes = i === undefined ? index : child(i);
      const type = i === undefined ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json';
      res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length), 'docker-content-digest': digestOf(bytes) });
      res.end(req.method === 'HEAD' ? undefined : bytes);
      return true;
    });
    const layout = join(makeTempDir(), 'copy');
    const error = await failureOf(copyReference(`${hostile.host}/app:v1`, `oci-layout:${layout}:v1`));
    expect(error.code).toBe('SIZE_LIMIT');
    expect(error.message).toMatch(/the manifests below sha256:[0-9a-f]{64} add up to more than 268435456 bytes$/);
    // Refused while reading the graph: nothing was written.
    expect(await readdir(join(layout, 'blobs', 'sha256')).catch(() => [])).toEqual([]);
  }, 60_000);
});
