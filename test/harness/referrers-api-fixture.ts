// A small, spec-faithful OCI 1.1 referrers API in front of a real registry.
//
// No registry that has the referrers API can run here (Debian's distribution 2.8
// has none), so the API path is tested against this: a proxy that forwards
// everything to the real registry and adds what distribution-spec 1.1 says a
// registry with the API does:
//   - `GET /v2/<name>/referrers/<digest>[?artifactType=]`: an OCI image index of
//     the manifests it saw pushed with that subject, each descriptor with
//     `artifactType` (else the config's media type) and the manifest's
//     annotations; `Link: <…>; rel="next"` pages of `pageSize`; the artifactType
//     filter applied and announced with `OCI-Filters-Applied: artifactType`
//     (or, with `applyFilters: false`, neither); 400 for a malformed digest.
//   - `OCI-Subject: <subject digest>` on the answer to a manifest PUT with a subject.
//   - a manifest DELETE takes the manifest out of the lists.
// With `api: false` it is a plain pass-through that counts requests (the
// benchmark's view of the fallback path).
//
// Jest-free and importing node built-ins only, so bench/ can load it with plain node.
import { createHash } from 'node:crypto';
import { Agent, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReferrersApiFixtureOptions {
  /** Answer the referrers API (default true). */
  api?: boolean;
  /** Descriptors per page of a referrers answer (default 100). */
  pageSize?: number;
  /** Apply an artifactType filter and say so (default true). */
  applyFilters?: boolean;
  /** Answer `OCI-Subject` on PUTs of manifests with a subject (default true with the API). */
  ociSubject?: boolean;
}

export interface FixtureRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface ReferrersApiFixture {
  url: string;
  host: string;
  /** Every request, in order of arrival. */
  requests: FixtureRequest[];
  stop(): Promise<void>;
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const REFERRERS_PATH = /^\/v2\/(.+)\/referrers\/([^/?]+)$/;
const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/?]+)$/;
const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;
const MAX_MANIFEST = 4 * 1024 * 1024;

export async function startReferrersApiFixture(upstreamUrl: string, options: ReferrersApiFixtureOptions = {}): Promise<ReferrersApiFixture> {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true });
  const api = options.api ?? true;
  const pageSize = options.pageSize ?? 100;
  const applyFilters = options.applyFilters ?? true;
  const ociSubject = options.ociSubject ?? api;
  const requests: FixtureRequest[] = [];
  /** `<name>@<subject digest>` → referrer digest → descriptor, in push order. */
  const referrers = new Map<string, Map<string, Descriptor>>();

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, onAnswer?: (answer: IncomingMessage, headers: Record<string, string | string[] | undefined>) => void): void {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    // The client's Host goes on, so the registry's upload Locations point back at this proxy.
    const outgoing = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent });
    outgoing.on('error', () => res.destroy());
    outgoing.on('response', (answer) => {
      const out: Record<string, string | string[] | undefined> = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      onAnswer?.(answer, out);
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    if (body) outgoing.end(body);
    else req.pipe(outgoing);
  }

  function listReferrers(req: IncomingMessage, res: ServerResponse, name: string, digest: string, query: URLSearchParams): void {
    if (!DIGEST.test(digest)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'DIGEST_INVALID', message: 'invalid digest' }] }));
      return;
    }
    const artifactType = query.get('artifactType') ?? undefined;
    let list = [...(referrers.get(`${name}@${digest}`)?.values() ?? [])];
    const filtering = artifactType !== undefined && applyFilters;
    if (filtering) list = list.filter((d) => d.artifactType === artifactType);
    const page = Number(query.get('page') ?? '0');
    const slice = list.slice(page * pageSize, (page + 1) * pageSize);
    const headers: Record<string, string> = { 'content-type': 'application/vnd.oci.image.index.v1+json' };
    if (filtering) headers['oci-filters-applied'] = 'artifactType';
    if ((page + 1) * pageSize < list.length) {
      const next = new URLSearchParams(query);
      next.set('page', String(page + 1));
      headers.link = `</v2/${name}/referrers/${digest}?${next}>; rel="next"`;
    }
    const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: slice });
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function putManifest(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_MANIFEST + 1024) {
        res.writeHead(413);
        res.end();
        return;
      }
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    let manifest: { mediaType?: string; artifactType?: string; config?: { mediaType?: string }; subject?: { digest?: string }; annotations?: Record<string, string>; manifests?: unknown } | undefined;
    try {
      manifest = JSON.parse(body.toString('utf8'));
    } catch {
      manifest = undefined;
    }
    forward(req, res, body, (answer, headers) => {
      const subject = manifest?.subject?.digest;
      if (answer.statusCode !== 201 || !manifest || typeof subject !== 'string') return;
      const reported = answer.headers['docker-content-digest'];
      const digest = typeof reported === 'string' ? reported : `sha256:${createHash('sha256').update(body).digest('hex')}`;
      const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const isIndex = Array.isArray(manifest.manifests);
      const artifactType = manifest.artifactType || (isIndex ? undefined : manifest.config?.mediaType);
      const descriptor: Descriptor = {
        mediaType: manifest.mediaType ?? contentType,
        digest,
        size: body.length,
        ...(artifactType ? { artifactType } : {}),
        ...(manifest.annotations ? { annotations: manifest.annotations } : {}),
      };
      if (api) {
        const key = `${name}@${subject}`;
        const list = referrers.get(key) ?? new Map<string, Descriptor>();
        list.set(digest, descriptor);
        referrers.set(key, list);
      }
      if (ociSubject) headers['oci-subject'] = subject;
    });
  }

  function deleteManifest(req: IncomingMessage, res: ServerResponse, reference: string): void {
    forward(req, res, undefined, (answer) => {
      if (answer.statusCode !== 202) return;
      for (const list of referrers.values()) list.delete(reference);
    });
  }

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fixture');
    requests.push({ method, path: req.url ?? '/', headers: { ...req.headers } });
    const referrersMatch = REFERRERS_PATH.exec(url.pathname);
    if (api && referrersMatch && (method === 'GET' || method === 'HEAD')) {
      listReferrers(req, res, referrersMatch[1]!, referrersMatch[2]!, url.searchParams);
      return;
    }
    const manifestMatch = MANIFEST_PATH.exec(url.pathname);
    if (manifestMatch && method === 'PUT') {
      putManifest(req, res, manifestMatch[1]!).catch(() => res.destroy());
      return;
    }
    if (manifestMatch && method === 'DELETE') {
      deleteManifest(req, res, manifestMatch[2]!);
      return;
    }
    forward(req, res, undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      })),
  };
}
