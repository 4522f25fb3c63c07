// A loopback HTTP proxy in front of a real registry that breaks chosen requests on
// purpose: error statuses, dropped connections, stalls, cut bodies, extra headers,
// redirects. Everything else is forwarded as is, bodies streamed both ways.
import { Agent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FaultRule {
  match: { method?: string; path?: RegExp };
  /** Which matching requests (1-based, counted per rule) to hit; default every one. */
  nth?: number[];
  fault:
    | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string } // e.g. 503, 429 + Retry-After
    | { kind: 'reset' } // destroy the socket before answering; upstream never sees the request
    | { kind: 'stall'; ms: number } // wait before forwarding
    | { kind: 'truncate-body'; afterBytes: number } // forward, but destroy the socket after N body bytes
    | { kind: 'drop-request-after'; bytes: number } // read N request body bytes, destroy the socket; nothing is forwarded
    | { kind: 'add-headers'; headers: Record<string, string> } // forward, adding response headers (e.g. Warning)
    | { kind: 'redirect'; location: string; status?: number } // answer a 3xx (default 307) to another URL
    | { kind: 'rewrite'; path: (path: string) => string } // forward to another path (GitLab answering sha256-<hex> with the subject)
    | { kind: 'enforce-if-match' }; // a PUT with If-Match whose target's digest (its ETag) is another gets 412, as a registry honouring it
}

export interface RecordedRequest {
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FaultProxy {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** '127.0.0.1:<port>', a registry host for references and clients. */
  host: string;
  /** Every request that reached the proxy, faulted or not, in order of arrival. */
  requests: RecordedRequest[];
  /** Replaces the rules (and restarts their counts). The first rule that hits a request wins. */
  setRules(rules: FaultRule[]): void;
  stop(): Promise<void>;
}

// Connection-level headers belong to one hop; Node sets its own on each side.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export async function startFaultProxy(upstreamUrl: string, rules: FaultRule[] = []): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  const requests: RecordedRequest[] = [];
  let active: Array<{ rule: FaultRule; seen: number }> = [];
  const setRules = (next: FaultRule[]): void => {
    active = next.map((rule) => ({ rule, seen: 0 }));
  };
  setRules(rules);
  let origin = '';
  let ifMatchQueue: Promise<unknown> = Promise.resolve();

  /** The digest the registry serves at a manifest path now (what its ETag quotes); undefined when there is none. */
  function upstreamDigest(path: string, accept: string | string[] | undefined): Promise<string | undefined> {
    return new Promise((resolve) => {
      const head = request({
        host: upstream.hostname,
        port: upstream.port,
        method: 'HEAD',
        path,
        headers: { host: upstream.host, accept: accept ?? 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' },
        agent,
      });
      head.on('error', () => resolve(undefined));
      head.on('response', (answer) => {
        answer.resume();
        const digest = answer.headers['docker-content-digest'];
        resolve(answer.statusCode === 200 && typeof digest === 'string' ? digest : undefined);
      });
      head.end();
    });
  }

  /** Counts the request against every rule it matches; returns the fault of the first rule that hits it. */
  function faultFor(method: string, path: string): FaultRule['fault'] | undefined {
    let chosen: FaultRule['fault'] | undefined;
    for (const entry of active) {
      const { match, nth, fault } = entry.rule;
      if (match.method && match.method.toUpperCase() !== method) continue;
      if (match.path && !match.path.test(path)) continue;
      entry.seen++;
      if (!chosen && (!nth || nth.includes(entry.seen))) chosen = fault;
    }
    return chosen;
  }

  function forward(req: IncomingMessage, res: ServerResponse, options: { truncateAfter?: number; addHeaders?: Record<string, string>; path?: string } = {}): void {
    const outgoing = request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: options.path ?? req.url,
      headers: { ...withoutHopByHop(req.headers), host: upstream.host },
      agent,
    });
    outgoing.on('error', () => res.destroy()); // upstream gone: the client sees a dropped connection
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    outgoing.on('response', (answer) => {
      // `Connection: close` is not passed on: Node's server would then reset a socket whose
      // request body is still arriving (Go's lingers and reads it), which is not what a client
      // of the real registry sees. Tests of that answer talk to the registry directly.
      const headers: Record<string, string | string[] | undefined> = { ...withoutHopByHop(answer.headers), ...options.addHeaders };
      if (typeof headers.location === 'string') headers.location = rewriteLocation(headers.location);
      res.writeHead(answer.statusCode ?? 502, headers);
      const limit = options.truncateAfter;
      if (limit === undefined) {
        answer.pipe(res);
        return;
      }
      // A body shorter than the limit has nothing to cut and ends normally.
      let sent = 0;
      answer.on('data', (chunk: Buffer) => {
        if (sent >= limit) return;
        const part = chunk.subarray(0, limit - sent);
        sent += part.length;
        if (sent < limit) {
          res.write(part);
          return;
        }
        answer.destroy();
        res.write(part, () => res.socket?.destroy());
      });
      answer.on('end', () => res.end());
    });
    req.pipe(outgoing);
  }

  function rewriteLocation(location: string): string {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      return location; // relative: already resolves against the proxy
    }
    return url.origin === upstream.origin ? origin + url.pathname + url.search + url.hash : location;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, fault: FaultRule['fault'] | undefined): Promise<void> {
    switch (fault?.kind) {
      case undefined:
        return forward(req, res);
      case 'status':
        req.resume();
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(fault.body ?? '');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'stall':
        await sleep(fault.ms);
        return forward(req, res);
      case 'truncate-body':
        return forward(req, res, { truncateAfter: fault.afterBytes });
      case 'add-headers':
        return forward(req, res, { addHeaders: fault.headers });
      case 'rewrite':
        return forward(req, res, { path: fault.path(req.url ?? '/') });
      case 'enforce-if-match': {
        const expected = req.headers['if-match'];
        if (req.method !== 'PUT' || typeof expected !== 'string') return forward(req, res);
        // One conditional write at a time, so the check and the write are one step.
        const turn = ifMatchQueue.then(async () => {
          const current = await upstreamDigest(req.url ?? '/', req.headers.accept);
          if (current === undefined || `"${current}"` !== expected.trim()) {
            req.resume();
            res.writeHead(412, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ errors: [{ code: 'PRECONDITION_FAILED', message: 'If-Match does not match' }] }));
            return;
          }
          await new Promise<void>((resolve) => {
            res.on('close', resolve);
            forward(req, res);
          });
        });
        ifMatchQueue = turn.catch(() => undefined);
        return turn;
      }
      case 'redirect':
        req.resume();
        res.writeHead(fault.status ?? 307, { location: fault.location, 'content-length': '0' });
        res.end();
        return;
      case 'drop-request-after': {
        // A body shorter than `bytes` is dropped once it has all arrived.
        let read = 0;
        const drop = (): void => void req.socket.destroy();
        if (fault.bytes <= 0) return drop();
        req.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= fault.bytes) drop();
        });
        req.on('end', drop);
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    requests.push({ method, path, headers: { ...req.headers }, at: Date.now() });
    handle(req, res, faultFor(method, path)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  return {
    url: origin,
    host: `127.0.0.1:${port}`,
    requests,
    setRules,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      })),
  };
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}
