/**
 * What every action entry shares: a progress listener that logs through the
 * runner, registry warnings as `core.warning`, and failures as `core.setFailed`
 * with OcikitError.describe() (what failed, the registry's answer, what to try),
 * every known secret redacted as the last line of defence.
 */
import * as actions from '@actions/core';
import { type Descriptor, type ProgressListener, type TransferOutcome, inFrontEndWords, interruptOn, isOcikitError, preferThroughputGc, redactSecrets } from '@ocikit/core';
import { ACTION_WORDS } from './front-end-words.js';
import { type Transfer, escapeHtml, formatBytes, writeSummary } from './summary.js';

/** Secrets seen so far (already masked with core.setSecret); redacted from anything we write. */
export class Secrets {
  private readonly values = new Set<string>();

  /** Adds a secret; true when it is new (so it still needs masking). */
  add(secret: string): boolean {
    if (secret === '' || this.values.has(secret)) return false;
    this.values.add(secret);
    return true;
  }

  redact(text: string): string {
    return redactSecrets(text, this.values);
  }
}

export interface ActionProgress extends ProgressListener {
  /** Everything that finished, in order: what the job summary lists with sizes. */
  readonly transfers: Transfer[];
  /** A note for the log: a warning annotation, secrets redacted. */
  warning(message: string): void;
}

/** Byte-level events as log lines: one when a blob is done, registry warnings as annotations. */
export function actionProgress(secrets: Secrets): ActionProgress {
  const names = new Map<string, string>();
  const transfers: Transfer[] = [];
  return {
    transfers,
    start(descriptor: Descriptor, name: string) {
      names.set(descriptor.digest, name);
    },
    done(descriptor: Descriptor, outcome: TransferOutcome, stored?: Descriptor) {
      const name = names.get(descriptor.digest);
      names.delete(descriptor.digest);
      if (name === undefined) return;
      // What landed (recompress: the zstd blob made from the gzip layer `descriptor`).
      const landed = stored ?? descriptor;
      transfers.push({ name, descriptor: landed, outcome });
      actions.info(`${outcome.padEnd(10)} ${name}${stored ? ' ->' : ''} ${formatBytes(landed.size)} ${landed.digest}`);
    },
    warning(message: string) {
      actions.warning(secrets.redact(inFrontEndWords(message, ACTION_WORDS)));
    },
  };
}

/** What the person at the log can do about a refused login, in this action's terms (core's hints name no front end). */
const ACTION_HINTS: Partial<Record<string, string>> = {
  UNAUTHORIZED:
    'in this action: set the `username` and `password` inputs (a secret), or for ghcr.io give the job `permissions: packages: write` (push) / `packages: read` (pull)',
  DENIED:
    'in this action: check that these credentials may write this repository; for ghcr.io, `permissions: packages: write` and the package\'s "Manage Actions access" setting',
};

/** The message a step fails with. */
export function failureMessage(error: unknown, secrets: Secrets): string {
  if (isOcikitError(error)) {
    const hint = ACTION_HINTS[error.code];
    const described = error.describe(ACTION_WORDS);
    return secrets.redact(hint ? `${described}\n  ${hint}` : described);
  }
  const message = error instanceof Error ? error.message : String(error);
  return secrets.redact(`unexpected error: ${message}`);
}

/**
 * Runs an action body; a failure becomes `core.setFailed` (exit code 1) and never
 * an unhandled rejection. Returns normally either way, so an entry is `await run()`.
 * A cancelled job (the runner sends SIGINT, then SIGTERM 7.5 s later) aborts the
 * body's `signal`: its requests stop, open upload sessions are deleted and temp
 * files removed, and the step fails with "interrupted by SIGINT" and each session
 * cancelled or not, with the registry's answer; a second signal exits at once.
 * A failed step's job summary says what failed, as the log does: the summary is
 * where a person looks first.
 */
export async function runAction(verb: string, body: (secrets: Secrets, signal: AbortSignal) => Promise<void>): Promise<void> {
  // An action's process is ours alone, a batch job moving bulk data (see core's throughput-gc.ts).
  preferThroughputGc();
  const secrets = new Secrets();
  const interrupt = interruptOn(['SIGINT', 'SIGTERM'], {
    hint: 'the step was cancelled: temp files removed; nothing was tagged',
    onSecond: () => process.exit(1),
  });
  try {
    await body(secrets, interrupt.signal);
    interrupt.signal.throwIfAborted();
  } catch (error) {
    // Whatever broke first, the interruption is the story.
    const reason: unknown = interrupt.signal.aborted ? await interrupt.report() : error;
    if (!isOcikitError(reason) && reason instanceof Error && reason.stack) actions.debug(secrets.redact(reason.stack));
    const message = failureMessage(reason, secrets);
    actions.setFailed(message);
    await writeFailureSummary(verb, message);
  } finally {
    interrupt.dispose();
  }
}

/** The job summary of a failed step: the failure as the log gives it (already redacted), escaped. */
async function writeFailureSummary(verb: string, message: string): Promise<void> {
  actions.summary.emptyBuffer();
  await writeSummary(
    actions.summary.addHeading(`ocikit ${escapeHtml(verb)} failed`, 3).addRaw(`<pre>${escapeHtml(message)}</pre>`, true),
  );
}
