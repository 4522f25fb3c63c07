// ocikit and oras attaching to one subject at the same moment on the registry
// without the referrers API, where both keep the sha256-<hex> tag index by
// read-modify-write: ocikit confirms its write by reading the index back and writes
// again until its referrer is listed; oras writes once, with no If-Match, and never
// looks back. Every round, ocikit's referrer must be listed in the end; how many of
// oras's are lost is counted and printed. And what each leaves behind: the indexes
// it replaced.
import { describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImageIndex, MediaType, referrersTag } from '@ocikit/core';
import { CLI_BIN, assertCliBuilt, ocikit } from '../harness/ocikit-cli.js';
import { oras } from '../harness/peer-tools.js';
import { run } from '../harness/peers.js';
import { spdx, writeJson } from '../harness/referrer-documents.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

/** `ocikit attach --json` as a real process; `onProgress` hears each line it prints on stderr. */
function ocikitAttach(cwd: string, args: string[], onProgress: (line: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  assertCliBuilt();
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('OCIKIT_') && key !== 'CI' && key !== 'SOURCE_DATE_EPOCH') env[key] = value;
  return run(process.execPath, [CLI_BIN, 'attach', ...args], {
    cwd,
    env,
    input: '',
    timeoutMs: 30_000,
    onSpawn: (child) => child.stderr?.on('data', (chunk: Buffer) => chunk.toString('utf8').split('\n').forEach(onProgress)),
  });
}

describe('ocikit and oras attaching to one subject at the same moment on the tag-schema registry', () => {
  const registry = useRegistry();
  const ROUNDS = 20;
  const AT_ONCE = 4;

  it(`${ROUNDS} rounds: ocikit's referrer is listed in the final sha256-<hex> index every time; oras's losses are counted`, async () => {
    const work = makeTempDir('ocikit-oras-race-');
    await writeFile(join(work, 'app.bin'), 'the app\n');
    await writeJson(work, 'sbom.spdx.json', spdx('app'));
    await writeFile(join(work, 'note.txt'), 'from oras\n');
    const orasLost: number[] = [];
    const ocikitRewrote: number[] = [];

    const round = async (i: number): Promise<void> => {
      const repository = `race/round${i}`;
      const ref = `${registry.host}/${repository}:v1`;
      const subject = (JSON.parse((await oras(['push', '--plain-http', ref, 'app.bin', '--format', 'json'], { cwd: work })).stdout) as { digest: string }).digest;
      // Both run as real processes. oras (a Go binary) starts in milliseconds, node
      // in hundreds, so oras is set off when ocikit reports its first blob: from there
      // ocikit's index update is about as far off as oras's whole attach. An offset
      // that differs by round moves oras's read and write of the tag index before,
      // across and after ocikit's.
      let started: Promise<{ code: number; stdout: string }> | undefined;
      const startOras = (): void => {
        started ??= new Promise((resolve) => setTimeout(resolve, (i * 37) % 120)).then(() =>
          oras(['attach', '--plain-http', ref, '--artifact-type', 'application/vnd.example.note', 'note.txt', '--format', 'json'], { cwd: work }),
        );
      };
      const byOcikit = await ocikitAttach(work, [ref, 'sbom.spdx.json', '--json'], (line) => {
        if (/^(uploaded|skipped|mounted)\s/.test(line)) startOras();
      });
      startOras(); // had it printed no progress line, oras still runs
      const byOras = await started!;
      expect(byOcikit.code).toBe(0);
      const attached = JSON.parse(byOcikit.stdout) as { digest: string; referrers: { attempts: number } };
      const ocikitReferrer = attached.digest;
      // Attempt 1 writes, attempt 2 reads it back; a third means another writer had dropped ocikit's entry.
      if (attached.referrers.attempts > 2) ocikitRewrote.push(i);
      const orasReferrer = (JSON.parse(byOras.stdout) as { digest: string }).digest;

      const response = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(subject)}`, { headers: { accept: MediaType.ImageIndex } });
      expect(response.status).toBe(200);
      const listed: string[] = ((await response.json()) as ImageIndex).manifests.map((d) => d.digest);
      expect(listed).toContain(ocikitReferrer);
      if (!listed.includes(orasReferrer)) orasLost.push(i);
    };

    const started = Date.now();
    for (let first = 0; first < ROUNDS; first += AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, ROUNDS - first) }, (_, k) => round(first + k)));
    }
    console.log(
      `ocikit and oras attaching at once, ${ROUNDS} rounds on distribution (${Date.now() - started} ms): ` +
        `ocikit's referrer listed in all ${ROUNDS} (it wrote the index again after oras dropped its entry in ${ocikitRewrote.length}: rounds ${ocikitRewrote.join(', ') || 'none'}); ` +
        `oras's lost in ${orasLost.length} (rounds ${orasLost.join(', ') || 'none'}): oras writes the tag index once, without If-Match, over an index ocikit read before it`,
    );
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
