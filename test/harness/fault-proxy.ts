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
    | { kind: 'cut-request-after'; bytes: number } // forward the first N request body bytes to the registry, then cut both connections
    | { kind: 'drop-response' } // forward the whole request (the registry acts on it), then cut the client off before the answer
    | { kind: 'stall-body'; afterBytes: number; ms: number } // forward, but pause the response body for `ms` after N bytes
    | { kind: 'hold-request-body'; afterBytes: number; ms: number } // forward, but pause the request body for `ms` after N bytes (the registry holds those N)
    | { kind: 'ignore-range' } // forward without the Range header: a server that answers every GET with the whole blob
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
  /** Date.now() when its answer was done (or its connection gone); undefined while it runs. */
  endedAt?: number;
  /** The fault applied to it, if any (a cut or stalled body counts only once it was cut or stalled). */
  faulted?: FaultRule['fault']['kind'];
  /** Which client connection (1, 2, ... in order of opening) carried it: keep-alive reuse shows as repeats. */
  connection: number;
}

export interface FaultProxy {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** '127.0.0.1:<port>', a registry host for references and clients. */
  host: string;
  /** Every request that reached the proxy, faulted or not, in order of arrival. */
  requests: RecordedRequest[];
  /** TCP connections clients opened to the proxy so far (keep-alive reuse shows as few). */
  readonly connections: number;
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

  function forwardFor(record: RecordedRequest, req: IncomingMessage, res: ServerResponse, options: ForwardOptions = {}): void {
    const sentHeaders: Record<string, string | string[] | undefined> = { ...withoutHopByHop(req.headers), host: upstream.host };
    for (const name of options.dropRequestHeaders ?? []) delete sentHeaders[name];
    const outgoing = request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: options.path ?? req.url,
      headers: sentHeaders,
      agent,
    });
    outgoing.on('error', () => res.destroy()); // upstream gone: the client sees a dropped connection
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    outgoing.on('response', (answer) => {
      if (options.dropResponse) {
        // The registry has acted on the request; the client never hears of it.
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      // `Connection: close` is not passed on: Node's server would then reset a socket whose
      // request body is still arriving (Go's lingers and reads it), which is not what a client
      // of the real registry sees. Tests of that answer talk to the registry directly.
      const headers: Record<string, string | string[] | undefined> = { ...withoutHopByHop(answer.headers), ...options.addHeaders };
      if (typeof headers.location === 'string') headers.location = rewriteLocation(headers.location);
      res.writeHead(answer.statusCode ?? 502, headers);
      const stall = options.stall;
      if (stall) {
        let sent = 0;
        let stalled = false;
        answer.on('data', (chunk: Buffer) => {
          if (stalled || sent + chunk.length <= stall.afterBytes) {
            sent += chunk.length;
            res.write(chunk);
            return;
          }
          stalled = true;
          record.faulted = 'stall-body';
          const head = chunk.subarray(0, Math.max(0, stall.afterBytes - sent));
          sent += chunk.length;
          res.write(head);
          answer.pause();
          setTimeout(() => {
            if (res.destroyed) return answer.destroy();
            res.write(chunk.subarray(head.length));
            answer.resume();
          }, stall.ms).unref();
        });
        answer.on('end', () => res.end());
        return;
      }
      const limit = options.truncateAfter;
      if (limit === undefined) {
        answer.pipe(res);
        return;
      }
      if (limit <= 0) {
        // Headers, then nothing: the connection breaks before the first body byte.
        answer.destroy();
        record.faulted = 'truncate-body';
        res.flushHeaders();
        res.socket?.destroy();
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
        record.faulted = 'truncate-body';
        res.write(part, () => res.socket?.destroy());
      });
      answer.on('end', () => res.end());
    });
    const hold = options.holdRequest;
    if (!hold) {
      req.pipe(outgoing);
      return;
    }
    // The first bytes reach the registry, the rest waits: a slow link with a request caught mid-body.
    let passed = 0;
    let held = false;
    req.on('data', (chunk: Buffer) => {
      if (held || passed + chunk.length <= hold.afterBytes) {
        passed += chunk.length;
        outgoing.write(chunk);
        return;
      }
      held = true;
      record.faulted = 'hold-request-body';
      const head = chunk.subarray(0, hold.afterBytes - passed);
      passed += chunk.length;
      outgoing.write(head);
      req.pause();
      setTimeout(() => {
        if (req.destroyed || outgoing.destroyed) return;
        outgoing.write(chunk.subarray(head.length));
        req.resume();
      }, hold.ms).unref();
    });
    req.on('end', () => outgoing.end());
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

  async function handle(req: IncomingMessage, res: ServerResponse, fault: FaultRule['fault'] | undefined, record: RecordedRequest): Promise<void> {
    // A body fault is recorded where it bites (forward); every other one as it is applied.
    if (fault && fault.kind !== 'truncate-body' && fault.kind !== 'stall-body' && fault.kind !== 'hold-request-body') record.faulted = fault.kind;
    const forward = (req: IncomingMessage, res: ServerResponse, options?: ForwardOptions): void => forwardFor(record, req, res, options);
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
        // Unreferenced, like the body stall: a test that ends mid-stall must not keep jest's worker alive.
        await sleep(fault.ms, undefined, { ref: false });
        return forward(req, res);
      case 'truncate-body':
        return forward(req, res, { truncateAfter: fault.afterBytes });
      case 'stall-body':
        return forward(req, res, { stall: { afterBytes: fault.afterBytes, ms: fault.ms } });
      case 'hold-request-body':
        return forward(req, res, { holdRequest: { afterBytes: fault.afterBytes, ms: fault.ms } });
      case 'drop-response':
        return forward(req, res, { dropResponse: true });
      case 'ignore-range':
        return forward(req, res, { dropRequestHeaders: ['range'] });
      case 'cut-request-after': {
        // The registry gets the head of the body, then both connections break, as on a flaky link.
        const outgoing = request({
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...withoutHopByHop(req.headers), host: upstream.host },
          agent: false,
        });
        outgoing.on('error', () => {});
        outgoing.on('response', (answer) => answer.resume());
        let passed = 0;
        const cut = (): void => {
          req.socket.destroy();
          // Give the registry a moment to take in what it was sent before its connection breaks too.
          setTimeout(() => outgoing.destroy(), 50).unref();
        };
        if (fault.bytes <= 0) return cut();
        req.on('data', (chunk: Buffer) => {
          if (passed >= fault.bytes) return;
          const part = chunk.subarray(0, fault.bytes - passed);
          passed += part.length;
          outgoing.write(part);
          if (passed >= fault.bytes) cut();
        });
        req.on('end', cut);
        return;
      }
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

  let connections = 0;
  const connectionIds = new WeakMap<object, number>();
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const record: RecordedRequest = { method, path, headers: { ...req.headers }, at: Date.now(), connection: connectionIds.get(req.socket) ?? 0 };
    requests.push(record);
    res.once('close', () => {
      record.endedAt = Date.now();
    });
    handle(req, res, faultFor(method, path), record).catch(() => res.destroy());
  });
  server.on('connection', (socket) => connectionIds.set(socket, ++connections));
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
    get connections() {
      return connections;
    },
    setRules,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      })),
  };
}

interface ForwardOptions {
  truncateAfter?: number;
  addHeaders?: Record<string, string>;
  path?: string;
  stall?: { afterBytes: number; ms: number };
  /** Pass the first `afterBytes` of the request body, then nothing for `ms`. */
  holdRequest?: { afterBytes: number; ms: number };
  dropResponse?: boolean;
  dropRequestHeaders?: string[];
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** The most of these requests that were under way at one moment (each from its arrival to the end of its answer). */
export function maxInFlight(requests: readonly RecordedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.at, change: 1 },
    { at: r.endedAt ?? Number.POSITIVE_INFINITY, change: -1 },
  ]);
  // An end and a start at the same millisecond do not overlap.
  edges.sort((a, b) => a.at - b.at || a.change - b.change);
  let now = 0;
  let most = 0;
  for (const edge of edges) {
    now += edge.change;
    most = Math.max(most, now);
  }
  return most;
}
