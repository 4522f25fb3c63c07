// Resumable uploads and Range-resumed downloads against the real registry
// (distribution 2.8.2) behind the fault-injecting proxy: after a failure the
// upload asks the session where it stands and sends only the rest; a session that
// is gone, or a single PUT that dropped, starts over (bounded); a download that
// breaks off goes on with `Range` and is still verified over the whole blob.
import { describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { FAST_RETRY, MiB, failureOf, memoryBlob, readAll, useFaultyRegistry } from './support.js';

const UPLOADS = /\/blobs\/uploads\//;
const BLOBS = /\/blobs\/sha256:/;

describe('resumable uploads', () => {
  const env = useFaultyRegistry();

  test('a PATCH dropped before it reaches the registry: the session is asked, and only the missing bytes are sent', async () => {
    const blob = memoryBlob(randomBytes(5 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [3], fault: { kind: 'drop-request-after', bytes: 300 * 1024 } });
    const repo = env.open('resume/drop', { chunkSize: MiB });
    expect(await repo.pushBlob(blob.source)).toBe('uploaded');
    expect(env.recoveries).toEqual([{ digest: blob.descriptor.digest, action: 'resume', offset: 2 * MiB, reason: 'the connection dropped' }]);
    // One POST: the session was never given up. One status GET. The dropped PATCH again, from byte 2 MiB.
    expect(env.seen('POST')).toHaveLength(1);
    expect(env.seen('GET', UPLOADS)).toHaveLength(1);
    const ranges = env.seen('PATCH').map((r) => r.headers['content-range']);
    expect(ranges).toEqual(['0-1048575', '1048576-2097151', '2097152-3145727', '2097152-3145727', '3145728-4194303', '4194304-5242879']);
    // Bytes read from the source: each range once, the dropped one twice; nothing before it again.
    expect(blob.opened.filter(([start]) => start < 2 * MiB)).toHaveLength(2);
    expect((await readAll(await env.direct('resume/drop').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('503 on a PATCH: resumed at the offset the registry reports', async () => {
    const blob = memoryBlob(randomBytes(4 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'status', status: 503 } });
    const repo = env.open('resume/503', { chunkSize: MiB });
    await repo.pushBlob(blob.source);
    expect(env.recoveries.map((r) => [r.action, r.offset, r.reason])).toEqual([['resume', MiB, 'HTTP 503']]);
    expect(env.seen('POST')).toHaveLength(1);
    expect((await readAll(await env.direct('resume/503').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('429 with Retry-After on a PATCH is waited out, then resumed', async () => {
    const blob = memoryBlob(randomBytes(3 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    await env.open('resume/429', { chunkSize: MiB }).pushBlob(blob.source);
    const [, refused, again] = env.seen('PATCH');
    expect(again!.at - refused!.at).toBeGreaterThanOrEqual(900);
    expect(env.recoveries.map((r) => r.action)).toEqual(['resume']);
  });

  test('a PATCH cut mid-body after part of it reached the registry: distribution drops the session, so a new one starts', async () => {
    const blob = memoryBlob(randomBytes(4 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [3], fault: { kind: 'cut-request-after', bytes: 512 * 1024 } });
    await env.open('resume/cut', { chunkSize: MiB }).pushBlob(blob.source);
    // distribution 2.8 cancels a session whose stored size no longer matches its state token.
    // Whether it has by the time ocikit asks for the session's status depends on the machine's
    // load: a resume at what it had stored then comes first, and is refused.
    expect([[['restart', 0]], [['resume', 2 * MiB], ['restart', 0]]]).toContainEqual(env.recoveries.map((r) => [r.action, r.offset]));
    expect(env.seen('POST')).toHaveLength(2);
    expect((await readAll(await env.direct('resume/cut').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('a session the registry no longer knows (404 on its status) starts over in a new one', async () => {
    const blob = memoryBlob(randomBytes(3 * MiB));
    env.faults(
      { match: { method: 'PATCH' }, nth: [2], fault: { kind: 'reset' } },
      { match: { method: 'GET', path: UPLOADS }, fault: { kind: 'status', status: 404, body: '{"errors":[{"code":"BLOB_UPLOAD_UNKNOWN","message":"blob upload unknown"}]}' } },
    );
    await env.open('resume/gone', { chunkSize: MiB }).pushBlob(blob.source);
    expect(env.recoveries.map((r) => r.action)).toEqual(['restart']);
    expect(env.seen('DELETE', UPLOADS)).toHaveLength(1); // the abandoned session, tidied up
    expect((await readAll(await env.direct('resume/gone').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('a PATCH the registry answers 404 BLOB_UPLOAD_INVALID (its _state moved on under a resumed session) starts over in a new one', async () => {
    // distribution's answer when a PATCH given up on lands after the status GET: the location we hold is stale.
    const blob = memoryBlob(randomBytes(3 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'status', status: 404, body: '{"errors":[{"code":"BLOB_UPLOAD_INVALID","message":"blob upload invalid"}]}' } });
    await env.open('resume/stale-state', { chunkSize: MiB }).pushBlob(blob.source);
    expect(env.recoveries.map((r) => [r.action, r.offset, r.reason])).toEqual([['restart', 0, 'the registry no longer knew the upload session']]);
    expect(env.seen('POST')).toHaveLength(2);
    expect((await readAll(await env.direct('resume/stale-state').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('a PATCH answered 404 for another reason is that error, not retried', async () => {
    const blob = memoryBlob(randomBytes(2 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [1], fault: { kind: 'status', status: 404, body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}' } });
    const failure = await failureOf(env.open('resume/404-other', { chunkSize: MiB }).pushBlob(blob.source));
    expect(failure).toMatchObject({ code: 'NOT_FOUND' });
    expect(env.recoveries).toEqual([]);
  });

  test('a single PUT that drops has nothing to resume: it starts over from the re-opened source', async () => {
    const blob = memoryBlob(randomBytes(3 * MiB));
    env.faults({ match: { method: 'PUT', path: UPLOADS }, nth: [1], fault: { kind: 'cut-request-after', bytes: MiB } });
    await env.open('resume/put').pushBlob(blob.source);
    expect(env.recoveries.map((r) => [r.action, r.offset])).toEqual([['restart', 0]]);
    expect(blob.opened).toEqual([
      [0, 3 * MiB - 1],
      [0, 3 * MiB - 1],
    ]);
    expect((await readAll(await env.direct('resume/put').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('a closing PUT whose answer is lost: the blob is found stored, nothing is sent again', async () => {
    const blob = memoryBlob(randomBytes(2 * MiB));
    env.faults({ match: { method: 'PUT', path: UPLOADS }, nth: [1], fault: { kind: 'drop-response' } });
    await env.open('resume/landed', { chunkSize: MiB }).pushBlob(blob.source);
    expect(env.recoveries.map((r) => r.action)).toEqual(['landed']);
    expect(env.seen('PUT', UPLOADS)).toHaveLength(1);
  });

  test('a stalled PATCH (no answer) times out and is resumed', async () => {
    const blob = memoryBlob(randomBytes(3 * MiB));
    env.faults({ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'stall', ms: 2_000 } });
    await env.open('resume/stall', { chunkSize: MiB, timeouts: { headersMs: 500 } }).pushBlob(blob.source);
    expect(env.recoveries.map((r) => r.reason)).toEqual(['the registry stalled']);
    expect((await readAll(await env.direct('resume/stall').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });

  test('a PATCH that always drops gives up after the bounded attempts, names the blob, and deletes its session', async () => {
    const blob = memoryBlob(randomBytes(2 * MiB));
    env.faults({ match: { method: 'PATCH' }, fault: { kind: 'drop-request-after', bytes: 1 } });
    const error = await failureOf(env.open('resume/never', { chunkSize: MiB }).pushBlob(blob.source));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/^PATCH 127\.0\.0\.1:\d+\/v2\/resume\/never\/blobs\/uploads\/[^ ]+: could not reach/);
    expect(error.detail).toMatch(/gave up after 5 attempts in a row without progress/);
    expect(env.seen('PATCH')).toHaveLength(5);
    // 0-0 from the status GET is ambiguous, so each recovery starts a new session; each abandoned one is deleted.
    expect(env.seen('DELETE', UPLOADS).length).toBe(env.seen('POST').length);
    expect(await env.direct('resume/never').exists(blob.descriptor)).toBe(false);
  });

  test('a chunk appended at the wrong offset is caught from the Range answer, and the upload starts over', async () => {
    const blob = memoryBlob(randomBytes(3 * MiB));
    // The registry is told a chunk ended elsewhere than it did: as after a PATCH it appended blindly.
    env.faults({ match: { method: 'PATCH' }, nth: [2], fault: { kind: 'add-headers', headers: { range: '0-5' } } });
    await env.open('resume/wrong-range', { chunkSize: MiB }).pushBlob(blob.source);
    expect(env.recoveries.map((r) => r.action)).toEqual(['restart']);
    expect((await readAll(await env.direct('resume/wrong-range').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
  });
});

describe('Range-resumed downloads', () => {
  const env = useFaultyRegistry();

  async function seeded(repository: string, size = 6 * MiB) {
    const blob = memoryBlob(randomBytes(size));
    await env.direct(repository).pushBlob(blob.source);
    return blob;
  }

  test('a body cut short goes on with Range: bytes=<received>- and is verified over the whole blob', async () => {
    const blob = await seeded('pull/cut');
    env.faults({ match: { method: 'GET', path: BLOBS }, nth: [1], fault: { kind: 'truncate-body', afterBytes: 2 * MiB + 123 } });
    const bytes = await readAll(await env.open('pull/cut').fetchBlob(blob.descriptor));
    expect(bytes.equals(blob.bytes)).toBe(true);
    const gets = env.seen('GET', BLOBS);
    expect(gets).toHaveLength(2);
    expect(gets[0]!.headers.range).toBeUndefined();
    expect(gets[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    // The resumed request starts exactly where the bytes stopped (at most what the cut let through).
    expect(Number(/^bytes=(\d+)-$/.exec(String(gets[1]!.headers.range))![1])).toBeLessThanOrEqual(2 * MiB + 123);
  });

  test('a server that ignores Range answers the whole blob again: the bytes already received are skipped', async () => {
    const blob = await seeded('pull/no-range');
    env.faults(
      { match: { method: 'GET', path: BLOBS }, nth: [1], fault: { kind: 'truncate-body', afterBytes: MiB } },
      { match: { method: 'GET', path: BLOBS }, fault: { kind: 'ignore-range' } },
    );
    expect((await readAll(await env.open('pull/no-range').fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
    expect(env.seen('GET', BLOBS)).toHaveLength(2);
  });

  test('a body that stalls past the body timeout is resumed', async () => {
    const blob = await seeded('pull/stall');
    env.faults({ match: { method: 'GET', path: BLOBS }, nth: [1], fault: { kind: 'stall-body', afterBytes: MiB, ms: 5_000 } });
    const repo = env.open('pull/stall', { timeouts: { bodyMs: 400 } });
    expect((await readAll(await repo.fetchBlob(blob.descriptor))).equals(blob.bytes)).toBe(true);
    expect(env.seen('GET', BLOBS).map((r) => r.headers.range === undefined)).toEqual([true, false]);
  });

  test('a body cut every time fails after the bounded resumes with an error naming the blob', async () => {
    const blob = await seeded('pull/never', 3 * MiB);
    env.faults({ match: { method: 'GET', path: BLOBS }, fault: { kind: 'truncate-body', afterBytes: 1000 } });
    const stream = await env.open('pull/never', { retry: FAST_RETRY }).fetchBlob(blob.descriptor);
    const error = await failureOf(readAll(stream));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain(`(${blob.descriptor.digest}) from ${env.proxy.host}/pull/never: the connection broke off`);
    expect(error.detail).toMatch(/gave up after 5 attempts in a row without progress/);
    expect(env.seen('GET', BLOBS)).toHaveLength(5);
  });
});
