// ocikit and oras attaching to one subject at the same moment on the registry
// without the referrers API, where both keep the sha256-<hex> tag index by
// read-modify-write: ocikit confirms its write by reading the index back and writes
// again until its referrer is listed (its write carries If-Match); oras writes once,
// with no If-Match, and never looks back. Which write lands on which is not left to
// the scheduler: a proxy in front of the registry (both tools go through it, told
// apart by their User-Agent) holds one tool's PUT of the index until the other's
// has happened, so every round interleaves the same way, and what each tool keeps
// or loses is asserted exactly, every round. And what each leaves behind: the
// indexes it replaced.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageIndex, MediaType, referrersTag } from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { type HoldProxy, type RequestMatch, type SeenRequest, startHoldProxy } from '../harness/hold-proxy.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { oras } from '../harness/peer-tools.js';
import { spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

type Tool = 'ocikit' | 'oras';

/** Resolves with `promise`, or rejects after `ms`: a hold whose condition never comes lets go, and the round's assertions say why. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

interface Round {
  /** ocikit's read-modify-write attempts (attempt n+1 reads back what attempt n wrote). */
  attempts: number;
  /** Who wrote the index, in the order the registry got the writes, with its answer. */
  writes: string[];
  listed: { ocikit: boolean; oras: boolean; seed: boolean };
}

/**
 * One round on its own repository: a subject pushed by oras with one referrer (the
 * seed, so the index exists and carries an ETag), then ocikit and oras attach at
 * once through `proxy`, with `choreograph` setting the holds.
 */
async function race(
  registryUrl: string,
  proxy: HoldProxy,
  work: string,
  repository: string,
  choreograph: (tagIndex: (tool: Tool, method: string) => RequestMatch) => Array<() => void>,
): Promise<Round> {
  const ref = `${proxy.host}/${repository}:v1`;
  const digestOf = async (args: string[]): Promise<string> => (JSON.parse((await oras([...args, '--format', 'json'], { cwd: work })).stdout) as { digest: string }).digest;
  const subject = await digestOf(['push', '--plain-http', ref, 'app.bin']);
  const seed = await digestOf(['attach', '--plain-http', ref, '--artifact-type', 'application/vnd.example.seed', 'seed.txt']);
  const indexPath = `/v2/${repository}/manifests/${referrersTag(subject)}`;
  // The race's requests only: the seed's write came before.
  const from = proxy.requests.length;
  const tagIndex = (tool: Tool, method: string): RequestMatch => (r) =>
    r.seq >= from && r.path === indexPath && r.method === method && r.agent.startsWith(`${tool}/`);
  const release = choreograph(tagIndex);
  try {
    const [byOcikit, byOras] = await Promise.all([
      ocikit(['attach', ref, 'sbom.spdx.json', '--json'], { cwd: work }),
      oras(['attach', '--plain-http', ref, '--artifact-type', 'application/vnd.example.note', 'note.txt', '--format', 'json'], { cwd: work }),
    ]);
    expect(byOcikit.stderr).not.toContain('error');
    expect(byOcikit.code).toBe(0);
    const attached = JSON.parse(byOcikit.stdout) as { digest: string; referrers: { attempts: number } };
    const orasReferrer = (JSON.parse(byOras.stdout) as { digest: string }).digest;
    const response = await fetch(`${registryUrl}${indexPath}`, { headers: { accept: MediaType.ImageIndex } });
    expect(response.status).toBe(200);
    const listed = new Set<string>(((await response.json()) as ImageIndex).manifests.map((d) => d.digest));
    const writes = proxy.requests
      .filter((r) => r.seq >= from && r.path === indexPath && r.method === 'PUT')
      .sort((a, b) => a.forwardedSeq! - b.forwardedSeq!)
      .map((r: SeenRequest) => `${r.agent.split('/')[0]} ${r.status}`);
    return { attempts: attached.referrers.attempts, writes, listed: { ocikit: listed.has(attached.digest), oras: listed.has(orasReferrer), seed: listed.has(seed) } };
  } finally {
    release.forEach((remove) => remove());
  }
}

describe('ocikit and oras attaching to one subject at once, on the tag-schema registry, in a fixed order', () => {
  const registry = useRegistry();
  const ROUNDS = 4;
  let work: string;
  let proxy: HoldProxy;
  let ifMatchFront: FaultProxy;
  let ifMatchProxy: HoldProxy;
  const summary: string[] = [];

  beforeAll(async () => {
    work = makeTempDir('ocikit-oras-race-');
    await writeFile(join(work, 'app.bin'), 'the app\n');
    await writeFile(join(work, 'seed.txt'), 'the first referrer\n');
    await writeJson(work, 'sbom.spdx.json', spdx('app'));
    await writeFile(join(work, 'note.txt'), 'from oras\n');
    proxy = await startHoldProxy(registry.url);
    // The same registry behind a front that honours If-Match (412 on a stale write), as some registries do.
    ifMatchFront = await startFaultProxy(registry.url, [{ match: { method: 'PUT', path: /\/manifests\/sha256-/ }, fault: { kind: 'enforce-if-match' } }]);
    ifMatchProxy = await startHoldProxy(ifMatchFront.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await ifMatchProxy?.stop();
    await ifMatchFront?.stop();
    console.log(`ocikit and oras attaching to one subject at once on distribution, ${ROUNDS} rounds of each order:\n${summary.join('\n')}`);
  });

  const rounds = async (name: string, run: (i: number) => Promise<Round>): Promise<Round[]> => {
    const results = await Promise.all(Array.from({ length: ROUNDS }, (_, i) => run(i)));
    const count = (key: keyof Round['listed']): number => results.filter((r) => r.listed[key]).length;
    summary.push(
      `  ${name}: ocikit's referrer listed in ${count('ocikit')}/${ROUNDS}, oras's in ${count('oras')}/${ROUNDS}; ` +
        `ocikit's attempts ${results.map((r) => r.attempts).join(', ')}; the writes: ${results[0]!.writes.join(' → ')}`,
    );
    return results;
  };

  it("oras's write lands on ocikit's: ocikit reads back its loss and writes again, keeping oras's entry, every round", async () => {
    const results = await rounds('oras writes over ocikit', (i) =>
      race(registry.url, proxy, work, `race/oras-last-${i}`, (tagIndex) => {
        // oras read the index before ocikit wrote it: ocikit's write waits for oras's to arrive (oras reads, then writes).
        const orasWriting = proxy.arrived(tagIndex('oras', 'PUT'));
        const ocikitWrote = proxy.answered(tagIndex('ocikit', 'PUT'));
        const orasWrote = proxy.answered(tagIndex('oras', 'PUT'));
        let ocikitHasWritten = false;
        void ocikitWrote.then(() => (ocikitHasWritten = true));
        return [
          proxy.hold(tagIndex('ocikit', 'PUT'), within(orasWriting, 20_000, 'oras writing the index')),
          // oras's write (from its earlier read) lands on ocikit's.
          proxy.hold(tagIndex('oras', 'PUT'), within(ocikitWrote, 20_000, "ocikit's write")),
          // ocikit reads back only once oras's write is in.
          proxy.hold((r) => ocikitHasWritten && tagIndex('ocikit', 'GET')(r), within(orasWrote, 20_000, "oras's write")),
        ];
      }),
    );
    for (const round of results) {
      expect(round.writes).toEqual(['ocikit 201', 'oras 201', 'ocikit 201']);
      // Attempt 1 wrote, attempt 2 read back oras's index without its entry and wrote again, attempt 3
      // found it, and attempt 4 (another writer having been seen) found it still there.
      expect(round.attempts).toBe(4);
      expect(round.listed).toEqual({ ocikit: true, oras: true, seed: true });
    }
  }, 60_000);

  it("ocikit's write lands on oras's, on distribution (which ignores If-Match): oras's entry is lost, every round", async () => {
    const results = await rounds("ocikit writes over oras (If-Match ignored)", (i) =>
      race(registry.url, proxy, work, `race/ocikit-last-${i}`, (tagIndex) => {
        // ocikit read the index before oras wrote it: oras's write waits for ocikit's to arrive.
        const ocikitWriting = proxy.arrived(tagIndex('ocikit', 'PUT'));
        const orasWrote = proxy.answered(tagIndex('oras', 'PUT'));
        return [
          proxy.hold(tagIndex('oras', 'PUT'), within(ocikitWriting, 20_000, 'ocikit writing the index')),
          proxy.hold(tagIndex('ocikit', 'PUT'), within(orasWrote, 20_000, "oras's write")),
        ];
      }),
    );
    for (const round of results) {
      expect(round.writes).toEqual(['oras 201', 'ocikit 201']);
      // ocikit's read-back finds its own entry: it has no way to see oras's was there between its read and its write.
      expect(round.attempts).toBe(2);
      expect(round.listed).toEqual({ ocikit: true, oras: false, seed: true });
    }
  }, 60_000);

  it("ocikit's write lands on oras's where the registry honours If-Match: refused, ocikit reads again and keeps oras's entry, every round", async () => {
    const results = await rounds("ocikit writes over oras (If-Match honoured)", (i) =>
      race(registry.url, ifMatchProxy, work, `race/if-match-${i}`, (tagIndex) => {
        const ocikitWriting = ifMatchProxy.arrived(tagIndex('ocikit', 'PUT'));
        const orasWrote = ifMatchProxy.answered(tagIndex('oras', 'PUT'));
        return [
          ifMatchProxy.hold(tagIndex('oras', 'PUT'), within(ocikitWriting, 20_000, 'ocikit writing the index')),
          ifMatchProxy.hold(tagIndex('ocikit', 'PUT'), within(orasWrote, 20_000, "oras's write")),
        ];
      }),
    );
    for (const round of results) {
      expect(round.writes).toEqual(['oras 201', 'ocikit 412', 'ocikit 201']);
      // Attempt 1's write was refused (412), attempt 2 wrote on oras's index, attempt 3 read it back,
      // attempt 4 (another writer having been seen) read it back once more.
      expect(round.attempts).toBe(4);
      expect(round.listed).toEqual({ ocikit: true, oras: true, seed: true });
    }
  }, 60_000);
});

describe('the sha256-<hex> index oras and ocikit leave behind on the tag-schema registry', () => {
  const registry = useRegistry();

  it('oras keeps every index it replaced (oras sets SkipReferrersGC); ocikit deletes the one it replaced', async () => {
    const work = makeTempDir('ocikit-oras-gc-');
    await writeFile(join(work, 'app.bin'), 'the app\n');
    await writeFile(join(work, 'a.txt'), 'a\n');
    await writeFile(join(work, 'b.txt'), 'b\n');
    await writeJson(work, 'sbom.spdx.json', spdx('app'));
    const ref = `${registry.host}/gc/app:v1`;
    const digestOf = async (args: string[]): Promise<string> => (JSON.parse((await oras([...args, '--format', 'json'], { cwd: work })).stdout) as { digest: string }).digest;
    const subject = await digestOf(['push', '--plain-http', ref, 'app.bin']);
    const indexUrl = `${registry.url}/v2/gc/app/manifests/${referrersTag(subject)}`;
    const currentIndex = async (): Promise<string> => {
      const response = await fetch(indexUrl, { method: 'HEAD', headers: { accept: MediaType.ImageIndex } });
      expect(response.status).toBe(200);
      return response.headers.get('docker-content-digest')!;
    };
    const stored = async (digest: string): Promise<number> =>
      (await fetch(`${registry.url}/v2/gc/app/manifests/${digest}`, { method: 'HEAD', headers: { accept: MediaType.ImageIndex } })).status;

    await digestOf(['attach', '--plain-http', ref, '--artifact-type', 'application/vnd.example.a', 'a.txt']);
    const first = await currentIndex();
    await digestOf(['attach', '--plain-http', ref, '--artifact-type', 'application/vnd.example.b', 'b.txt']);
    const second = await currentIndex();
    expect(second).not.toBe(first);
    // oras's behaviour: the index it replaced stays in the repository, untagged.
    expect(await stored(first)).toBe(200);

    const attached = await ocikit(['attach', ref, 'sbom.spdx.json', '--json'], { cwd: work });
    expect(attached.code).toBe(0);
    const referrers = (JSON.parse(attached.stdout) as { referrers: { index: string; cleanedUp?: string[] } }).referrers;
    expect(await currentIndex()).toBe(referrers.index);
    expect(referrers.cleanedUp).toEqual([second]);
    expect(await stored(second)).toBe(404);
  });
});
