import { OcikitError } from '../errors.js';

export interface Interrupt {
  /** Aborted by the first of the process signals, with a `CANCELLED` OcikitError as its reason. */
  readonly signal: AbortSignal;
  /** The process signal that aborted it, once one has. */
  readonly received: NodeJS.Signals | undefined;
  /**
   * The error the interrupted work ends with, once the clean-ups the signal set off
   * are done: the signal, what each clean-up did (an upload session cancelled, or
   * not and what the registry answered), and the hint.
   */
  report(): Promise<OcikitError>;
  /** Stops listening, for a process that goes on after the work. */
  dispose(): void;
}

export interface InterruptOptions {
  /**
   * What the person at the log reads under "interrupted by SIGINT": what to do. Not
   * what was undone: the clean-ups say that themselves, as they turned out.
   */
  hint: string;
  /** A second signal: nobody will wait for the clean-up (this should exit). */
  onSecond(name: NodeJS.Signals): void;
}

/** The clean-ups each interrupt's signal set off: one line each, as the person at the log reads it. */
const cleanupsBySignal = new WeakMap<AbortSignal, Array<Promise<string>>>();

/**
 * Tells the interrupt behind `signal`, if it fired, of a clean-up it set off (an
 * upload session's `DELETE`): `outcome` says, in one line, what came of it. A
 * signal that is no interrupt's, or has not fired, takes no note.
 */
export function noteCleanup(signal: AbortSignal | undefined, outcome: Promise<string>): void {
  if (signal?.aborted) cleanupsBySignal.get(signal)?.push(outcome.catch((error: unknown) => `a clean-up failed: ${String(error)}`));
}

/**
 * Process signals as an AbortSignal, for the front ends (a Ctrl-C, a CI
 * runner cancelling the job): the first stops whatever takes the signal (its
 * requests aborted, upload sessions deleted where the registry lets them be,
 * temp files removed) and fails it with a `CANCELLED` error (`report`); a
 * second one calls `onSecond`.
 */
export function interruptOn(names: readonly NodeJS.Signals[], options: InterruptOptions): Interrupt {
  const controller = new AbortController();
  const cleanups: Array<Promise<string>> = [];
  cleanupsBySignal.set(controller.signal, cleanups);
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    if (received !== undefined) {
      options.onSecond(name);
      return;
    }
    received = name;
    controller.abort(new OcikitError('CANCELLED', `interrupted by ${name}`, { hint: options.hint }));
  };
  for (const name of names) process.on(name, onSignal);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    async report() {
      // Each clean-up is bounded (a DELETE gets a few seconds); one noted while waiting is waited for too.
      let lines: string[] = [];
      while (lines.length < cleanups.length) lines = await Promise.all(cleanups);
      return new OcikitError('CANCELLED', `interrupted by ${received ?? 'a signal'}`, {
        ...(lines.length > 0 ? { detail: lines.join('\n    ') } : {}),
        hint: options.hint,
      });
    },
    dispose() {
      for (const name of names) process.off(name, onSignal);
    },
  };
}
