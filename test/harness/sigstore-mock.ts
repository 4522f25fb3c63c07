// The Sigstore project's own mock services (@sigstore/mock: Fulcio with a CT log,
// Rekor, a timestamp authority) standing in for the public-good instance, which
// tests cannot reach. The mock's handlers are plain functions; here they are
// served from a loopback http.Server, so @sigstore/sign talks to them over real
// HTTP as it would to fulcio.sigstore.dev (no nock, no interception). The deep
// imports skip the package index, which would load nock into the worker.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fulcioHandler, initializeCA, initializeCTLog } from '@sigstore/mock/dist/fulcio/index.js';
import { initializeTLog, rekorHandler } from '@sigstore/mock/dist/rekor/index.js';
import { initializeTSA, tsaHandler } from '@sigstore/mock/dist/timestamp/index.js';
import { generateKeyPair } from '@sigstore/mock/dist/util/key.js';

type Handler = { path: string; fn: (body: string) => Promise<{ statusCode: number; response: string | ArrayBufferView; contentType?: string }> };

export interface SigstoreMock {
  /** One base URL serves Fulcio, Rekor and the TSA (their API paths do not overlap). */
  url: string;
  /** The trusted_root.json that trusts exactly this mock's CA, CT log, Rekor and TSA keys. */
  trustedRoot: Record<string, unknown>;
  /** Requests served, by API path, for assertions. */
  requests: Map<string, number>;
  /** A GitHub-Actions-like OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) at `${url}/oidc/token`. */
  oidc: { requestToken: string; audiences: string[] };
  close(): Promise<void>;
}

/** An unsigned JWT, as the mock Fulcio accepts; no `email` (it would need email_verified). */
export function unsignedIdentityToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'sigstore', iat: now, exp: now + 600, ...claims })}.`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const b64 = (bytes: ArrayBufferView | ArrayBuffer): string =>
  (bytes instanceof ArrayBuffer ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('base64');

/**
 * Starts the mock on 127.0.0.1. `oidcToken` is what the fake GitHub OIDC endpoint
 * hands out to a request bearing `oidc.requestToken`.
 */
export async function startSigstoreMock(options: { oidcToken?: string } = {}): Promise<SigstoreMock> {
  const handlers = new Map<string, Handler>();
  const requests = new Map<string, number>();
  const oidc = { requestToken: 'gha-request-token-for-tests', audiences: [] as string[] };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
      if (req.method === 'GET' && url.pathname === '/oidc/token') {
        if (req.headers.authorization !== `Bearer ${oidc.requestToken}` || !options.oidcToken) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad request token"}');
          return;
        }
        oidc.audiences.push(url.searchParams.get('audience') ?? '');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: options.oidcToken }));
        return;
      }
      const handler = handlers.get(url.pathname);
      if (req.method !== 'POST' || !handler) {
        res.writeHead(404).end();
        return;
      }
      const { statusCode, response, contentType } = await handler.fn(await readBody(req));
      const body = typeof response === 'string' ? response : Buffer.from(response.buffer, response.byteOffset, response.byteLength);
      res.writeHead(statusCode, { 'content-type': contentType ?? 'text/plain' }).end(body);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const caKeys = generateKeyPair('prime256v1');
  const ctlog = await initializeCTLog(caKeys);
  const ca = await initializeCA(caKeys, ctlog);
  // Rekor signs its checkpoints with the host of this URL as the log's origin.
  const tlog = await initializeTLog(url, generateKeyPair('prime256v1'));
  // The mock logs a proposed entry as it is; real Rekor stores a dsse entry in its
  // canonical form (hashes and signatures instead of the envelope), which is what
  // verifiers compare a bundle with. Do as Rekor does.
  const rekor = { publicKey: tlog.publicKey, log: (entry: object) => tlog.log(asRekorStoresIt(entry)), logV2: tlog.logV2.bind(tlog) };
  // The mock TSA writes genTime's milliseconds DER-minimal (".12Z" for 120 ms), and
  // @sigstore/core reads only three-digit fractions ("invalid time"), so one
  // timestamp in ten would not parse. Its clock is pinned, per request, to a
  // millisecond that does not end in 0 (read synchronously as the request starts).
  const tsaClock = new Date();
  const mockTsa = await initializeTSA(generateKeyPair('prime256v1'), tsaClock);
  const tsa = {
    rootCertificate: mockTsa.rootCertificate,
    intCertificate: mockTsa.intCertificate,
    timestamp: (request: Parameters<typeof mockTsa.timestamp>[0]) => {
      const now = Date.now();
      tsaClock.setTime(now % 10 === 0 && now % 1000 !== 0 ? now + 1 : now);
      return mockTsa.timestamp(request);
    },
  };
  for (const handler of [fulcioHandler(ca), rekorHandler(rekor), tsaHandler(tsa)] as Handler[]) handlers.set(handler.path, handler);

  const validFor = { start: new Date(Date.now() - 60_000).toISOString() };
  const logKey = (publicKey: ArrayBufferView | ArrayBuffer, logId: ArrayBufferView | ArrayBuffer, baseUrl: string) => ({
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: b64(publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
    logId: { keyId: b64(logId) },
  });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logKey(tlog.publicKey, createHashOf(tlog.publicKey), url)],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor,
      },
    ],
    ctlogs: [logKey(ctlog.publicKey, ctlog.logID, url)],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: url,
        certChain: { certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }] },
        validFor,
      },
    ],
  };

  return {
    url,
    trustedRoot,
    requests,
    oidc,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections(); // the clients' keep-alive sockets
      }),
  };
}

const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** Rekor's dsse v0.0.1 canonicalization: `proposedContent` becomes envelopeHash, payloadHash and signatures. */
function asRekorStoresIt(entry: object): object {
  const e = entry as { kind?: string; apiVersion?: string; spec?: { proposedContent?: { envelope: string; verifiers: string[] } } };
  const proposed = e.spec?.proposedContent;
  if (e.kind !== 'dsse' || e.apiVersion !== '0.0.1' || !proposed) return entry;
  const envelope = JSON.parse(proposed.envelope) as { payload: string; signatures: Array<{ sig: string }> };
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256Hex(proposed.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256Hex(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((s, i) => ({ signature: s.sig, verifier: proposed.verifiers[i] ?? proposed.verifiers[0] })),
    },
  };
}

function createHashOf(bytes: ArrayBufferView | ArrayBuffer): Buffer {
  // The Rekor log ID is the SHA-256 of its DER public key (RFC 6962 §3.2).
  return createHash('sha256').update(Buffer.from(b64(bytes), 'base64')).digest();
}
