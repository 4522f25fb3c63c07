// Several tags in one manifest PUT (`?tag=a&tag=b`, distribution-spec 1.1+): olareg
// takes them and confirms each in an OCI-Tag header, so a push with three tags is one
// manifest request; distribution 2.8 ignores the query, so each tag gets its own PUT
// (and the repository remembers, so the next push does not ask again). Both real
// registries, each behind a proxy that records what was sent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository, pushArtifact } from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const work = makeTempDir('ocikit-multitag-');
const olareg = useApiRegistry('olareg');
const distribution = useRegistry();
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  await writeFile(join(work, 'app.txt'), 'the app\n');
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
});

async function proxied(url: string): Promise<FaultProxy> {
  const proxy = await startFaultProxy(url);
  proxies.push(proxy);
  return proxy;
}

const manifestPuts = (proxy: FaultProxy): string[] => proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/')).map((r) => r.path.replace(/sha256:[0-9a-f]{64}/, '<digest>'));

describe('several tags in one manifest PUT', () => {
  it('olareg confirms them all in one request', async () => {
    const proxy = await proxied(olareg.url);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'multi/app' });
    try {
      const pushed = await pushArtifact(repo, { files: [{ path: join(work, 'app.txt') }], tags: ['v1', 'v1.0', 'latest'] });
      expect(manifestPuts(proxy)).toEqual(['/v2/multi/app/manifests/<digest>?tag=v1&tag=v1.0&tag=latest']);
      for (const tag of ['v1', 'v1.0', 'latest']) expect((await repo.resolve(tag)).digest).toBe(pushed.descriptor.digest);
    } finally {
      await repo.close();
    }
  });

  it('distribution ignores the query: a PUT a tag, and the repository does not ask again', async () => {
    const proxy = await proxied(distribution.url);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'multi/app' });
    try {
      const pushed = await pushArtifact(repo, { files: [{ path: join(work, 'app.txt') }], tags: ['v1', 'latest'] });
      expect(manifestPuts(proxy)).toEqual(['/v2/multi/app/manifests/<digest>?tag=v1&tag=latest', '/v2/multi/app/manifests/v1', '/v2/multi/app/manifests/latest']);
      for (const tag of ['v1', 'latest']) expect((await repo.resolve(tag)).digest).toBe(pushed.descriptor.digest);

      proxy.requests.splice(0);
      await pushArtifact(repo, { files: [{ path: join(work, 'app.txt') }], tags: ['v2', 'stable'] });
      expect(manifestPuts(proxy)).toEqual(['/v2/multi/app/manifests/v2', '/v2/multi/app/manifests/stable']);
    } finally {
      await repo.close();
    }
  });

  it('one tag is one PUT by tag, as before', async () => {
    const proxy = await proxied(olareg.url);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'multi/one' });
    try {
      await pushArtifact(repo, { files: [{ path: join(work, 'app.txt') }], tags: ['v1'] });
      expect(manifestPuts(proxy)).toEqual(['/v2/multi/one/manifests/v1']);
    } finally {
      await repo.close();
    }
  });
});
