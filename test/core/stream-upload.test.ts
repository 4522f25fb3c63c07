// Blobs whose digest is known only at their end (a recompressed layer): staged
// by chunked PATCH against a real registry (behind a proxy that records and
// breaks requests), by temp file in an OCI layout, or by a spooled temp file.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OciLayoutStore, RemoteRepository, type Target, digestOf, pushBlobStream, stageBlobStream } from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { useRegistry } from '../harness/registry.js';
import { umoci } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy.stop();
});
beforeEach(() => {
  proxy.setRules([]);
  proxy.requests.length = 0;
});

const CHUNK = 64 * 1024;
const MEDIA_TYPE = 'application/vnd.example.blob';

/** The bytes in uneven pieces, as a compressor emits them. */
function pieces(bytes: Buffer): Readable {
  const out: Buffer[] = [];
  for (let at = 0, n = 1; at < bytes.length; at += n, n = (n * 7 + 1000) % 50_000) out.push(bytes.subarray(at, at + n));
  return Readable.from(out);
}

async function readBlob(target: Target, digest: string, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await target.fetchBlob({ mediaType: MEDIA_TYPE, digest: digest as `sha256:${string}`, size })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const patches = (): string[] => proxy.requests.filter((r) => r.method === 'PATCH').map((r) => String(r.headers['content-range']));

describe('chunked upload of a stream (registry)', () => {
  it('sends exact PATCH chunks as they come, stays invisible until commit, and stores the digest of what went up', async () => {
    const bytes = randomBytes(5 * CHUNK + 123);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/a' }, { chunkSize: CHUNK });
    const staged = await repo.stageBlobStream(pieces(bytes), { mediaType: MEDIA_TYPE });
    expect(staged.descriptor).toEqual({ mediaType: MEDIA_TYPE, digest: digestOf(bytes), size: bytes.length });
    expect(patches()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${i * CHUNK}-${Math.min(bytes.length, (i + 1) * CHUNK) - 1}`));
    expect(proxy.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(await repo.exists(staged.descriptor)).toBe(false);

    expect(await staged.commit()).toBe('uploaded');
    expect((await readBlob(repo, staged.descriptor.digest, bytes.length)).equals(bytes)).toBe(true);
    await expect(staged.commit()).rejects.toThrow(/committed already/);
    await repo.close();
  });

  it('resumes from what the registry holds when a chunk is lost on the way', async () => {
    const bytes = randomBytes(3 * CHUNK + 5);
    proxy.setRules([{ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'reset' } }]);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/b' }, { chunkSize: CHUNK, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const descriptor = await pushBlobStream(repo, pieces(bytes), { mediaType: MEDIA_TYPE });
    expect(descriptor.digest).toBe(digestOf(bytes));
    const statusChecks = proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/uploads/'));
    expect(statusChecks).toHaveLength(1);
    expect(patches()).toEqual([`0-${CHUNK - 1}`, `${CHUNK}-${2 * CHUNK - 1}`, `${CHUNK}-${2 * CHUNK - 1}`, `${2 * CHUNK}-${3 * CHUNK - 1}`, `${3 * CHUNK}-${3 * CHUNK + 4}`]);
    expect((await readBlob(repo, descriptor.digest, bytes.length)).equals(bytes)).toBe(true);
    await repo.close();
  });

  it('starts the first chunk over in a new session when the registry dropped the one it was cut in', async () => {
    const bytes = randomBytes(2 * CHUNK + 7);
    // distribution cancels a session whose PATCH was cut mid-body: its status GET answers 404.
    proxy.setRules([{ match: { method: 'PATCH' }, nth: [1], fault: { kind: 'cut-request-after', bytes: 1000 } }]);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/e' }, { chunkSize: CHUNK, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const descriptor = await pushBlobStream(repo, pieces(bytes), { mediaType: MEDIA_TYPE });
    expect(descriptor.digest).toBe(digestOf(bytes));
    expect(proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1); // the old session, best effort
    expect(patches()).toEqual([`0-${CHUNK - 1}`, `0-${CHUNK - 1}`, `${CHUNK}-${2 * CHUNK - 1}`, `${2 * CHUNK}-${2 * CHUNK + 6}`]);
    expect((await readBlob(repo, descriptor.digest, bytes.length)).equals(bytes)).toBe(true);
    await repo.close();
  });

  it('says a later chunk cannot be resumed once the registry dropped the session, and deletes it', async () => {
    proxy.setRules([
      { match: { method: 'PATCH' }, nth: [2], fault: { kind: 'reset' } },
      { match: { method: 'GET', path: /\/blobs\/uploads\// }, fault: { kind: 'status', status: 404, body: '{"errors":[{"code":"BLOB_UPLOAD_UNKNOWN","message":"blob upload unknown to registry"}]}' } },
    ]);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/f' }, { chunkSize: CHUNK, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const failure = await repo.stageBlobStream(pieces(randomBytes(3 * CHUNK)), { mediaType: MEDIA_TYPE }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      message: expect.stringMatching(/the upload cannot be resumed after a failed chunk/),
      detail: expect.stringMatching(new RegExp(`the chunk was bytes ${CHUNK}-${2 * CHUNK - 1}; the session is gone`)),
      hint: expect.stringMatching(/cannot be replayed into a new session; run the command again/),
    });
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    await repo.close();
  });

  it('gives up after the retry policy’s attempts in a row without progress', async () => {
    proxy.setRules([{ match: { method: 'PATCH' }, fault: { kind: 'status', status: 503 } }]);
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/g' }, { chunkSize: CHUNK, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const failure = await repo.stageBlobStream(pieces(randomBytes(2 * CHUNK)), { mediaType: MEDIA_TYPE }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 503, detail: expect.stringMatching(/gave up after 3 attempts in a row without progress/) });
    expect(patches()).toEqual([`0-${CHUNK - 1}`, `0-${CHUNK - 1}`, `0-${CHUNK - 1}`]);
    await repo.close();
  });

  it('gives up the session when the stream fails, and on abort', async () => {
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/c' }, { chunkSize: CHUNK });
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(2 * CHUNK + 10);
        throw new Error('the compressor broke');
      })(),
    );
    await expect(repo.stageBlobStream(failing, { mediaType: MEDIA_TYPE })).rejects.toThrow('the compressor broke');
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);

    const staged = await repo.stageBlobStream(pieces(randomBytes(1000)), { mediaType: MEDIA_TYPE });
    await staged.abort();
    await staged.abort(); // harmless twice
    expect(proxy.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    await expect(staged.commit()).rejects.toThrow(/aborted already/);
    expect(await repo.exists(staged.descriptor)).toBe(false);
    await repo.close();
  });

  it('spools to a temp file and uploads in one request when asked to', async () => {
    const bytes = randomBytes(3 * CHUNK);
    const tempDir = makeTempDir();
    const repo = new RemoteRepository({ registry: proxy.host, repository: 'stream/d' });
    const staged = await stageBlobStream(repo, pieces(bytes), { mediaType: MEDIA_TYPE, tempDir });
    expect(await readdir(tempDir)).toHaveLength(1);
    expect(proxy.requests).toEqual([]); // nothing sent before the commit
    expect(await staged.commit()).toBe('uploaded');
    expect(patches()).toEqual([]);
    expect(proxy.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(await readdir(tempDir)).toEqual([]);
    expect((await readBlob(repo, staged.descriptor.digest, bytes.length)).equals(bytes)).toBe(true);
    await repo.close();
  });
});

describe('staging a stream in an OCI layout', () => {
  it('writes a temp file in blobs/ and renames it into place on commit, or removes it on abort', async () => {
    const dir = join(makeTempDir(), 'layout');
    const layout = await OciLayoutStore.open(dir, { create: true });
    const bytes = randomBytes(200_000);
    const staged = await layout.stageBlobStream(pieces(bytes), { mediaType: MEDIA_TYPE });
    expect(staged.descriptor.digest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(await layout.exists(staged.descriptor)).toBe(false);
    expect(await staged.commit()).toBe('uploaded');
    expect((await readBlob(layout, staged.descriptor.digest, bytes.length)).equals(bytes)).toBe(true);

    const again = await layout.stageBlobStream(pieces(bytes), { mediaType: MEDIA_TYPE });
    expect(await again.commit()).toBe('skipped');
    const dropped = await layout.stageBlobStream(pieces(randomBytes(10)), { mediaType: MEDIA_TYPE });
    await dropped.abort();
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([staged.descriptor.digest.slice(7)]);
    // The layout is still one a peer opens (umoci reads the whole layout; the staged blob left no stray file).
    const listed = await umoci(['ls', '--layout', dir]);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
  });
});
