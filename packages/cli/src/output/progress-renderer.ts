import { MultiBar, type SingleBar } from 'cli-progress';
import { type Descriptor, type ProgressListener, type TransferOutcome } from '@ocikit/core';
import { formatBytes, formatRate, shortDigest } from './format.js';

export interface ProgressRenderer extends ProgressListener {
  stop(): void;
}

interface Transfer {
  name: string;
  size: number;
  transferred: number;
  startedAt: number;
  bar?: SingleBar;
}

const PLAIN_INTERVAL_MS = 5_000;

/**
 * Bars on a terminal; on anything else (CI logs) a line when a blob starts being
 * sent, one every few seconds while it is, and one when it is done. Always stderr.
 */
export function createProgressRenderer(stream: NodeJS.WriteStream, options: { quiet?: boolean; forcePlain?: boolean } = {}): ProgressRenderer {
  if (options.quiet) return { stop() {}, warning: (message) => stream.write(`warning: ${message}\n`) };
  return stream.isTTY && !options.forcePlain ? new BarRenderer(stream) : new PlainRenderer(stream);
}

class PlainRenderer implements ProgressRenderer {
  private readonly transfers = new Map<string, Transfer>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WritableStream) {
    this.timer = setInterval(() => this.report(), PLAIN_INTERVAL_MS);
    this.timer.unref();
  }

  start(descriptor: Descriptor, name: string): void {
    this.transfers.set(descriptor.digest, { name, size: descriptor.size, transferred: 0, startedAt: Date.now() });
  }

  bytes(descriptor: Descriptor, transferred: number): void {
    const transfer = this.transfers.get(descriptor.digest);
    if (transfer) transfer.transferred = transferred;
  }

  done(descriptor: Descriptor, outcome: TransferOutcome): void {
    const transfer = this.transfers.get(descriptor.digest);
    this.transfers.delete(descriptor.digest);
    if (!transfer) return;
    const elapsed = Date.now() - transfer.startedAt;
    const rate = outcome === 'skipped' || outcome === 'mounted' ? '' : ` in ${(elapsed / 1000).toFixed(1)}s ${formatRate(descriptor.size, elapsed)}`;
    this.stream.write(`${outcome.padEnd(10)} ${transfer.name} ${formatBytes(descriptor.size)} ${shortDigest(descriptor.digest)}${rate}\n`);
  }

  warning(message: string): void {
    this.stream.write(`warning: ${message}\n`);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private report(): void {
    for (const transfer of this.transfers.values()) {
      const percent = transfer.size ? Math.floor((100 * transfer.transferred) / transfer.size) : 100;
      const elapsed = Date.now() - transfer.startedAt;
      this.stream.write(
        `  ${transfer.name} ${formatBytes(transfer.transferred)} / ${formatBytes(transfer.size)} (${percent}%) ${formatRate(transfer.transferred, elapsed)}\n`,
      );
    }
  }
}

class BarRenderer implements ProgressRenderer {
  private readonly bars: MultiBar;
  private readonly transfers = new Map<string, Transfer>();

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new MultiBar(
      {
        stream,
        hideCursor: true,
        clearOnComplete: false,
        format: (options, params, payload: { name: string; status: string; rate: string }) => {
          const width = options.barsize ?? 30;
          const filled = Math.round(params.progress * width);
          const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
          return `${payload.status.padEnd(10)} ${bar} ${formatBytes(params.value).padStart(10)} / ${formatBytes(params.total).padEnd(10)} ${payload.rate.padEnd(12)} ${payload.name}`;
        },
      },
    );
  }

  start(descriptor: Descriptor, name: string): void {
    const bar = this.bars.create(Math.max(descriptor.size, 1), 0, { name, status: 'sending', rate: '' });
    this.transfers.set(descriptor.digest, { name, size: descriptor.size, transferred: 0, startedAt: Date.now(), bar });
  }

  bytes(descriptor: Descriptor, transferred: number): void {
    const transfer = this.transfers.get(descriptor.digest);
    if (!transfer?.bar) return;
    transfer.transferred = transferred;
    transfer.bar.update(transferred, { rate: formatRate(transferred, Date.now() - transfer.startedAt) });
  }

  done(descriptor: Descriptor, outcome: TransferOutcome): void {
    const transfer = this.transfers.get(descriptor.digest);
    if (!transfer?.bar) return;
    transfer.bar.update(Math.max(descriptor.size, 1), { status: outcome });
    transfer.bar.stop();
  }

  warning(message: string): void {
    this.bars.log(`warning: ${message}\n`);
  }

  stop(): void {
    this.bars.stop();
  }
}
