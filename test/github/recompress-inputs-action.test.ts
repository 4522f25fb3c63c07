// The recompress action's temp-dir and chunk-size inputs (the CLI's --temp-dir and
// --chunk-size; scripts/front-ends.ts), as GitHub runs the action (the committed
// bundle), against the real docker-registry through a proxy that records each request:
// what the inputs change is how the zstd layers are uploaded.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RemoteRepository } from '@ocikit/core';
import { runAction } from '../harness/action-runner.js';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { buildImage, pushImage, sampleContent } from '../harness/images.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { errors } from './step-helpers.js';

const registry = useRegistry();
let proxy: FaultProxy;

beforeAll(async () => {
  // One gzip layer of some 300 KB of barely compressible bytes: its zstd form is too.
  const image = await buildImage(makeTempDir(), { platform: { os: 'linux', architecture: 'amd64' }, layers: [{ files: { 'srv/data.bin': sampleContent(300_000) } }] });
  const repository = new RemoteRepository({ registry: registry.host, repository: 'gh/spool' });
  try {
    await pushImage(repository, image, 'v1');
  } finally {
    await repository.close();
  }
  proxy = await startFaultProxy(registry.url);
});

afterAll(async () => {
  await proxy?.stop();
});

/** The blob upload requests of one step: the bytes of each PATCH and of each PUT (which ends an upload, with the rest of the data). */
async function uploads(inputs: Record<string, string>): Promise<{ patches: number[]; puts: number[]; digest: string }> {
  const from = proxy.requests.length;
  const result = await runAction('recompress', { inputs: { source: `${proxy.host}/gh/spool:v1`, ...inputs } });
  expect(errors(result)).toEqual([]);
  const sent = proxy.requests.slice(from).filter((r) => /\/blobs\/uploads\//.test(r.path));
  return {
    patches: sent.filter((r) => r.method === 'PATCH').map((r) => Number(r.headers['content-length'] ?? 0)),
    puts: sent.filter((r) => r.method === 'PUT').map((r) => Number(r.headers['content-length'] ?? 0)),
    digest: result.outputs.digest!,
  };
}

describe('recompress action', () => {
  it('temp-dir: each zstd layer written there first, then uploaded in one request; without it, streamed in chunks', async () => {
    // Each into a repository of its own: a spooled layer's digest is known before it is sent, and one the repository has is not sent again.
    const streamed = await uploads({ destination: `${proxy.host}/gh/spool-streamed:v1` });
    expect(streamed.patches.length).toBeGreaterThan(0);
    expect(streamed.puts).toEqual([0]);
    const spool = join(makeTempDir(), 'spool');
    await mkdir(spool);
    const spooled = await uploads({ destination: `${proxy.host}/gh/spool-spooled:v1`, 'temp-dir': spool });
    expect(spooled.patches).toEqual([]);
    expect(spooled.puts).toEqual([streamed.patches.reduce((a, b) => a + b, 0)]);
    expect(spooled.digest).toBe(streamed.digest);
    // Its temporary files are gone.
    expect(await readdir(spool)).toEqual([]);
  });

  it('chunk-size: the PATCH chunks of that size', async () => {
    const chunked = await uploads({ destination: `${proxy.host}/gh/spool-chunked:v1`, 'chunk-size': '65536' });
    expect(chunked.patches.length).toBeGreaterThan(2);
    expect(Math.max(...chunked.patches)).toBe(65536);
  });
});
