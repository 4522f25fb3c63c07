/**
 * Reads what a Helm chart archive (`helm package`'s `.tgz`) says about itself:
 * its `Chart.yaml` (and a v1 chart's `requirements.yaml`), found as Helm's
 * loader finds them: below the archive's one top directory. The archive is
 * streamed (gunzip, then node-tar's parser), with Helm's own bounds on what it
 * may expand to; nothing is written to disk.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import type { ReadEntry } from 'tar';
import { OcikitError } from '../errors.js';
import { unsafePathReason } from '../artifact/safe-extract.js';

/** Helm's `MaxDecompressedChartSize`: what a whole chart may expand to. */
export const MAX_CHART_EXPANDED_BYTES = 100 * 1024 * 1024;
/** Helm's `MaxDecompressedFileSize`: what one file of a chart may be. */
export const MAX_CHART_FILE_BYTES = 5 * 1024 * 1024;

export interface ChartArchiveFiles {
  /** The archive's top directory (`mychart` in `mychart/Chart.yaml`). */
  directory: string;
  chartYaml: Buffer;
  /** A v1 chart keeps its dependencies here. */
  requirementsYaml?: Buffer;
}

/** The chart's own files of interest, or an error saying why this is not a chart archive. */
export async function readChartArchive(path: string): Promise<ChartArchiveFiles> {
  const notAChart = (reason: string, hint = 'package the chart with `helm package <chart-dir>`, which writes <name>-<version>.tgz'): OcikitError =>
    new OcikitError('INVALID_INPUT', `${path} is not a Helm chart archive: ${reason}`, { hint });
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new OcikitError('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, { hint: 'check the path of the chart archive' });
  });
  if (info.isDirectory()) throw notAChart('it is a directory', 'helm push takes the packaged chart: run `helm package <dir>` first');
  if (!info.isFile()) throw notAChart('it is not a regular file');
  const magic = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw notAChart('it is not gzip-compressed');

  const found = new Map<string, { directory: string; bytes: Buffer }>();
  const { Parser } = await import('tar'); // loaded here: only helm verbs read charts
  const parser = new Parser({ strict: true });
  let failure: OcikitError | undefined;
  const fail = (error: OcikitError): void => {
    failure ??= error;
  };
  parser.on('entry', (entry: ReadEntry) => {
    const problem = unsafePathReason(entry.path);
    if (problem) {
      fail(notAChart(`the entry "${entry.path.slice(0, 200)}" ${problem}`));
      entry.resume();
      return;
    }
    const parts = entry.path.replace(/^(\.\/)+/, '').split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 1 && parts[0] === 'Chart.yaml') fail(notAChart('its Chart.yaml is not inside the chart directory'));
    const name = parts.slice(1).join('/');
    if (['File', 'OldFile', 'ContiguousFile'].includes(entry.type) && parts.length === 2 && (name === 'Chart.yaml' || name === 'requirements.yaml')) {
      if (found.has(name) && found.get(name)!.directory !== parts[0]) {
        fail(notAChart(`it holds two charts (${found.get(name)!.directory}/ and ${parts[0]}/)`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_CHART_FILE_BYTES) fail(notAChart(`its ${name} is larger than ${MAX_CHART_FILE_BYTES} bytes`));
        else chunks.push(chunk);
      });
      entry.on('end', () => found.set(name, { directory: parts[0]!, bytes: Buffer.concat(chunks) }));
      return;
    }
    entry.resume();
  });
  parser.on('error', (error: Error) => fail(notAChart(`its tar is broken (${error.message})`)));
  const ended = once(parser, 'end');
  ended.catch(() => {}); // a parser error is reported through `failure`

  const gunzip = createGunzip();
  let expanded = 0;
  try {
    for await (const chunk of createReadStream(path).pipe(gunzip) as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      if (expanded > MAX_CHART_EXPANDED_BYTES) {
        fail(notAChart(`it expands to more than ${MAX_CHART_EXPANDED_BYTES} bytes (Helm's limit for a chart)`));
      }
      if (failure) break;
      if (!parser.write(chunk)) await once(parser, 'drain');
    }
  } catch (error) {
    fail(notAChart(`its gzip stream is broken (${(error as Error).message})`));
  }
  if (failure) {
    gunzip.destroy();
    throw failure;
  }
  parser.end();
  await ended.catch(() => undefined);
  if (failure) throw failure;
  const chart = found.get('Chart.yaml');
  if (!chart) throw notAChart('it has no Chart.yaml in its top directory');
  const requirements = found.get('requirements.yaml');
  return {
    directory: chart.directory,
    chartYaml: chart.bytes,
    ...(requirements && requirements.directory === chart.directory ? { requirementsYaml: requirements.bytes } : {}),
  };
}
