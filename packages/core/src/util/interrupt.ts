import { OcikitError } from '../errors.js';

export interface Interrupt {
  /** Aborted by the first of the process signals, with a `CANCELLED` OcikitError as its reason. */
  readonly signal: AbortSignal;
  /** The process signal that aborted it, once one has. */
  readonly received: NodeJS.Signals | undefined;
  /** Stops listening, for a process that goes on after the work. */
  dispose(): void;
}

export interface InterruptOptions {
  /** What the person at the log reads under "interrupted by SIGINT": what was undone, what to do. */
  hint: string;
  /** A second signal: nobody will wait for the clean-up (this should exit). */
  onSecond(name: NodeJS.Signals): void;
}

/**
 * Process signals as an AbortSignal, for the front ends (a Ctrl-C, a CI
 * runner cancelling the job): the first stops whatever takes the signal (its
 * requests aborted, upload sessions deleted, temp files removed) and fails it
 * with a `CANCELLED` error; a second one calls `onSecond`.
 */
export function interruptOn(names: readonly NodeJS.Signals[], options: InterruptOptions): Interrupt {
  const controller = new AbortController();
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
    dispose() {
      for (const name of names) process.off(name, onSignal);
    },
  };
}
