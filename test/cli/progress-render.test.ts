// Progress says only what is true: what a bar is doing (receiving on a pull,
// sending on a push), what landed (recompress: the zstd blob), configs by name,
// bars that fit the terminal, and one rule for bars or plain lines (a terminal,
// not CI, no --no-tty). The CLI runs in a real pseudo-terminal (util-linux
// `script`) in front of a real registry; the renderer's own tests give it a
// stream object that says it is a 70-column terminal.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Descriptor, RemoteRepository, digestOf, formatBytes } from '@ocikit/core';
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js';
import { buildImage, pushImage } from '../harness/images.js';
import { CLI_BIN, assertCliBuilt, ocikit } from '../harness/ocikit-cli.js';
import { type RunResult, requireBinary, run } from '../harness/peers.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { createProgressRenderer, drawsBars, isCi } from '../../packages/cli/src/output/progress-renderer.js';
import { fitBarLine, truncateMiddle } from '../../packages/cli/src/output/bar-line.js';

const registry = useRegistry();
let proxy: FaultProxy;
const NAME = 'a-rather-long-file-name-for-a-seventy-column-terminal-report.bin';
const CONTENT = randomBytes(1024 * 1024);
const REPO = 'progress/app';

beforeAll(async () => {
  proxy = await startFaultProxy(registry.url);
  const work = makeTempDir();
  await writeFile(join(work, NAME), CONTENT);
  const push = await ocikit(['push', `${registry.host}/${REPO}:v1`, NAME], { cwd: work, env: { CI: 'true' } });
  if (push.code !== 0) throw new Error(`push failed: ${push.stderr}`);
});

afterAll(async () => {
  await proxy?.stop();
});

/** The ANSI sequences a bar redraw writes (cursor moves, line clears, wrap and cursor modes). */
const CONTROL = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|\r|\n/;

/** What each write between cursor moves put on screen: every line as the terminal shows it. */
function screenPieces(output: string): string[] {
  return output.split(CONTROL).filter((piece) => piece.trim() !== '');
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `ocikit <args>` with stdout and stderr on a pseudo-terminal `columns` wide; its output as the terminal got it. */
async function inTerminal(args: string[], options: { env?: Record<string, string>; columns?: number; cwd?: string } = {}): Promise<RunResult> {
  requireBinary('script', 'util-linux');
  assertCliBuilt();
  const env: Record<string, string> = { TERM: 'xterm' };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('OCIKIT_') && key !== 'CI' && key !== 'SOURCE_DATE_EPOCH') env[key] = value;
  }
  const command = [process.execPath, CLI_BIN, ...args].map(shellQuote).join(' ');
  return run('script', ['-qec', `stty cols ${options.columns ?? 70} rows 40; exec ${command}`, '/dev/null'], {
    env: { ...env, ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    input: '',
  });
}

/** Pulls through the proxy, the blob's body held for a moment halfway: long enough for bars to be drawn mid-transfer. */
async function pullInTerminal(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  proxy.setRules([{ match: { method: 'GET', path: /\/blobs\/sha256:/ }, fault: { kind: 'stall-body', afterBytes: 256 * 1024, ms: 600 } }]);
  try {
    return await inTerminal([...args, 'pull', `${proxy.host}/${REPO}:v1`, '-o', makeTempDir()], { env });
  } finally {
    proxy.setRules([]);
  }
}

describe('progress in a terminal (the CLI in a pseudo-TTY)', () => {
  it('a pull in 70 columns: bars say receiving, never wrap, and keep the rate and both ends of the name', async () => {
    const pull = await pullInTerminal([]);
    expect(pull.code).toBe(0);
    const pieces = screenPieces(pull.stdout);
    const bars = pieces.filter((piece) => /[█░]/.test(piece));
    expect(bars.length).toBeGreaterThan(0);
    // Drawn while the bytes came in: receiving, with a rate.
    expect(bars.some((bar) => /^receiving +[█░]{10} .* [\d.]+ [KMG]iB\/s +a-ra\S*…\S*\.bin$/.test(bar))).toBe(true);
    expect(pull.stdout).not.toContain('sending');
    expect(bars.at(-1)).toMatch(/^downloaded █{10} +1\.0 MiB \/ 1\.0 MiB .*\.bin$/);
    // Every bar line as drawn, a column to spare (the summary on stdout is ordinary text).
    expect(bars.filter((bar) => [...bar].length >= 70)).toEqual([]);
    // Bars are stopped once: nothing moves the cursor back up over the summary printed after them.
    expect(pull.stdout.slice(pull.stdout.indexOf('Pulled '))).not.toMatch(/\x1b\[\d*A/);
  });

  it('CI=false (or 0, or empty) on a terminal still draws bars; CI=true gives plain lines', async () => {
    for (const value of ['false', '0', '']) {
      const pull = await pullInTerminal([], { CI: value });
      expect({ CI: value, code: pull.code, bars: /█/.test(pull.stdout) }).toEqual({ CI: value, code: 0, bars: true });
    }
    const ci = await pullInTerminal([], { CI: 'true' });
    expect(ci.code).toBe(0);
    expect(ci.stdout).not.toMatch(/[█░]/);
    expect(ci.stdout).toMatch(new RegExp(`^downloaded +${NAME} 1\\.0 MiB sha256:`, 'm'));
  });

  it('--no-tty gives plain lines on a terminal', async () => {
    const pull = await pullInTerminal(['--no-tty']);
    expect(pull.code).toBe(0);
    expect(pull.stdout).not.toMatch(/[█░]/);
    expect(pull.stdout).toMatch(new RegExp(`^downloaded +${NAME} 1\\.0 MiB ${digestOf(CONTENT).slice(0, 19)} in `, 'm'));
  });
});

describe('progress lines (plain, as in CI)', () => {
  it('names the config "config", the empty one included', async () => {
    const work = makeTempDir();
    await writeFile(join(work, 'app.txt'), 'v1\n');
    const push = await ocikit(['push', `${registry.host}/progress/config:v1`, 'app.txt'], { cwd: work, env: { CI: 'true' } });
    expect(push.code).toBe(0);
    // The empty config ({}): 2 bytes.
    expect(push.stderr).toMatch(/^uploaded +config 2 B sha256:44136fa355b3 /m);
  });

  it('recompress reports the zstd blob it uploaded: its digest and size, not the gzip layer it read', async () => {
    const image = await buildImage(makeTempDir(), {
      platform: { os: 'linux', architecture: 'amd64' },
      layers: [{ files: { 'data.bin': randomBytes(200_000) } }, { files: { 'etc/app.conf': 'a=1\n'.repeat(2000) } }],
    });
    const repo = new RemoteRepository({ registry: registry.host, repository: 'progress/image' });
    await pushImage(repo, image, 'v1');
    await repo.close();
    const result = await ocikit(['recompress', '--json', `${registry.host}/progress/image:v1`], { env: { CI: 'true' } });
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    const layers = (JSON.parse(result.stdout) as { layers: Array<{ from: string; to: string; size: number; gzipSize: number }> }).layers;
    expect(layers).toHaveLength(2);
    const uploaded = result.stderr.split('\n').filter((line) => line.startsWith('uploaded '));
    for (const layer of layers) {
      expect(layer.to).not.toBe(layer.from);
      const line = uploaded.find((l) => l.includes(layer.from.slice(0, 19)));
      // The gzip layer read -> the zstd blob stored, by its own size and digest.
      expect(line).toMatch(new RegExp(`^uploaded +${layer.from.slice(0, 19)} -> ${formatBytes(layer.size).replace('.', '\\.')} ${layer.to.slice(0, 19)} in `));
    }
  });

  it('a copy into an OCI layout says written, not uploaded', async () => {
    const layout = join(makeTempDir(), 'layout');
    const copy = await ocikit(['copy', `${registry.host}/${REPO}:v1`, `oci-layout:${layout}:v1`], { env: { CI: 'true' } });
    expect(copy.code).toBe(0);
    expect(copy.stderr).toMatch(new RegExp(`^written +${NAME} 1\\.0 MiB sha256:`, 'm'));
    expect(copy.stderr).toMatch(/^written +config 2 B sha256:44136fa355b3/m);
    expect(copy.stderr).not.toMatch(/^uploaded/m);
  });
});

/** A stream that says it is a terminal `columns` wide and keeps what was written to it. */
function fakeTerminal(columns: number): NodeJS.WriteStream & { text(): string } {
  const written: string[] = [];
  return {
    isTTY: true,
    columns,
    write(chunk: string | Uint8Array) {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    },
    text: () => written.join(''),
  } as unknown as NodeJS.WriteStream & { text(): string };
}

function blob(size: number, title?: string): Descriptor {
  const digest = digestOf(Buffer.from(`${title}-${size}`));
  return { mediaType: 'application/octet-stream', digest, size, ...(title ? { annotations: { 'org.opencontainers.image.title': title } } : {}) };
}

describe('the progress renderer (a stream that says it is a terminal)', () => {
  it('labels each transfer by what happens to its bytes', () => {
    const stream = fakeTerminal(120);
    const renderer = createProgressRenderer({ stderr: stream, env: {} });
    renderer.start!(blob(1000, 'down.bin'), 'down.bin', 'download');
    renderer.start!(blob(1000, 'up.bin'), 'up.bin', 'upload');
    renderer.start!(blob(1000, 'layout.bin'), 'layout.bin', 'write');
    renderer.start!(blob(1000, 'layer'), 'layer', 'recompress');
    renderer.stop();
    const lines = screenPieces(stream.text());
    expect(lines.find((line) => line.endsWith('down.bin'))).toMatch(/^receiving /);
    expect(lines.find((line) => line.endsWith('up.bin'))).toMatch(/^sending /);
    expect(lines.find((line) => line.endsWith('layout.bin'))).toMatch(/^writing /);
    expect(lines.find((line) => line.endsWith('layer'))).toMatch(/^recompress /);
  });

  it('a recompressed blob ends with the size of what was stored', () => {
    const stream = fakeTerminal(120);
    const renderer = createProgressRenderer({ stderr: stream, env: {} });
    const gzip = blob(4 * 1024 * 1024, 'layer');
    renderer.start!(gzip, 'layer', 'recompress');
    renderer.bytes!(gzip, gzip.size);
    renderer.done!(gzip, 'uploaded', blob(3 * 1024 * 1024));
    renderer.stop();
    expect(screenPieces(stream.text()).at(-1)).toMatch(/^uploaded +█+ +3\.0 MiB \/ 3\.0 MiB .* layer$/);
  });

  it('fits every line to the width: the name cut in its middle, then the bar left out, never wider', () => {
    const line = { status: 'receiving', progress: 0.5, transferred: 512 * 1024, size: 1024 * 1024, rate: '12.3 MiB/s', name: NAME };
    for (let columns = 20; columns <= 200; columns++) {
      const text = fitBarLine(line, columns);
      expect({ columns, width: [...text].length <= columns - 1 }).toEqual({ columns, width: true });
    }
    const seventy = fitBarLine(line, 70);
    expect(seventy).toBe('receiving  █████░░░░░ 512.0 KiB / 1.0 MiB   12.3 MiB/s  a-rath…rt.bin');
    // Wide enough: the whole name and a bar of 30.
    expect(fitBarLine(line, 200)).toMatch(new RegExp(`^receiving +█{15}░{15} .* ${NAME}$`));
    // Too narrow for a bar and a readable name: the name keeps the room.
    expect(fitBarLine(line, 60)).not.toMatch(/[█░]/);
    expect(truncateMiddle('abcdefghij', 5)).toBe('ab…ij');
    expect(truncateMiddle('abc', 5)).toBe('abc');
  });

  it('draws bars on a terminal outside CI and without --no-tty; plain lines otherwise', () => {
    const tty = fakeTerminal(80);
    for (const value of [undefined, '', 'false', 'FALSE', '0']) {
      expect({ CI: value, ci: isCi(value === undefined ? {} : { CI: value }) }).toEqual({ CI: value, ci: false });
    }
    for (const value of ['true', '1', 'yes', 'woodpecker']) expect({ CI: value, ci: isCi({ CI: value }) }).toEqual({ CI: value, ci: true });
    expect(drawsBars({ stderr: tty, env: { CI: 'false' } })).toBe(true);
    expect(drawsBars({ stderr: tty, env: { CI: 'true' } })).toBe(false);
    expect(drawsBars({ stderr: tty, env: {}, noTty: true })).toBe(false);
    expect(drawsBars({ stderr: { ...tty, isTTY: false } as unknown as NodeJS.WriteStream, env: {} })).toBe(false);
  });
});
