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
    | { kind: 'redirect'; location: string; status?: number }; // answer a 3xx (default 307) to another URL
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

  function forward(req: IncomingMessage, res: ServerResponse, options: { truncateAfter?: number; addHeaders?: Record<string, string> } = {}): void {
    const outgoing = request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...withoutHopByHop(req.headers), host: upstream.host },
      agent,
    });
    outgoing.on('error', () => res.destroy()); // upstream gone: the client sees a dropped connection
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    outgoing.on('response', (answer) => {
      const headers: Record<string, string | string[] | undefined> = { ...withoutHopByHop(answer.headers), ...options.addHeaders };
      // The registry closes a connection it answered early (a 401 while the body still
      // arrives); the client must see that too, or it reuses a socket the proxy then resets.
      if (answer.headers.connection?.toLowerCase() === 'close') headers.connection = 'close';
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
