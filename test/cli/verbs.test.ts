// The small verbs through the built binary: copy, tag, resolve, tags, manifest
// get/put/delete, against a real registry behind a recording proxy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Descriptor, type ImageManifest, MediaType, OciLayoutStore, RemoteRepository, digestOf, pushArtifact } from '@ocikit/core';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../harness/fault-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
let proxy: FaultProxy;

interface Seeded {
  descriptor: Descriptor;
  bytes: Uint8Array;
  manifest: ImageManifest;
}

/** An artifact of one file pushed with core, tagged `tag` in `repository`. */
async function seed(repository: string, tag: string, content: string): Promise<Seeded> {
  const file = join(makeTempDir(), 'notes.txt');
  await writeFile(file, content);
  const repo = new RemoteRepository({ registry: registry.host, repository });
  try {
    const pushed = await pushArtifact(repo, { files: [{ path: file }], tags: [tag], artifactType: 'application/vnd.example.notes.v1' });
    const { bytes } = await repo.fetchManifest(pushed.descriptor);
    return { descriptor: pushed.descriptor, bytes, manifest: pushed.manifest };
  } finally {
    await repo.close();
  }
}

function lines(...values: string[]): string {
  return values.map((v) => `${v}\n`).join('');
}

let app: Seeded;

beforeAll(async () => {
  app = await seed('verbs/app', 'v1', 'the notes\n');
  proxy = await startFaultProxy(registry.url);
});
afterEach(() => {
  proxy.setRules([]);
  proxy.requests.splice(0);
});
afterAll(async () => {
  await proxy?.stop();
});

describe('ocikit resolve, tag and tags', () => {
  it('lists the new verbs in the help', async () => {
    const help = await ocikit(['--help']);
    for (const verb of ['copy|cp [options] <source> <destination>', 'tag [options] <reference> <tags...>', 'resolve [options] <reference>', 'tags [options] <repository>', 'manifest']) {
      expect(help.stdout).toContain(verb);
    }
    const manifestHelp = await ocikit(['manifest', '--help']);
    expect(manifestHelp.stdout).toMatch(/get \[options\] <reference>[\s\S]*put \[options\] <reference> \[file\][\s\S]*delete \[options\] <reference>/);
  });

  it('resolves a tag to its digest, or with --json to its descriptor', async () => {
    const plain = await ocikit(['resolve', `${registry.host}/verbs/app:v1`]);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toBe(`${app.descriptor.digest}\n`);
    const json = await ocikit(['resolve', `${registry.host}/verbs/app:v1`, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ mediaType: MediaType.ImageManifest, digest: app.descriptor.digest, size: app.bytes.length });
  });

  it('tags an existing manifest without moving a blob, and lists the tags', async () => {
    const tagged = await ocikit(['tag', `${proxy.host}/verbs/app:v1`, 'v2', 'v3']);
    expect(tagged.stderr).toBe('');
    expect(tagged.stdout).toBe(lines(`Tagged ${proxy.host}/verbs/app:v2@${app.descriptor.digest}`, `Tagged ${proxy.host}/verbs/app:v3@${app.descriptor.digest}`));
    expect(proxy.requests.filter((r) => r.path.includes('/blobs/'))).toEqual([]);
    expect(proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual(['/v2/verbs/app/manifests/v2', '/v2/verbs/app/manifests/v3']);

    expect((await ocikit(['tags', `${registry.host}/verbs/app`])).stdout).toBe(lines('v1', 'v2', 'v3'));
    // distribution ignores `last`; ocikit applies it all the same.
    expect((await ocikit(['tags', `${registry.host}/verbs/app`, '--last', 'v1'])).stdout).toBe(lines('v2', 'v3'));
    expect(JSON.parse((await ocikit(['tags', `${registry.host}/verbs/app`, '--json'])).stdout)).toEqual({ tags: ['v1', 'v2', 'v3'] });
  });

  it('refuses a tag that is not one before sending anything', async () => {
    const result = await ocikit(['tag', `${proxy.host}/verbs/app:v1`, 'ok', '.bad']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tag ".bad" is not valid');
    expect(proxy.requests).toEqual([]);
  });

  it('follows Link headers through every page, sending n and last', async () => {
    // distribution 2.8 ignores n/last and sends no Link: the proxy answers the
    // pages here, standing for registries that do paginate (GHCR, Harbor, ...).
    const page = (query: string, tags: string[], next?: string): FaultRule => ({
      match: { method: 'GET', path: new RegExp(`^/v2/paged/app/tags/list\\?${query}$`) },
      fault: {
        kind: 'status',
        status: 200,
        headers: next ? { link: `</v2/paged/app/tags/list?${next}>; rel="next"` } : {},
        body: JSON.stringify({ name: 'paged/app', tags }),
      },
    });
    proxy.setRules([page('n=2&last=a1', ['b', 'c'], 'n=2&last=c'), page('n=2&last=c', ['d', 'e'], 'n=2&last=e'), page('n=2&last=e', ['f'])]);
    const listed = await ocikit(['tags', `${proxy.host}/paged/app`, '-n', '2', '--last', 'a1']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toBe(lines('b', 'c', 'd', 'e', 'f'));
    expect(proxy.requests.map((r) => r.path)).toEqual([
      '/v2/paged/app/tags/list?n=2&last=a1',
      '/v2/paged/app/tags/list?n=2&last=c',
      '/v2/paged/app/tags/list?n=2&last=e',
    ]);
  });

  it('stops with an error when the pages lead back to one already read', async () => {
    proxy.setRules([
      {
        match: { method: 'GET', path: /^\/v2\/loop\/app\/tags\/list/ },
        fault: { kind: 'status', status: 200, headers: { link: '</v2/loop/app/tags/list>; rel="next"' }, body: '{"tags":["a"]}' },
      },
    ]);
    const listed = await ocikit(['tags', `${proxy.host}/loop/app`]);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(`listing tags of ${proxy.host}/loop/app: the registry's pages do not come to an end`);
    expect(proxy.requests).toHaveLength(1);
  });
});

describe('ocikit manifest', () => {
  it('gets the exact bytes, or the descriptor', async () => {
    const raw = await ocikit(['manifest', 'get', `${registry.host}/verbs/app:v1`]);
    expect(raw.stdout).toBe(Buffer.from(app.bytes).toString('utf8'));
    const descriptor = await ocikit(['manifest', 'get', `${registry.host}/verbs/app@${app.descriptor.digest}`, '--descriptor']);
    expect(descriptor.stdout).toBe(`${JSON.stringify({ mediaType: MediaType.ImageManifest, digest: app.descriptor.digest, size: app.bytes.length }, null, 2)}\n`);
  });

  it('puts a document from a file under a tag, and from standard input by digest, byte for byte', async () => {
    const edited = { ...app.manifest, annotations: { ...app.manifest.annotations, 'com.example.edited': 'yes' } };
    const bytes = Buffer.from(`${JSON.stringify(edited, null, 2)}\n`); // not canonical on purpose: stored as it is
    const digest = digestOf(bytes);
    const file = join(makeTempDir(), 'manifest.json');
    await writeFile(file, bytes);
    const put = await ocikit(['manifest', 'put', `${registry.host}/verbs/app:edited`, file]);
    expect(put.stderr).toBe('');
    expect(put.stdout).toBe(lines(`Pushed ${registry.host}/verbs/app:edited@${digest}`, `Digest: ${digest}`));
    expect((await ocikit(['manifest', 'get', `${registry.host}/verbs/app:edited`])).stdout).toBe(bytes.toString('utf8'));

    const other = Buffer.from(JSON.stringify({ ...edited, annotations: { 'com.example.stdin': 'yes' } }));
    const otherDigest = digestOf(other);
    const fromStdin = await ocikit(['manifest', 'put', `${registry.host}/verbs/app@${otherDigest}`, '-', '--media-type', MediaType.ImageManifest], { input: other });
    expect(fromStdin.stdout).toBe(lines(`Pushed ${registry.host}/verbs/app@${otherDigest}`, `Digest: ${otherDigest}`));
    expect((await ocikit(['resolve', `${registry.host}/verbs/app@${otherDigest}`])).stdout).toBe(`${otherDigest}\n`);
  });

  it('refuses an invalid document before sending it', async () => {
    const dir = makeTempDir();
    const cases: Array<{ name: string; document: string; args?: string[]; message: string }> = [
      { name: 'no-config.json', document: '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}', message: 'is not a valid OCI manifest: config must be an object' },
      { name: 'no-type.json', document: JSON.stringify({ ...app.manifest, mediaType: undefined }), message: 'has no mediaType field' },
      { name: 'other-type.json', document: Buffer.from(app.bytes).toString('utf8'), args: ['--media-type', MediaType.ImageIndex], message: `it says mediaType "${MediaType.ImageManifest}" but was served as "${MediaType.ImageIndex}"` },
      { name: 'not-json.json', document: 'schemaVersion: 2', message: 'not UTF-8 JSON' },
    ];
    for (const c of cases) {
      const file = join(dir, c.name);
      await writeFile(file, c.document);
      const result = await ocikit(['manifest', 'put', `${proxy.host}/verbs/app:bad`, file, ...(c.args ?? [])]);
      expect({ name: c.name, code: result.code, said: result.stderr.includes(c.message) }).toEqual({ name: c.name, code: 2, said: true });
    }
    const wrongDigest = await ocikit(['manifest', 'put', `${proxy.host}/verbs/app@sha256:${'0'.repeat(64)}`, '-'], { input: Buffer.from(app.bytes) });
    expect(wrongDigest.code).toBe(2);
    expect(wrongDigest.stderr).toContain(`has digest ${app.descriptor.digest}, not sha256:${'0'.repeat(64)}`);
    expect(proxy.requests).toEqual([]);
  });

  it('deletes by tag: resolves the tag, then deletes by digest', async () => {
    const doomed = await seed('verbs/app', 'doomed', 'to be deleted\n');
    const deleted = await ocikit(['manifest', 'delete', `${proxy.host}/verbs/app:doomed`]);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout).toBe(`Deleted ${proxy.host}/verbs/app:doomed@${doomed.descriptor.digest}\n`);
    expect(proxy.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /v2/verbs/app/manifests/doomed',
      // An OCI manifest is read before it goes: if it has a subject, it leaves the sha256-<hex> referrers index too.
      `GET /v2/verbs/app/manifests/${doomed.descriptor.digest}`,
      `DELETE /v2/verbs/app/manifests/${doomed.descriptor.digest}`,
    ]);
    const gone = await ocikit(['resolve', `${registry.host}/verbs/app:doomed`]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`${registry.host}/verbs/app:doomed not found`);
    expect((await ocikit(['resolve', `${registry.host}/verbs/app:v1`])).stdout).toBe(`${app.descriptor.digest}\n`);
  });

  it('deletes by digest, and refuses a reference with neither tag nor digest', async () => {
    const doomed = await seed('verbs/app', 'doomed-too', 'also to be deleted\n');
    const deleted = await ocikit(['manifest', 'delete', `${registry.host}/verbs/app@${doomed.descriptor.digest}`, '--json']);
    expect(JSON.parse(deleted.stdout)).toEqual({
      reference: `${registry.host}/verbs/app@${doomed.descriptor.digest}`,
      mediaType: MediaType.ImageManifest,
      digest: doomed.descriptor.digest,
      size: doomed.bytes.length,
    });
    expect((await ocikit(['manifest', 'get', `${registry.host}/verbs/app:doomed-too`])).code).toBe(1);
    const bare = await ocikit(['manifest', 'delete', `${registry.host}/verbs/app`]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('names no tag or digest');
  });

  it('deletes from an OCI layout by removing it from index.json', async () => {
    const dir = join(makeTempDir(), 'layout');
    const copied = await ocikit(['copy', `${registry.host}/verbs/app:v1`, `oci-layout:${dir}:kept`]);
    expect(copied.stdout).toMatch(new RegExp(`^Copied ${registry.host}/verbs/app:v1\\n    to oci-layout:${dir}:kept@${app.descriptor.digest}\\n(.*\\n)*Digest: ${app.descriptor.digest}\\n$`));
    const store = await OciLayoutStore.open(dir);
    await store.tag(app.descriptor, 'gone');
    expect((await ocikit(['tags', `oci-layout:${dir}`])).stdout).toBe(lines('gone', 'kept'));
    const deleted = await ocikit(['manifest', 'delete', `oci-layout:${dir}:gone`]);
    expect(deleted.stdout).toBe(`Deleted oci-layout:${dir}:gone@${app.descriptor.digest}\n`);
    // Like a registry, deleting the manifest takes every tag of it along.
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).manifests).toEqual([]);
    expect((await ocikit(['tags', `oci-layout:${dir}`])).stdout).toBe('');
  });
});

describe('ocikit copy', () => {
  it('copies between repositories of one registry by mounting, and says so with --json', async () => {
    const copied = await ocikit(['copy', `${proxy.host}/verbs/app:v1`, `${proxy.host}/verbs/mirror`, '--json'], { env: { CI: 'true' } });
    expect(copied.code).toBe(0);
    expect(JSON.parse(copied.stdout)).toEqual({
      source: `${proxy.host}/verbs/app:v1`,
      destination: `${proxy.host}/verbs/mirror:v1@${app.descriptor.digest}`,
      mediaType: MediaType.ImageManifest,
      digest: app.descriptor.digest,
      size: app.bytes.length,
      artifactType: 'application/vnd.example.notes.v1',
      blobs: { copied: 0, mounted: 2, skipped: 0 },
      manifests: { copied: 1, skipped: 0 },
      bytes: 0,
    });
    expect(copied.stderr).toMatch(/^mounted\s+notes\.txt 10 B sha256:/m);
    expect(proxy.requests.filter((r) => r.method === 'POST').map((r) => r.path).sort()).toEqual(
      [app.manifest.config.digest, app.manifest.layers[0]!.digest].map((d) => `/v2/verbs/mirror/blobs/uploads/?mount=${d}&from=verbs/app`).sort(),
    );
    expect((await ocikit(['resolve', `${registry.host}/verbs/mirror:v1`])).stdout).toBe(`${app.descriptor.digest}\n`);
  });

  it('fails clearly when the source does not exist', async () => {
    const result = await ocikit(['copy', `${registry.host}/verbs/app:nope`, `${registry.host}/verbs/mirror:nope`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${registry.host}/verbs/app:nope not found`);
  });
});
