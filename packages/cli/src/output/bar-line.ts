import { formatBytes } from './format.js';

/** One progress bar's line, before it is fitted to the terminal. */
export interface BarLine {
  /** What is happening or happened: sending, receiving, uploaded... */
  status: string;
  /** 0 to 1. */
  progress: number;
  transferred: number;
  size: number;
  rate: string;
  name: string;
}

const STATUS_WIDTH = 10;
const MAX_BAR = 30;
const MIN_BAR = 10;
/** A name is cut no shorter than this to keep a bar; shorter still, the bar goes first. */
const MIN_NAME = 12;

/**
 * `status bar transferred / size rate name`, no wider than `columns - 1` (the
 * last column left free: some terminals wrap a line that reaches it). The name
 * is shown whole when it fits with a bar of MIN_BAR; else it is cut in the
 * middle, down to MIN_NAME; narrower still, the bar is left out; the sizes,
 * rate and status always show, and a line too wide even for them is cut.
 */
export function fitBarLine(line: BarLine, columns: number): string {
  const width = Math.max(1, columns - 1);
  const status = line.status.padEnd(STATUS_WIDTH);
  const sizes = `${formatBytes(line.transferred).padStart(9)} / ${formatBytes(line.size).padEnd(9)}`;
  const rate = line.rate.padEnd(11);
  // Everything but the bar and the name, with the spaces between them.
  const fixed = status.length + 1 + sizes.length + 1 + rate.length + 1;
  const room = width - fixed;
  let barWidth = 0;
  let name = line.name;
  if (room >= name.length + 1 + MIN_BAR) {
    barWidth = Math.min(MAX_BAR, room - name.length - 1);
  } else if (room - 1 - MIN_BAR >= MIN_NAME) {
    barWidth = MIN_BAR;
    name = truncateMiddle(name, room - 1 - MIN_BAR);
  } else {
    name = truncateMiddle(name, Math.max(0, room));
  }
  const filled = Math.round(Math.min(1, Math.max(0, line.progress)) * barWidth);
  const bar = barWidth > 0 ? `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ` : '';
  return `${status} ${bar}${sizes} ${rate} ${name}`.trimEnd().slice(0, width);
}

/** `text` cut to `max` characters by an ellipsis in its middle: both ends of a path or digest stay. */
export function truncateMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return '…';
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (keep - head)).join('')}`;
}
