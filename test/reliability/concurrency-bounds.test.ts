// "Blobs transferred at once" is a bound ocikit keeps: the real registry behind a
// proxy that holds each blob transfer a moment and records when each ran, so the
// most that overlapped is the bound itself, neither more (a registry or a CI
// network flooded) nor fewer (the option ignored).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyReference, openTarget, pullArtifact, pushArtifact } from '@ocikit/core';
import { type FaultProxy, type RecordedRequest, maxInFlight, startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy?.stop();
});

const HOLD_MS = 250;
const uploads = (r: RecordedRequest): boolean => r.method === 'PUT' && r.path.includes('/blobs/uploads/');
const downloads = (r: RecordedRequest): boolean => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path);

/** Six small files of distinct content, each a blob of its own. */
async function sixFiles(): Promise<{ dir: string; paths: string[] }> {
  const dir = makeTempDir();
  const paths: string[] = [];
  for (let i = 0; i < 6; i++) {
    const path = join(dir, `f${i}.txt`);
    await writeFile(path, `file ${i} ${Math.random()}\n`);
    paths.push(path);
  }
  return { dir, paths };
}

/** Holds every blob upload's final PUT (or every blob download) for HOLD_MS, so transfers overlap as much as ocikit lets them. */
function holdBlobs(kind: 'uploads' | 'downloads'): void {
  proxy.setRules([{ match: kind === 'uploads' ? { method: 'PUT', path: /\/blobs\/uploads\// } : { method: 'GET', path: /\/blobs\/sha256:/ }, fault: { kind: 'stall', ms: HOLD_MS } }]);
  proxy.requests.splice(0);
}

describe.each([1, 2, 4])('concurrency %i', (concurrency) => {
  test('push: exactly that many blob uploads at once', async () => {
    const { paths } = await sixFiles();
    holdBlobs('uploads');
    const { target } = await openTarget(`${proxy.host}/bounds/push-${concurrency}:v1`);
    try {
      await pushArtifact(target, { files: paths.map((path) => ({ path })), tags: ['v1'], concurrency });
    } finally {
      await target.close();
    }
    const puts = proxy.requests.filter(uploads);
    // Six files and the empty config.
    expect(puts).toHaveLength(7);
    expect(maxInFlight(puts)).toBe(concurrency);
  });

  test('pull: exactly that many blob downloads at once', async () => {
    const { paths } = await sixFiles();
    proxy.setRules([]);
    const { target } = await openTarget(`${proxy.host}/bounds/pull-${concurrency}:v1`);
    try {
      await pushArtifact(target, { files: paths.map((path) => ({ path })), tags: ['v1'] });
      holdBlobs('downloads');
      await pullArtifact(target, 'v1', { outputDir: makeTempDir(), concurrency });
    } finally {
      await target.close();
    }
    const gets = proxy.requests.filter(downloads);
    expect(gets).toHaveLength(6);
    expect(maxInFlight(gets)).toBe(concurrency);
  });

  test('copy: exactly that many blobs streamed at once', async () => {
    const { paths } = await sixFiles();
    proxy.setRules([]);
    const { target } = await openTarget(`${registry.host}/bounds/copy-src-${concurrency}:v1`);
    try {
      await pushArtifact(target, { files: paths.map((path) => ({ path })), tags: ['v1'] });
    } finally {
      await target.close();
    }
    holdBlobs('uploads');
    // From the registry to the proxy in front of it: another registry host, so blobs stream (no mount).
    await copyReference(`${registry.host}/bounds/copy-src-${concurrency}:v1`, `${proxy.host}/bounds/copy-dst-${concurrency}:v1`, { concurrency });
    const puts = proxy.requests.filter(uploads);
    // Six files and the empty config (copied as a blob like any other).
    expect(puts).toHaveLength(7);
    expect(maxInFlight(puts)).toBe(concurrency);
  });
});

test('the CLI: --concurrency bounds what it sends; the default is 3', async () => {
  const { dir, paths } = await sixFiles();
  const names = paths.map((path) => path.slice(dir.length + 1));
  holdBlobs('uploads');
  const two = await ocikit(['push', `${proxy.host}/bounds/cli:two`, ...names, '--concurrency', '2'], { cwd: dir });
  expect(two.code).toBe(0);
  expect(maxInFlight(proxy.requests.filter(uploads))).toBe(2);

  const { dir: other, paths: more } = await sixFiles();
  holdBlobs('uploads');
  const byDefault = await ocikit(['push', `${proxy.host}/bounds/cli:default`, ...more.map((path) => path.slice(other.length + 1))], { cwd: other });
  expect(byDefault.code).toBe(0);
  expect(maxInFlight(proxy.requests.filter(uploads))).toBe(3);
});
