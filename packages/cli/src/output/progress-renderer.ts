import { MultiBar, type SingleBar } from 'cli-progress';
import { CLI_WORDS, type Descriptor, type FrontEndWords, type ProgressListener, type TransferKind, type TransferOutcome, inFrontEndWords } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { formatBytes, formatRate, shortDigest } from './format.js';
import { type BarLine, fitBarLine } from './bar-line.js';

export interface ProgressRenderer extends ProgressListener {
  stop(): void;
}

/** What the renderer needs of the context: where it writes, the environment, `--no-tty`. */
export type ProgressContext = Pick<CliContext, 'stderr' | 'env' | 'noTty' | 'words'>;

interface Transfer {
  name: string;
  kind: TransferKind;
  size: number;
  transferred: number;
  startedAt: number;
  /** When the last byte was counted: a transfer may be reported done later (recompress commits at the end). */
  finishedAt?: number;
  bar?: SingleBar;
}

const PLAIN_INTERVAL_MS = 5_000;

/** The status a running transfer shows: what is happening to its bytes. */
const RUNNING: Record<TransferKind, string> = { upload: 'sending', download: 'receiving', write: 'writing', recompress: 'recompress' };

/**
 * Whether progress is drawn as bars, the one rule: stderr is a terminal, this is
 * not CI, and `--no-tty` was not given. Otherwise plain lines (CI logs, pipes).
 */
export function drawsBars(context: ProgressContext): boolean {
  return context.stderr.isTTY === true && !context.noTty && !isCi(context.env);
}

/** CI is set to anything but empty, `false` or `0` (what CI services set is `true`, `1` or a name). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * Progress on stderr: bars when `drawsBars`; else a line when a blob starts
 * moving, one every few seconds while it does, and one when it is done. `quiet`:
 * registry warnings only (verbs that move no blobs).
 */
export function createProgressRenderer(context: ProgressContext, options: { quiet?: boolean } = {}): ProgressRenderer {
  const stream = context.stderr;
  const words = context.words ?? CLI_WORDS;
  if (options.quiet) return { stop() {}, warning: (message) => stream.write(`warning: ${inFrontEndWords(message, words)}\n`) };
  return drawsBars(context) ? new BarRenderer(stream, words) : new PlainRenderer(stream, words);
}

/** Time the bytes took: until the last one was counted, else until now. */
function elapsedOf(transfer: Transfer): number {
  return (transfer.finishedAt ?? Date.now()) - transfer.startedAt;
}

function countBytes(transfer: Transfer, transferred: number): void {
  transfer.transferred = transferred;
  if (transferred >= transfer.size) transfer.finishedAt ??= Date.now();
  else delete transfer.finishedAt; // a retry starts over
}

class PlainRenderer implements ProgressRenderer {
  private readonly transfers = new Map<string, Transfer>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly words: FrontEndWords,
  ) {
    this.timer = setInterval(() => this.report(), PLAIN_INTERVAL_MS);
    this.timer.unref();
  }

  start(descriptor: Descriptor, name: string, kind: TransferKind): void {
    this.transfers.set(descriptor.digest, { name, kind, size: descriptor.size, transferred: 0, startedAt: Date.now() });
  }

  bytes(descriptor: Descriptor, transferred: number): void {
    const transfer = this.transfers.get(descriptor.digest);
    if (transfer) countBytes(transfer, transferred);
  }

  done(descriptor: Descriptor, outcome: TransferOutcome, stored?: Descriptor): void {
    const transfer = this.transfers.get(descriptor.digest);
    this.transfers.delete(descriptor.digest);
    if (!transfer) return;
    // What landed: the blob itself, or (recompress) the one made from it, shown after an arrow.
    const landed = stored ?? descriptor;
    const elapsed = elapsedOf(transfer);
    const rate = outcome === 'skipped' || outcome === 'mounted' ? '' : ` in ${(elapsed / 1000).toFixed(1)}s ${formatRate(landed.size, elapsed)}`;
    this.stream.write(`${outcome.padEnd(10)} ${transfer.name}${stored ? ' ->' : ''} ${formatBytes(landed.size)} ${shortDigest(landed.digest)}${rate}\n`);
  }

  warning(message: string): void {
    this.stream.write(`warning: ${inFrontEndWords(message, this.words)}\n`);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private report(): void {
    for (const transfer of this.transfers.values()) {
      // All its bytes are through; its done line says the rest.
      if (transfer.finishedAt !== undefined) continue;
      const percent = transfer.size ? Math.floor((100 * transfer.transferred) / transfer.size) : 100;
      this.stream.write(
        `  ${RUNNING[transfer.kind]} ${transfer.name} ${formatBytes(transfer.transferred)} / ${formatBytes(transfer.size)} (${percent}%) ${formatRate(transfer.transferred, elapsedOf(transfer))}\n`,
      );
    }
  }
}

/** What each bar carries besides its value; everything it shows comes from here. */
interface BarPayload {
  status: string;
  name: string;
  rate: string;
  /** The true size: a bar's total is at least 1 (an empty blob would never fill). */
  size: number;
}

class BarRenderer implements ProgressRenderer {
  private readonly bars: MultiBar;
  private readonly transfers = new Map<string, Transfer>();
  private stopped = false;

  constructor(
    stream: NodeJS.WriteStream,
    private readonly words: FrontEndWords,
  ) {
    this.bars = new MultiBar({
      stream,
      hideCursor: true,
      clearOnComplete: false,
      // Read on every redraw: a resized terminal gets lines of its new width.
      format: (_options, params, payload: BarPayload) => {
        const line: BarLine = {
          status: payload.status,
          progress: params.progress,
          transferred: Math.min(params.value, payload.size),
          size: payload.size,
          rate: payload.rate,
          name: payload.name,
        };
        return fitBarLine(line, stream.columns || 80);
      },
    });
  }

  start(descriptor: Descriptor, name: string, kind: TransferKind): void {
    const payload: BarPayload = { status: RUNNING[kind], name, rate: '', size: descriptor.size };
    const bar = this.bars.create(Math.max(descriptor.size, 1), 0, payload);
    this.transfers.set(descriptor.digest, { name, kind, size: descriptor.size, transferred: 0, startedAt: Date.now(), bar });
  }

  bytes(descriptor: Descriptor, transferred: number): void {
    const transfer = this.transfers.get(descriptor.digest);
    if (!transfer?.bar) return;
    countBytes(transfer, transferred);
    transfer.bar.update(transferred, { rate: formatRate(transferred, elapsedOf(transfer)) });
  }

  done(descriptor: Descriptor, outcome: TransferOutcome, stored?: Descriptor): void {
    const transfer = this.transfers.get(descriptor.digest);
    if (!transfer?.bar) return;
    if (stored) {
      // The bar counted the bytes read; what landed (recompress: the zstd blob) is another size.
      transfer.bar.setTotal(Math.max(stored.size, 1));
      transfer.bar.update(Math.max(stored.size, 1), { status: outcome, size: stored.size, rate: formatRate(stored.size, elapsedOf(transfer)) });
    } else {
      transfer.bar.update(Math.max(descriptor.size, 1), { status: outcome });
    }
    transfer.bar.stop();
  }

  warning(message: string): void {
    this.bars.log(`warning: ${inFrontEndWords(message, this.words)}\n`);
  }

  stop(): void {
    // Verbs stop before printing their result and again in `finally`: a second stop would move the cursor back up over it.
    if (this.stopped) return;
    this.stopped = true;
    this.bars.stop();
  }
}
