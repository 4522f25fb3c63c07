import { type OpenedTarget, type ProgressListener, openTarget } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type RemoteFlags, targetOptions } from '../options/remote-options.js';
import { createProgressRenderer } from '../output/progress-renderer.js';

/**
 * Opens the target a verb that moves no blobs works on (resolve, tag, tags,
 * manifest): credentials from the flags, registry warnings on stderr, the
 * target closed after `run`, whatever happens.
 */
export async function withTarget<T>(
  context: CliContext,
  flags: RemoteFlags,
  reference: string,
  run: (opened: OpenedTarget, warnings: ProgressListener) => Promise<T>,
): Promise<T> {
  const progress = createProgressRenderer(context, { quiet: true });
  try {
    const options = await targetOptions(flags, context, progress);
    const opened = await openTarget(reference, options);
    try {
      return await run(opened, progress);
    } finally {
      await opened.target.close();
    }
  } finally {
    progress.stop();
  }
}

/**
 * What `--json` prints: indented, one trailing newline. JSON leaves U+2028 and
 * U+2029 as they are, and some log viewers break lines there: they are escaped
 * too (the JSON means the same).
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
}
