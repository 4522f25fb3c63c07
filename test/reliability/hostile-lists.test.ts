// A registry cannot make ocikit hold an unbounded list: a tag list is bounded in
// pages, bytes and entries (each refusal naming its bound), and a page far larger
// than any call stack is read whole. Hostile servers by necessity: no real
// registry sends such lists on demand.
import { afterEach, describe, expect, test } from '@jest/globals';
import { RemoteRepository } from '../../packages/core/src/registry/remote-repository.js';
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
