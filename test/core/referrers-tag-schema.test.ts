// The tag schema's read-modify-write (remote-referrers.ts) one decision at a time,
// against a scripted registry on loopback: a fake that keeps manifests and tags in
// memory and honours If-Match, and that plays on demand what no registry in the suite
// does (GitLab's and GHCR's answers, writers that always win the race, dangling
// entries, failures of one request). The same flows against real registries are
// referrers-registry.test.ts; this file kills the mutants of the tag-schema update
// (docs/reliability.md).
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { OcikitError } from '../../packages/core/src/errors.js';
import { type Descriptor, EMPTY_DESCRIPTOR, type ImageManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { referrersTag } from '../../packages/core/src/oci/referrers-tag.js';
import { RemoteReferrers, type RemoteReferrersOptions } from '../../packages/core/src/registry/remote-referrers.js';
import { RegistryClient } from '../../packages/core/src/registry/registry-client.js';

const sha256 = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/** Answer the request yourself (true), or let the store answer it (false). */
type Rule = (request: Seen, res: ServerResponse, body: Buffer) => boolean | Promise<boolean>;

/** A registry of one repository, `app`, in memory. */
class ScriptedRegistry {
  readonly manifests = new Map<string, { bytes: Buffer; mediaType: string }>();
  readonly tags = new Map<string, string>();
  readonly seen: Seen[] = [];
  rule: Rule = () => false;
  host = '';
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, at: Date.now() };
      this.seen.push(request);
      const body = Buffer.concat(chunks);
      void Promise.resolve(this.rule(request, res, body)).then((handled) => handled || this.answer(request, res, body));
    });
  });

  async start(): Promise<void> {
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Stores a manifest (under `tag` when given); returns its digest. */
  put(bytes: Buffer, mediaType: string, tag?: string): string {
    const digest = sha256(bytes);
    this.manifests.set(digest, { bytes, mediaType });
    if (tag) this.tags.set(tag, digest);
    return digest;
  }

  /** The entries of the index the tag names now. */
  listed(tag: string): string[] {
    const digest = this.tags.get(tag);
    if (!digest) return [];
    return (JSON.parse(this.manifests.get(digest)!.bytes.toString()).manifests as Descriptor[]).map((d) => d.digest);
  }

  count(method: string, suffix = ''): number {
    return this.seen.filter((r) => r.method === method && r.path.endsWith(suffix)).length;
  }

  private answer(request: Seen, res: ServerResponse, body: Buffer): void {
    const match = /^\/v2\/app\/manifests\/([^/?]+)$/.exec(request.path);
    if (!match) return error(res, 404, 'NAME_UNKNOWN');
    const reference = decodeURIComponent(match[1]!);
    const digest = reference.includes(':') ? reference : this.tags.get(reference);
    const stored = digest ? this.manifests.get(digest) : undefined;
    switch (request.method) {
      case 'GET':
      case 'HEAD':
        if (!stored) return error(res, 404, 'MANIFEST_UNKNOWN');
        res.writeHead(200, { 'content-type': stored.mediaType, 'docker-content-digest': digest!, etag: `"${digest}"`, 'content-length': String(stored.bytes.length) });
        return void res.end(request.method === 'GET' ? stored.bytes : undefined);
      case 'PUT': {
        const ifMatch = request.headers['if-match'];
        if (ifMatch !== undefined && ifMatch !== `"${this.tags.get(reference)}"`) return error(res, 412, 'PRECONDITION_FAILED');
        const written = this.put(body, String(request.headers['content-type']), reference.includes(':') ? undefined : reference);
        res.writeHead(201, { 'docker-content-digest': written, 'content-length': '0' });
        return void res.end();
      }
      case 'DELETE':
        if (!stored) return error(res, 404, 'MANIFEST_UNKNOWN');
        this.manifests.delete(digest!);
        res.writeHead(202, { 'content-length': '0' });
        return void res.end();
      default:
        return error(res, 405, 'UNSUPPORTED');
    }
  }
}

function error(res: ServerResponse, status: number, code: string): void {
  const bytes = Buffer.from(JSON.stringify({ errors: [{ code, message: code.toLowerCase().replaceAll('_', ' ') }] }));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
  res.end(bytes);
}

const SUBJECT: Descriptor = { mediaType: MediaType.ImageManifest, digest: sha256('the subject') as Descriptor['digest'], size: 11 };
const TAG = referrersTag(SUBJECT.digest);

/** A referrer of SUBJECT: its descriptor and manifest (stored in the registry unless told not to). */
function referrer(name: string, store = true): { descriptor: Descriptor; manifest: ImageManifest } {
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: `application/vnd.example.${name}`, config: EMPTY_DESCRIPTOR, layers: [], subject: SUBJECT };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const descriptor = { mediaType: MediaType.ImageManifest, digest: sha256(bytes) as Descriptor['digest'], size: bytes.length };
  if (store) registry.put(bytes, MediaType.ImageManifest);
  return { descriptor, manifest };
}

/** An index document listing `entries`, as bytes. */
const indexOf = (entries: Descriptor[], mediaType: string = MediaType.ImageIndex) => Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests: entries }));

let registry: ScriptedRegistry;
let clients: RegistryClient[];
let warnings: string[];
beforeEach(async () => {
  registry = new ScriptedRegistry();
  await registry.start();
  clients = [];
  warnings = [];
});
afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(clients.map((c) => c.close()));
  await registry.stop();
});

function referrers(options: RemoteReferrersOptions = {}, retry = { maxAttempts: 1 }, credential?: { username: string; password: string }): RemoteReferrers {
  const client = new RegistryClient({ registry: registry.host, retry: { baseDelayMs: 1, maxDelayMs: 2, ...retry }, ...(credential ? { credentials: async () => credential } : {}) });
  clients.push(client);
  return new RemoteReferrers(
    { name: `${registry.host}/app`, client, reference: { repository: 'app' } },
    { referrersMode: 'tag', referrersSettleMs: 0, onWarning: (m) => warnings.push(m), ...options },
  );
}

async function refusal(promise: Promise<unknown>): Promise<OcikitError> {
  const caught = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(OcikitError);
  return caught as OcikitError;
}

const add = (r: RemoteReferrers, ref: ReturnType<typeof referrer>) => r.afterPush(ref.descriptor, ref.manifest, undefined);
const remove = (r: RemoteReferrers, ref: ReturnType<typeof referrer>) => r.afterDelete(ref.descriptor, ref.manifest);

describe('reading the tag', () => {
  test('a registry error is an error naming the index, not an empty list', async () => {
    registry.rule = (request, res) => (request.method === 'GET' ? (error(res, 500, 'UNKNOWN'), true) : false);
    const failed = await refusal(referrers().list(SUBJECT));
    expect(failed.message).toBe(`reading referrers index ${registry.host}/app:${TAG} failed (HTTP 500)`);
  });

  test('bytes that do not match the sha256 digest the registry gave are refused; another algorithm is not checked', async () => {
    const a = referrer('a');
    const bytes = indexOf([a.descriptor]);
    registry.rule = (request, res) => {
      if (request.method !== 'GET') return false;
      const claimed = request.path.includes('sha512') ? `sha512:${'0'.repeat(128)}` : sha256('other bytes');
      res.writeHead(200, { 'content-type': MediaType.ImageIndex, 'docker-content-digest': claimed, 'content-length': String(bytes.length) });
      res.end(bytes);
      return true;
    };
    expect((await refusal(referrers().list(SUBJECT))).code).toBe('DIGEST_MISMATCH');
    const sha512Subject = { ...SUBJECT, digest: `sha512:${'ab'.repeat(64)}` as Descriptor['digest'] };
    expect((await referrers().list(sha512Subject)).manifests.map((d) => d.digest)).toEqual([a.descriptor.digest]);
  });

  test('an index served as an image manifest is no index (type confusion), whatever spacing its content-type has', async () => {
    const a = referrer('a');
    registry.put(indexOf([a.descriptor]), `${MediaType.ImageManifest} ;charset=utf-8`, TAG);
    expect((await referrers().list(SUBJECT)).manifests).toEqual([]);
  });

  test('an index without a mediaType, served as plain JSON, is read as the index its shape says', async () => {
    const a = referrer('a');
    registry.put(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [a.descriptor] })), 'application/json', TAG);
    expect((await referrers().list(SUBJECT)).manifests.map((d) => d.digest)).toEqual([a.descriptor.digest]);
  });

  test('a Docker manifest list under the tag is not the OCI index the schema names', async () => {
    const a = referrer('a');
    registry.put(indexOf([a.descriptor], MediaType.DockerManifestList), MediaType.DockerManifestList, TAG);
    expect((await referrers().list(SUBJECT)).manifests).toEqual([]);
    const error = await refusal(add(referrers(), referrer('b')));
    expect(error.message).toContain(`holds a ${MediaType.DockerManifestList} (`);
  });
});

describe('what is under the tag when it is not an index', () => {
  test('adding is refused naming what is there; removing leaves it, with a warning', async () => {
    registry.put(Buffer.from('not json'), 'text/plain', TAG);
    const b = referrer('b');
    const error = await refusal(add(referrers(), b));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`cannot list ${b.descriptor.digest} as a referrer: ${registry.host}/app:${TAG} holds a text/plain (${sha256('not json')}), not a referrers index`);
    expect(registry.count('PUT')).toBe(0);
    const r = referrers();
    expect(await remove(r, b)).toEqual({ via: 'tag', tag: TAG });
    expect(warnings).toEqual([`${registry.host}/app:${TAG} holds a text/plain (${sha256('not json')}), not a referrers index; left as it is`]);
    expect(registry.tags.get(TAG)).toBe(sha256('not json'));
  });

  test('adds refused together in one batch are each named', async () => {
    registry.put(Buffer.from('not json'), 'text/plain', TAG);
    const r = referrers();
    const [a, b, c] = [referrer('a'), referrer('b'), referrer('c')];
    // The first goes out alone; the two queued while it runs go out, and are refused, together.
    const first = refusal(add(r, a));
    const [together] = await Promise.all([refusal(add(r, b)), refusal(add(r, c))]);
    await first;
    expect(together.message).toMatch(new RegExp(`^cannot list ${b.descriptor.digest}, ${c.descriptor.digest} as a referrer: `));
  });

  test('without a content-type it is called a manifest', async () => {
    registry.rule = (request, res) => {
      if (request.method !== 'GET') return false;
      res.writeHead(200, { 'content-length': '3' });
      res.end('{x}');
      return true;
    };
    expect((await refusal(add(referrers(), referrer('b')))).message).toContain(`holds a manifest (${sha256('{x}')})`);
  });

  test("GitLab's answer, the subject itself: written, and said to be unverifiable", async () => {
    const subjectBytes = Buffer.from('the subject');
    registry.rule = (request, res) => {
      if (request.method !== 'GET' || !request.path.endsWith(TAG)) return false;
      res.writeHead(200, { 'content-type': MediaType.ImageManifest, 'content-length': String(subjectBytes.length) });
      res.end(subjectBytes);
      return true;
    };
    const b = referrer('b');
    expect(await add(referrers(), b)).toEqual({ via: 'tag', tag: TAG, attempts: 2 });
    expect(warnings).toEqual([
      `${registry.host}/app answers the tag ${TAG} with the subject itself rather than the referrers index written there, so the index could not be read back to confirm it`,
    ]);
    expect(registry.listed(TAG)).toEqual([b.descriptor.digest]);
  });
});

describe('the update', () => {
  test('says which index the tag names now and which it replaced, and deletes nothing on a first write', async () => {
    const r = referrers();
    const a = referrer('a');
    const first = await add(r, a);
    expect(first).toEqual({ via: 'tag', tag: TAG, index: registry.tags.get(TAG), attempts: 2 });
    expect(registry.count('DELETE')).toBe(0);
    const before = registry.tags.get(TAG)!;
    const b = referrer('b');
    const second = await add(r, b);
    expect(second).toEqual({ via: 'tag', tag: TAG, index: registry.tags.get(TAG), attempts: 2, cleanedUp: [before] });
    expect(registry.listed(TAG)).toEqual([a.descriptor.digest, b.descriptor.digest]);
    // Already listed: nothing to write, nothing to clean up.
    expect(await add(referrers(), b)).toEqual({ via: 'tag', tag: TAG, index: registry.tags.get(TAG), attempts: 1 });
  });

  test('changes for one subject that queue up while a write runs go out together', async () => {
    const r = referrers();
    const [a, b, c] = [referrer('a'), referrer('b'), referrer('c')];
    await Promise.all([add(r, a), add(r, b), add(r, c)]);
    expect(registry.count('PUT', TAG)).toBe(2);
    expect(registry.listed(TAG).sort()).toEqual([a.descriptor.digest, b.descriptor.digest, c.descriptor.digest].sort());
  });

  test('an add and a remove of the same referrer in one batch: the later one counts', async () => {
    const r = referrers();
    const [a, b, c] = [referrer('a'), referrer('b'), referrer('c')];
    await add(r, c);
    await Promise.all([add(r, a), add(r, b), remove(r, b), remove(r, c), add(r, c)]);
    expect(registry.listed(TAG).sort()).toEqual([a.descriptor.digest, c.descriptor.digest].sort());
  });

  test('a write refused by If-Match is redone on the index that won', async () => {
    const r = referrers();
    const a = referrer('a');
    await add(r, a);
    const other = referrer('other');
    let raced = false;
    registry.rule = (request) => {
      if (request.method === 'PUT' && !raced) {
        raced = true;
        registry.put(indexOf([a.descriptor, other.descriptor]), MediaType.ImageIndex, TAG); // another writer got in first
      }
      return false;
    };
    const b = referrer('b');
    const update = await add(r, b);
    // Refused, written again, read back, and (another writer having been seen) read back once more.
    expect(update?.attempts).toBe(4);
    expect(registry.count('GET')).toBeGreaterThanOrEqual(3);
    expect(registry.listed(TAG)).toEqual([a.descriptor.digest, other.descriptor.digest, b.descriptor.digest]);
  });

  test('with another writer seen, ours must still hold on a second read: one that read before our write and wrote after our first read-back is caught', async () => {
    const r = referrers();
    const a = referrer('a');
    await add(r, a);
    const other = referrer('other');
    const b = referrer('b');
    let raced = false;
    let gets = 0;
    registry.rule = (request, res) => {
      // Another writer gets in before our first write (If-Match refuses ours); then, just
      // after our read-back confirmed ours, a slow writer that read before it writes its own.
      if (request.method === 'PUT' && !raced) {
        raced = true;
        registry.put(indexOf([a.descriptor, other.descriptor]), MediaType.ImageIndex, TAG);
      }
      if (request.method === 'GET' && request.path.endsWith(TAG) && ++gets === 3) {
        res.once('finish', () => registry.put(indexOf([a.descriptor, other.descriptor]), MediaType.ImageIndex, TAG));
      }
      return false;
    };
    await add(r, b);
    expect(registry.listed(TAG)).toEqual(expect.arrayContaining([a.descriptor.digest, other.descriptor.digest, b.descriptor.digest]));
  });

  test('ours lost to another writer and written again: read back a second time, so a slow writer after that is caught too', async () => {
    const r = referrers();
    const a = referrer('a');
    await add(r, a);
    const [b, other] = [referrer('b'), referrer('other')];
    const theirs = () => registry.put(indexOf([a.descriptor, other.descriptor]), MediaType.ImageIndex, TAG);
    let puts = 0;
    let readBacks = 0;
    registry.rule = (request, res) => {
      if (!request.path.endsWith(TAG)) return false;
      // Another writer replaces our first write; after we wrote again and read it back, a slow one (that read before) does the same.
      if (request.method === 'PUT' && ++puts === 1) res.once('finish', theirs);
      if (request.method === 'GET' && puts === 2 && ++readBacks === 1) res.once('finish', theirs);
      return false;
    };
    await add(r, b);
    expect(registry.listed(TAG)).toEqual([a.descriptor.digest, other.descriptor.digest, b.descriptor.digest]);
  });

  test('ours kept under another writer\'s index: read back a second time, so a slow writer after that is caught too', async () => {
    const r = referrers();
    const a = referrer('a');
    await add(r, a);
    const [b, other] = [referrer('b'), referrer('other')];
    let puts = 0;
    let readBacks = 0;
    registry.rule = (request, res) => {
      if (!request.path.endsWith(TAG)) return false;
      // Another writer adds its entry to ours (another index, ours in it); after our read-back, a slow writer drops ours.
      if (request.method === 'PUT' && ++puts === 1) res.once('finish', () => registry.put(indexOf([a.descriptor, b.descriptor, other.descriptor]), MediaType.ImageIndex, TAG));
      if (request.method === 'GET' && puts === 1 && ++readBacks === 1) res.once('finish', () => registry.put(indexOf([a.descriptor, other.descriptor]), MediaType.ImageIndex, TAG));
      return false;
    };
    await add(r, b);
    expect(registry.listed(TAG)).toEqual([a.descriptor.digest, other.descriptor.digest, b.descriptor.digest]);
  });

  test('gives up after the attempts it was given when other writers keep replacing the index', async () => {
    const a = referrer('a');
    registry.rule = (request, res) => {
      if (request.method !== 'PUT') return false;
      registry.put(indexOf([a.descriptor]), MediaType.ImageIndex, TAG); // ours is lost at once
      res.writeHead(201, { 'content-length': '0' });
      res.end();
      return true;
    };
    const error = await refusal(add(referrers({ referrersMaxAttempts: 3 }), referrer('b')));
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`could not update the referrers index ${registry.host}/app:${TAG}: other writers kept replacing it (3 attempts)`);
    expect(registry.count('PUT')).toBe(3);
  });

  test('gives up when the update has taken five minutes, attempts left or not', async () => {
    const a = referrer('a');
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    registry.rule = (request, res) => {
      if (request.method !== 'PUT') return false;
      registry.put(indexOf([a.descriptor]), MediaType.ImageIndex, TAG);
      clock.mockReturnValue(now + 10 * 60_000);
      res.writeHead(201, { 'content-length': '0' });
      res.end();
      return true;
    };
    const error = await refusal(add(referrers({ referrersMaxAttempts: 100 }), referrer('b')));
    expect(error.message).toContain('other writers kept replacing it (1 attempts)');
  });

  test('waits for the write to settle before reading it back: three round trips, at most 2 s, plus up to half again', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.999);
    registry.rule = (request, res, body) => {
      if (request.method !== 'PUT') return false;
      setTimeout(() => {
        const written = registry.put(body, String(request.headers['content-type']), TAG);
        res.writeHead(201, { 'docker-content-digest': written, 'content-length': '0' });
        res.end();
      }, 800);
      return true;
    };
    const r = referrers({ referrersSettleMs: undefined });
    await add(r, referrer('a'));
    const put = registry.seen.find((s) => s.method === 'PUT')!;
    const readBack = registry.seen.filter((s) => s.method === 'GET').at(-1)!;
    const settled = readBack.at - (put.at + 800);
    expect(settled).toBeGreaterThanOrEqual(2900);
    expect(settled).toBeLessThan(3600);
  });
});

describe('what the registry answers to the write', () => {
  test('a 200 is as good as a 201, and a 503 is retried', async () => {
    let failedOnce = false;
    registry.rule = (request, res, body) => {
      if (request.method !== 'PUT') return false;
      if (!failedOnce) {
        failedOnce = true;
        error(res, 503, 'UNAVAILABLE');
        return true;
      }
      registry.put(body, MediaType.ImageIndex, TAG);
      res.writeHead(200, { 'content-length': '0' });
      res.end();
      return true;
    };
    const a = referrer('a');
    expect((await add(referrers({}, { maxAttempts: 3 }), a))?.attempts).toBe(2);
    expect(registry.listed(TAG)).toEqual([a.descriptor.digest]);
  });

  test.each([
    [403, 'DENIED', 'DENIED'],
    [400, 'MANIFEST_INVALID', 'REGISTRY_ERROR'],
    [404, 'NAME_UNKNOWN', 'REGISTRY_ERROR'],
  ])('%i %s fails the update as %s, and is no reason to drop an entry', async (status, code, expected) => {
    // The index lists a manifest that is gone: only a refusal that says so has it dropped (below).
    registry.put(indexOf([referrer('gone', false).descriptor]), MediaType.ImageIndex, TAG);
    registry.rule = (request, res) => (request.method === 'PUT' ? (error(res, status, code), true) : false);
    const failed = await refusal(add(referrers(), referrer('a')));
    expect(failed.code).toBe(expected);
    expect(failed.status).toBe(status);
    expect(failed.message).toBe(`writing the referrers index ${registry.host}/app:${TAG} failed (HTTP ${status})`);
    expect(failed.hint).toMatch(/^the referrer itself was pushed;/);
    expect(registry.count('PUT')).toBe(1);
    expect(warnings).toEqual([]);
  });

  test('a refused repair speaks of no referrer; an attach batched with one still does', async () => {
    const a = referrer('a');
    registry.put(indexOf([a.descriptor, a.descriptor]), MediaType.ImageIndex, TAG);
    registry.rule = (request, res) => (request.method === 'PUT' ? (error(res, 403, 'DENIED'), true) : false);
    expect((await refusal(referrers().repairTagIndex(SUBJECT, { dedupe: true }))).hint).toBe('a repair of the tag schema needs push access to the repository');
    // The first write goes through; the attach and the repair queued meanwhile go out together, and are refused.
    let puts = 0;
    registry.rule = (request, res) => (request.method === 'PUT' && ++puts > 1 ? (error(res, 403, 'DENIED'), true) : false);
    const r = referrers();
    const first = add(r, referrer('b'));
    const [attach] = await Promise.all([refusal(add(r, referrer('c'))), refusal(r.repairTagIndex(SUBJECT, { dedupe: true }))]);
    await first;
    expect(puts).toBe(2);
    expect(attach.hint).toMatch(/^the referrer itself was pushed;/);
  });

  test('a 401 to the credentials (read access only) fails the update as UNAUTHORIZED', async () => {
    registry.rule = (request, res) => {
      if (request.method !== 'PUT') return false;
      const bytes = Buffer.from(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'push denied' }] }));
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"', 'content-type': 'application/json', 'content-length': String(bytes.length) });
      res.end(bytes);
      return true;
    };
    const failed = await refusal(add(referrers({}, { maxAttempts: 1 }, { username: 'reader', password: 'r' }), referrer('a')));
    expect(failed.code).toBe('UNAUTHORIZED');
    expect(failed.status).toBe(401);
    expect(failed.message).toBe(`writing the referrers index ${registry.host}/app:${TAG} failed (HTTP 401)`);
  });

  test.each([
    [400, 'MANIFEST_BLOB_UNKNOWN'],
    [400, 'BLOB_UNKNOWN'],
    [404, 'MANIFEST_UNKNOWN'],
  ])('%i %s for an entry deleted behind its back: dropped, with a warning', async (status, code) => {
    const kept = referrer('kept');
    const gone = referrer('gone', false);
    registry.put(indexOf([gone.descriptor, kept.descriptor]), MediaType.ImageIndex, TAG);
    let refused = false;
    registry.rule = (request, res) => {
      if (request.method !== 'PUT' || refused) return false;
      refused = true;
      error(res, status, code);
      return true;
    };
    const b = referrer('b');
    await add(referrers(), b);
    expect(warnings).toEqual([`the referrers index ${registry.host}/app:${TAG} listed manifests that are gone (${gone.descriptor.digest}); dropped them`]);
    expect(registry.listed(TAG)).toEqual([kept.descriptor.digest, b.descriptor.digest]);
  });

  test('a referrer that is itself gone cannot be listed; a refusal with nothing gone is the refusal', async () => {
    registry.rule = (request, res) => (request.method === 'PUT' ? (error(res, 400, 'MANIFEST_BLOB_UNKNOWN'), true) : false);
    const gone = referrer('gone', false);
    const error1 = await refusal(add(referrers(), gone));
    expect(error1.code).toBe('NOT_FOUND');
    expect(error1.message).toBe(`${registry.host}/app@${gone.descriptor.digest} is no longer in the repository; it cannot be listed as a referrer`);
    const there = referrer('there');
    const error2 = await refusal(add(referrers(), there));
    expect(error2.message).toContain('writing the referrers index');
    expect(error2.status).toBe(400);
  });

  test('checking which entries are gone retries a 503', async () => {
    const gone = referrer('gone', false);
    registry.put(indexOf([gone.descriptor]), MediaType.ImageIndex, TAG);
    let headFailed = false;
    let putRefused = false;
    registry.rule = (request, res) => {
      if (request.method === 'PUT' && !putRefused) {
        putRefused = true;
        error(res, 400, 'BLOB_UNKNOWN');
        return true;
      }
      if (request.method === 'HEAD' && !headFailed) {
        headFailed = true;
        res.writeHead(503, { 'content-length': '0' });
        res.end();
        return true;
      }
      return false;
    };
    const b = referrer('b');
    await add(referrers({}, { maxAttempts: 3 }), b);
    expect(registry.listed(TAG)).toEqual([b.descriptor.digest]);
  });
});

describe('cleaning up the replaced index', () => {
  async function replacing(deleteAnswer: (res: ServerResponse, n: number) => void): Promise<{ result: Awaited<ReturnType<RemoteReferrers['afterPush']>>; old: string[] }> {
    const r = referrers({}, { maxAttempts: 3 });
    const old = [(await add(r, referrer('a')))!.index!];
    let deletes = 0;
    registry.rule = (request, res) => {
      if (request.method !== 'DELETE') return false;
      deleteAnswer(res, ++deletes);
      return true;
    };
    return { result: await add(r, referrer('b')), old };
  }

  test.each([200, 202, 204])('a %i deletes it', async (status) => {
    const { result, old } = await replacing((res) => {
      res.writeHead(status, { 'content-length': '0' });
      res.end();
    });
    expect(result?.cleanedUp).toEqual(old);
    expect(warnings).toEqual([]);
  });

  test('a 503 is retried', async () => {
    const { result, old } = await replacing((res, n) => {
      res.writeHead(n === 1 ? 503 : 202, { 'content-length': '0' });
      res.end();
    });
    expect(result?.cleanedUp).toEqual(old);
  });

  test('a 404 means another writer deleted it first: nothing to say', async () => {
    const { result } = await replacing((res) => error(res, 404, 'MANIFEST_UNKNOWN'));
    expect(result?.cleanedUp).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test('a refusal is a warning, not a failure', async () => {
    const { result, old } = await replacing((res) => error(res, 405, 'UNSUPPORTED'));
    expect(result?.cleanedUp).toBeUndefined();
    expect(warnings).toEqual([`${registry.host}/app did not delete the replaced referrers index ${old[0]} (HTTP 405: UNSUPPORTED: unsupported); it stays in the repository, untagged`]);
  });

  test('a dropped connection is a warning too', async () => {
    const { result, old } = await replacing((res) => res.socket?.destroy());
    expect(result?.cleanedUp).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^could not delete the replaced referrers index ${registry.host.replace(/[.]/g, '\\.')}/app@${old[0]}: `));
  });
});
