// A loopback HTTP proxy in front of a real registry that holds chosen requests
// until a condition is met (another request arrived, or was answered), so two
// clients' requests interleave in one chosen order every time, however the
// processes happen to be scheduled. Everything else is forwarded as is, bodies
// streamed both ways. A held request is not read until it is let go: its client
// simply waits for the answer.
import { Agent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  /** 0, 1, 2... in order of arrival: its index in `requests`. */
  seq: number;
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  /** The client's User-Agent header ('' when none). */
  agent: string;
  /** Date.now() when it arrived. */
  at: number;
  /** Date.now() when it was let go to the registry (the same as `at` unless it was held). */
  forwardedAt?: number;
  /** 0, 1, 2... in the order requests were let go to the registry (exact where `forwardedAt` ties). */
  forwardedSeq?: number;
  /** Date.now() when its answer was done; undefined while it runs. */
  answeredAt?: number;
  status?: number;
}

export type RequestMatch = (request: SeenRequest) => boolean;

export interface HoldProxy {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** '127.0.0.1:<port>', a registry host for references and clients. */
  host: string;
  /** Every request that reached the proxy, in order of arrival. */
  requests: SeenRequest[];
  /**
   * Holds every request that matches when it arrives until `until` settles. Returns a
   * function that removes the rule. Rules are checked in order; the request waits for each that matches.
   */
  hold(match: RequestMatch, until: Promise<unknown>): () => void;
  /** Resolves with the first request (seen before or after this call) that matches, once it has arrived. */
  arrived(match: RequestMatch): Promise<SeenRequest>;
  /** Resolves with the first request that matches, once its answer is done. */
  answered(match: RequestMatch): Promise<SeenRequest>;
  stop(): Promise<void>;
}

// Connection-level headers belong to one hop; Node sets its own on each side.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export async function startHoldProxy(upstreamUrl: string): Promise<HoldProxy> {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  const requests: SeenRequest[] = [];
  const rules = new Set<{ match: RequestMatch; until: Promise<unknown> }>();
  const waiters = new Set<{ match: RequestMatch; event: 'arrived' | 'answered'; resolve: (r: SeenRequest) => void }>();
  let origin = '';
  let forwarded = 0;

  const notify = (seen: SeenRequest, event: 'arrived' | 'answered'): void => {
    for (const waiter of [...waiters]) {
      if (waiter.event !== event || !waiter.match(seen)) continue;
      waiters.delete(waiter);
      waiter.resolve(seen);
    }
  };

  const waitFor = (match: RequestMatch, event: 'arrived' | 'answered'): Promise<SeenRequest> => {
    const done = requests.find((r) => match(r) && (event === 'arrived' || r.answeredAt !== undefined));
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => waiters.add({ match, event, resolve }));
  };

  /** The registry's absolute Location (distribution writes its own host) as a URL on the proxy. */
  const rewriteLocation = (location: string): string => {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      return location;
    }
    return url.origin === upstream.origin ? origin + url.pathname + url.search + url.hash : location;
  };

  const forward = (seen: SeenRequest, req: IncomingMessage, res: ServerResponse): void => {
    seen.forwardedAt = Date.now();
    seen.forwardedSeq = forwarded++;
    const outgoing = request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...withoutHopByHop(req.headers), host: upstream.host },
      agent,
    });
    outgoing.on('error', () => res.destroy());
    const answered = (): void => {
      if (seen.answeredAt !== undefined) return;
      seen.answeredAt = Date.now();
      notify(seen, 'answered');
    };
    res.on('finish', answered);
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
      answered();
    });
    outgoing.on('response', (answer) => {
      seen.status = answer.statusCode;
      const headers = withoutHopByHop(answer.headers);
      if (typeof headers.location === 'string') headers.location = rewriteLocation(headers.location);
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    req.pipe(outgoing);
  };

  const server = createServer((req, res) => {
    const agentHeader = req.headers['user-agent'];
    const seen: SeenRequest = { seq: requests.length, method: req.method ?? 'GET', path: req.url ?? '/', agent: typeof agentHeader === 'string' ? agentHeader : '', at: Date.now() };
    requests.push(seen);
    const holds = [...rules].filter((rule) => rule.match(seen)).map((rule) => rule.until);
    notify(seen, 'arrived');
    if (holds.length === 0) return forward(seen, req, res);
    // A rule that fails lets the request go all the same: the test's own assertions say what went wrong.
    void Promise.allSettled(holds).then(() => forward(seen, req, res));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    host: `127.0.0.1:${port}`,
    requests,
    hold(match, until) {
      const rule = { match, until };
      rules.add(rule);
      return () => void rules.delete(rule);
    },
    arrived: (match) => waitFor(match, 'arrived'),
    answered: (match) => waitFor(match, 'answered'),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
