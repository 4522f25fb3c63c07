// chunk-size in every action that uploads (the CLI's --chunk-size; scripts/front-ends.ts),
// as GitHub runs the bundle: against the real docker-registry through a proxy that
// records each request, the blobs go up in PATCH chunks of that size, and in one PUT
// without it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction } from '../harness/action-runner.js';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { sampleContent } from '../harness/images.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { errors } from './step-helpers.js';

const registry = useRegistry();
let proxy: FaultProxy;
let cwd: string;

beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
  cwd = makeTempDir('ocikit-chunk-size-');
  await writeFile(join(cwd, 'app.bin'), sampleContent(200_000));
  await writeFile(join(cwd, 'report.sarif'), JSON.stringify({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs: [{ tool: { driver: { name: 'scan' } }, results: [], padding: sampleContent(100_000).toString('base64') }] }));
});

afterAll(async () => {
  await proxy?.stop();
});

/** The PATCH sizes of one step's blob uploads. */
async function patches(action: string, inputs: Record<string, string>): Promise<number[]> {
  const from = proxy.requests.length;
  const result = await runAction(action, { cwd, inputs });
  expect(errors(result)).toEqual([]);
  return proxy.requests.slice(from).filter((r) => r.method === 'PATCH' && /\/blobs\/uploads\//.test(r.path)).map((r) => Number(r.headers['content-length'] ?? 0));
}

describe('chunk-size', () => {
  it('copy: the blobs copied go up in chunks of that size', async () => {
    expect(await patches('push', { reference: `${registry.host}/gh/chunks-source:v1`, files: 'app.bin' })).toEqual([]);
    const sent = await patches('copy', { source: `${registry.host}/gh/chunks-source:v1`, destination: `${proxy.host}/gh/chunks-copy:v1`, 'chunk-size': '65536' });
    expect(sent.length).toBeGreaterThan(2);
    expect(Math.max(...sent)).toBe(65536);
  });

  it('attach: the referrer goes up in chunks of that size; without it, in one PUT', async () => {
    await patches('push', { reference: `${proxy.host}/gh/chunks-subject:v1`, files: 'app.bin' });
    const sent = await patches('attach', { subject: `${proxy.host}/gh/chunks-subject:v1`, files: 'report.sarif', 'chunk-size': '32768' });
    expect(sent.length).toBeGreaterThan(2);
    expect(Math.max(...sent)).toBe(32768);
    expect(await patches('attach', { subject: `${proxy.host}/gh/chunks-subject:v1`, files: 'report.sarif', annotations: 'com.example.again=yes' })).toEqual([]);
  });
});
