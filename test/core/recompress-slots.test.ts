// The slots that bound recompress's work, each observed from outside while a
// multi-layer image is recompressed: layers in flight (their upload sessions, seen
// by a proxy in front of the real registry), layers decompressing at once (seen in
// the progress events: a layer reads its bytes only while it holds a gunzip slot),
// and zstd frames compressing at once (a Limiter that counts its holders, handed in
// as the shared bound). Each test asserts the bound itself: reached, never passed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { type Descriptor, Limiter, OciLayoutStore, type ProgressListener, RemoteRepository, recompress } from '@ocikit/core';
import { type FaultProxy, maxInFlight, startFaultProxy } from '../harness/fault-proxy.js';
import { type BuiltImage, buildImage, pushImage, sampleContent } from '../harness/images.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const registry = useRegistry();
/** Small frames, so each layer is many of them. */
const FRAME = 64 * 1024;
const LAYERS = 6;

let work: string;
let image: BuiltImage;
let proxy: FaultProxy;

beforeAll(async () => {
  work = makeTempDir('ocikit-recompress-slots-');
  // Six distinct layers of 1 MiB each (a fifth of it random): 16 frames and several read chunks apiece.
  image = await buildImage(work, {
    platform: { os: 'linux', architecture: 'amd64' },
    layers: Array.from({ length: LAYERS }, (_, i) => ({ files: { [`data/${i}.bin`]: sampleContent(1024 * 1024, `layer-${i}`) } })),
  });
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy?.stop();
});

let layouts = 0;
/** A fresh layout holding the image under `v1`. */
async function sourceLayout(): Promise<OciLayoutStore> {
  const store = await OciLayoutStore.open(join(work, `source-${++layouts}`), { create: true });
  await pushImage(store, image, 'v1');
  return store;
}

/** A Limiter that records how many hold it at once, and how often it was taken. */
class CountingLimiter extends Limiter {
  held = 0;
  most = 0;
  taken = 0;
  override async acquire(): Promise<() => void> {
    const release = await super.acquire();
    this.held++;
    this.taken++;
    this.most = Math.max(this.most, this.held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      release();
    };
  }
}

/**
 * Progress events in order: a layer reads (and reports) bytes only while it holds a
 * gunzip slot, so its first to its last `bytes` event is inside its turn.
 */
function readingWindows(): { progress: ProgressListener; mostAtOnce: () => number } {
  const layers = new Set(image.layers.map((layer) => layer.descriptor.digest));
  const events: string[] = [];
  // The layers' reads only (the config is copied too, and reports its bytes).
  const progress: ProgressListener = { bytes: (descriptor: Descriptor) => void (layers.has(descriptor.digest) && events.push(descriptor.digest)) };
  const mostAtOnce = (): number => {
    const windows = new Map<string, { first: number; last: number }>();
    events.forEach((digest, i) => {
      const window = windows.get(digest);
      if (window) window.last = i;
      else windows.set(digest, { first: i, last: i });
    });
    expect(windows.size).toBe(LAYERS);
    let most = 0;
    for (let i = 0; i < events.length; i++) {
      most = Math.max(most, [...windows.values()].filter((w) => w.first <= i && i <= w.last).length);
    }
    return most;
  };
  return { progress, mostAtOnce };
}

describe('recompress keeps to its slots', () => {
  it('zstd: frames compressing at once never pass the shared limiter, and every frame goes through it', async () => {
    const source = await sourceLayout();
    const destination = await OciLayoutStore.open(join(work, `zstd-${layouts}`), { create: true });
    const limiter = new CountingLimiter(1);
    const result = await recompress(source, 'v1', destination, 'v1', { frameSize: FRAME, concurrency: 4, limiter });
    expect(result.layers).toHaveLength(LAYERS);
    // Each encoder would keep two frames going (and two layers are in flight): the one slot holds them to one.
    expect(limiter.most).toBe(1);
    const frames = image.layers.reduce((sum, layer) => sum + Math.ceil(layer.tar.length / FRAME), 0);
    expect(limiter.taken).toBe(frames);

    const wider = new CountingLimiter(2);
    await recompress(await sourceLayout(), 'v1', await OciLayoutStore.open(join(work, `zstd-wide-${layouts}`), { create: true }), 'v1', { frameSize: FRAME, concurrency: 4, limiter: wider });
    expect(wider.most).toBe(2);
    expect(wider.taken).toBe(frames);
  });

  it.each([
    // [zstd slots, concurrency, layers decompressing at once: a third of the zstd slots, at least one]
    [2, 4, 1],
    [6, 6, 2],
  ])('gunzip: with %i zstd slots and concurrency %i, %i layer(s) decompress at once', async (slots, concurrency, gunzips) => {
    const source = await sourceLayout();
    const destination = await OciLayoutStore.open(join(work, `gunzip-${layouts}`), { create: true });
    const { progress, mostAtOnce } = readingWindows();
    await recompress(source, 'v1', destination, 'v1', { frameSize: FRAME, concurrency, limiter: new Limiter(slots), progress });
    expect(mostAtOnce()).toBe(gunzips);
  });

  it.each([
    // [concurrency, zstd slots, layers in flight: the smaller]
    [4, 2, 2],
    [3, 4, 3],
    [1, 4, 1],
  ])('uploads: with concurrency %i and %i zstd slots, %i layer upload(s) at once', async (concurrency, slots, inFlight) => {
    const source = await sourceLayout();
    // Each layer's upload (one PATCH: a layer is under the 8 MiB chunk) is held a moment, so layers in flight overlap on the wire.
    proxy.setRules([{ match: { method: 'PATCH', path: /\/blobs\/uploads\// }, fault: { kind: 'stall', ms: 300 } }]);
    proxy.requests.splice(0);
    const destination = new RemoteRepository({ registry: proxy.host, repository: `slots/uploads-${concurrency}-${slots}` });
    try {
      await recompress(source, 'v1', destination, 'v1', { frameSize: FRAME, concurrency, limiter: new Limiter(slots) });
    } finally {
      await destination.close();
      proxy.setRules([]);
    }
    const patches = proxy.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/blobs/uploads/'));
    expect(patches).toHaveLength(LAYERS);
    expect(maxInFlight(patches)).toBe(inFlight);
  });
});
