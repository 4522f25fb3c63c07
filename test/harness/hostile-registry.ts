// A registry that lies (no real one will do it on demand, so this one is a fake,
// and the thing under test is ocikit's defence against it): wrong bytes for a
// digest, oversized or endless bodies, redirects and upload Locations on other
// hosts, token realms it should not name, referrers lists that loop. Each test
// gives it a handler; what it does not handle is a 404. Jest-free.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The request body (bounded to 8 MiB; more is counted, not kept). */
  body: Buffer;
  bodyBytes: number;
}

/** Answer the request and return true, or return false for a 404. */
export type HostileHandler = (request: HostileRequest, res: ServerResponse) => boolean | Promise<boolean>;

export interface HostileServer {
  url: string;
  host: string;
  requests: HostileRequest[];
  /** Bytes this server wrote to response bodies through `endless` (to show a client stopped reading). */
  readonly endlessBytes: number;
  stop(): Promise<void>;
}

const BODY_KEEP = 8 * 1024 * 1024;

let endlessTotal = 0;

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes <= BODY_KEEP) chunks.push(chunk);
    });
    req.on('end', () => {
      const request: HostileRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks), bodyBytes };
      requests.push(request);
      Promise.resolve(handler(request, res))
        .then((handled) => {
          if (!handled && !res.headersSent) json(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'no such route in this test' }] });
        })
        .catch(() => res.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const before = endlessTotal;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    get endlessBytes() {
      return endlessTotal - before;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers });
  res.end(bytes);
}

/** Sends `bytes` as a response with these headers (content-length unless `chunked`). */
export function send(res: ServerResponse, status: number, bytes: Buffer, headers: Record<string, string> = {}, options: { chunked?: boolean } = {}): void {
  res.writeHead(status, { ...(options.chunked ? {} : { 'content-length': String(bytes.length) }), ...headers });
  res.end(bytes);
}

/** A body that never ends: `chunk` again and again (no content-length) until the client goes away. */
export function endless(res: ServerResponse, status: number, headers: Record<string, string>, chunk: Buffer = Buffer.alloc(64 * 1024, 0x61)): void {
  res.writeHead(status, headers);
  const pump = (): void => {
    while (!res.destroyed) {
      endlessTotal += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}
