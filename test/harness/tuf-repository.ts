// A TUF repository shaped as Sigstore's (tuf-repo-cdn.sigstore.dev: consistent
// snapshots, ECDSA P-256 keys, targets under their hash), built with the TUF
// project's own @tufjs/models and served from a loopback http.Server, since the
// public-good repository cannot be reached from here. Its only target is
// trusted_root.json (the test's, e.g. the Sigstore mock's). It counts every
// request, and can serve a target other than the one its metadata signs (a
// mirror that tampers with it).
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Key, MetaFile, Metadata, Root, Signature, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { makeTempDir } from './temp.js';

export interface TufRepositoryServer {
  /** The mirror's base URL (what --tuf-mirror takes). */
  url: string;
  /** The repository's root.json (version 1), in a file (what --tuf-root takes). */
  rootPath: string;
  /** The paths requested, in order. */
  requests: string[];
  /** Serves `bytes` in place of the target `name` from now on; its signed metadata stays as it was. */
  tamperWithTarget(name: string, bytes: Buffer): void;
  close(): Promise<void>;
}

export interface TufRepositoryOptions {
  /** When root.json expires (default a year from now). */
  rootExpires?: Date;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const inAYear = (): string => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Starts a repository serving `targets` (name to content) on 127.0.0.1. */
export async function startTufRepository(targets: Record<string, string | Buffer>, options: TufRepositoryOptions = {}): Promise<TufRepositoryServer> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFields = { keyType: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyVal: { public: publicKey.export({ format: 'pem', type: 'spki' }).toString() } };
  const key = new Key({ keyID: sha256(Buffer.from(JSON.stringify(keyFields))), ...keyFields });
  const signer = (data: Buffer): Signature => new Signature({ keyID: key.keyID, sig: sign('sha256', data, privateKey).toString('hex') });
  const signed = <T extends Root | Timestamp | Snapshot | Targets>(body: T): Buffer => {
    const metadata = new Metadata(body);
    metadata.sign(signer);
    return Buffer.from(JSON.stringify(metadata.toJSON()));
  };
  const metaFile = (bytes: Buffer): MetaFile => new MetaFile({ version: 1, length: bytes.length, hashes: { sha256: sha256(bytes) } });

  const files = new Map<string, Buffer>();
  const targetsBody = new Targets({ version: 1, specVersion: '1.0.31', expires: inAYear() });
  for (const [name, content] of Object.entries(targets)) {
    const bytes = Buffer.from(content);
    targetsBody.addTarget(new TargetFile({ path: name, length: bytes.length, hashes: { sha256: sha256(bytes) } }));
    files.set(`/targets/${sha256(bytes)}.${name}`, bytes);
  }
  const targetsJson = signed(targetsBody);
  const snapshotJson = signed(new Snapshot({ version: 1, specVersion: '1.0.31', expires: inAYear(), meta: { 'targets.json': metaFile(targetsJson) } }));
  const timestampJson = signed(new Timestamp({ version: 1, specVersion: '1.0.31', expires: inAYear(), snapshotMeta: metaFile(snapshotJson) }));
  const root = new Root({ version: 1, specVersion: '1.0.31', expires: options.rootExpires ? iso(options.rootExpires) : inAYear(), consistentSnapshot: true });
  for (const role of ['root', 'timestamp', 'snapshot', 'targets']) root.addKey(key, role);
  const rootJson = signed(root);
  files.set('/1.root.json', rootJson);
  files.set('/timestamp.json', timestampJson);
  files.set('/1.snapshot.json', snapshotJson);
  files.set('/1.targets.json', targetsJson);

  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const body = req.method === 'GET' ? files.get(path) : undefined;
    // Anything else, 2.root.json included (no newer root), is not there.
    if (!body) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rootPath = join(makeTempDir('ocikit-tuf-root-'), 'root.json');
  writeFileSync(rootPath, rootJson);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rootPath,
    requests,
    tamperWithTarget(name, bytes) {
      const served = [...files.keys()].find((path) => path.endsWith(`.${name}`) && path.startsWith('/targets/'));
      if (!served) throw new Error(`no target ${name}`);
      files.set(served, bytes);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
