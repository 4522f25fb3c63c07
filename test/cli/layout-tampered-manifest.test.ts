// A manifest in an OCI layout whose bytes were changed after it was written, its
// size kept (one annotation value rewritten): every verb that reads it refuses it
// with a digest mismatch naming the manifest, rather than acting on bytes nobody
// pushed. Each case runs on its own copy of one layout: first untouched (the verb
// works), then with the manifest rewritten (the verb refuses). Corrupted blobs are
// tested elsewhere; this is the manifest, read by every verb before any blob.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Descriptor, OciLayoutStore, pushArtifact } from '@ocikit/core';
import { buildImage, buildIndex, pushImage, pushIndex, sampleContent } from '../harness/images.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { makeTempDir } from '../harness/temp.js';

/** The annotation value the tampering rewrites: same length, other bytes. */
const NOTE = { 'org.example.note': 'aaaa' };

let work: string;
let pristine: string;
/** The manifests of the pristine layout: an artifact (tag `art`), an image (`img`), an index (`idx`) and its one platform image (untagged). */
const manifests: Record<'art' | 'img' | 'idx' | 'child', Descriptor> = {} as never;

beforeAll(async () => {
  work = makeTempDir('ocikit-tampered-');
  const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await writeFile(join(work, 'cosign.key'), signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await writeFile(join(work, 'cosign.pub'), signing.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  await writeFile(join(work, 'app.txt'), 'the app\n');
  await writeFile(join(work, 'provenance.json'), '{"builder":{"id":"https://example.com/builder"}}\n');

  pristine = join(work, 'pristine');
  const store = await OciLayoutStore.open(pristine, { create: true });
  try {
    const before = process.cwd();
    process.chdir(work);
    try {
      manifests.art = (await pushArtifact(store, { files: [{ path: 'app.txt' }], tags: ['art'], annotations: NOTE })).descriptor;
    } finally {
      process.chdir(before);
    }
    const image = await buildImage(work, { platform: { os: 'linux', architecture: 'amd64' }, layers: [{ files: { 'etc/app': sampleContent(20_000) } }], annotations: NOTE });
    await pushImage(store, image, 'img');
    manifests.img = image.manifest.descriptor;
    const child = await buildImage(work, { platform: { os: 'linux', architecture: 'arm64' }, layers: [{ files: { 'etc/app': 'arm\n' } }], annotations: NOTE });
    const index = buildIndex([child], [], { annotations: NOTE });
    await pushIndex(store, index, 'idx');
    manifests.idx = index.index.descriptor;
    manifests.child = child.manifest.descriptor;
  } finally {
    await store.close();
  }
});

let copies = 0;
/** A fresh copy of the pristine layout, with a name to refer to it by. */
async function layoutCopy(): Promise<string> {
  const dir = `layout-${++copies}`;
  await cp(pristine, join(work, dir), { recursive: true });
  return dir;
}

/**
 * The manifest `which` names in `layout` now: the untagged platform image by its
 * digest, the others by their tag (index add has moved `idx` to a new index).
 */
async function current(layout: string, which: keyof typeof manifests): Promise<Descriptor> {
  if (which === 'child') return manifests.child;
  const index = JSON.parse(await readFile(join(work, layout, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
  return index.manifests.find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === which)!;
}

/** Rewrites the manifest's blob in `layout` at the same size: the note's value changes. */
async function tamper(layout: string, manifest: Descriptor): Promise<void> {
  const path = join(work, layout, 'blobs', 'sha256', manifest.digest.slice('sha256:'.length));
  const bytes = await readFile(path, 'utf8');
  const changed = bytes.replace('"org.example.note":"aaaa"', '"org.example.note":"bbbb"');
  expect(changed).not.toBe(bytes);
  expect(Buffer.byteLength(changed)).toBe(manifest.size);
  await writeFile(path, changed);
}

const run = (args: string[]) => ocikit(args, { cwd: work });

/**
 * A verb: `args(layout)` runs it on a layout; `tampered` is the manifest it reads.
 * `prepare` runs first on the layout (once before tampering), as a user would.
 */
interface Case {
  verb: string;
  tampered: keyof typeof manifests;
  args: (layout: string, round: 'before' | 'after') => string[];
  prepare?: (layout: string) => Promise<void>;
}

const CASES: Case[] = [
  { verb: 'pull', tampered: 'art', args: (l, r) => ['pull', `oci-layout:${l}:art`, '-o', `${l}-out-${r}`] },
  { verb: 'copy', tampered: 'art', args: (l, r) => ['copy', `oci-layout:${l}:art`, `oci-layout:${l}-copy-${r}:art`] },
  { verb: 'copy (a platform image of an index)', tampered: 'child', args: (l, r) => ['copy', `oci-layout:${l}:idx`, `oci-layout:${l}-copy-${r}:idx`] },
  { verb: 'discover', tampered: 'art', args: (l) => ['discover', `oci-layout:${l}:art`] },
  { verb: 'tag', tampered: 'art', args: (l, r) => ['tag', `oci-layout:${l}:art`, `again-${r}`] },
  { verb: 'resolve (a manifest index.json does not list)', tampered: 'child', args: (l) => ['resolve', `oci-layout:${l}@${manifests.child.digest}`] },
  { verb: 'manifest get', tampered: 'art', args: (l) => ['manifest', 'get', `oci-layout:${l}:art`] },
  { verb: 'recompress', tampered: 'img', args: (l, r) => ['recompress', `oci-layout:${l}:img`, `oci-layout:${l}:img-zstd-${r}`] },
  { verb: 'index create (its source)', tampered: 'img', args: (l, r) => ['index', 'create', `oci-layout:${l}:all-${r}`, `oci-layout:${l}:img`] },
  { verb: 'index add (the index added to)', tampered: 'idx', args: (l) => ['index', 'add', `oci-layout:${l}:idx`, `oci-layout:${l}:img`] },
  { verb: 'sign', tampered: 'art', args: (l) => ['sign', `oci-layout:${l}:art`, '--key', 'cosign.key', '--no-tlog'] },
  {
    verb: 'attest',
    tampered: 'art',
    args: (l) => ['attest', `oci-layout:${l}:art`, '--predicate', 'provenance.json', '--type', 'https://slsa.dev/provenance/v1', '--key', 'cosign.key', '--no-tlog'],
  },
  {
    verb: 'verify',
    tampered: 'art',
    prepare: async (l) => expect((await run(['sign', `oci-layout:${l}:art`, '--key', 'cosign.key', '--no-tlog'])).code).toBe(0),
    args: (l) => ['verify', `oci-layout:${l}:art`, '--key', 'cosign.pub', '--insecure-ignore-tlog'],
  },
];

describe('a layout manifest rewritten at the same size', () => {
  it.each(CASES.map((c) => [c.verb, c] as const))('%s refuses it with a digest mismatch', async (_verb, c) => {
    const layout = await layoutCopy();
    await c.prepare?.(layout);
    const before = await run(c.args(layout, 'before'));
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('error') });

    const manifest = await current(layout, c.tampered);
    await tamper(layout, manifest);
    const after = await run(c.args(layout, 'after'));
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(`error: manifest ${manifest.digest} in oci-layout:${layout}: content does not match its digest`);
    expect(after.stderr).toMatch(/expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}/);
  });
});
