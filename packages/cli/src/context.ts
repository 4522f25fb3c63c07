import type { ErrorCode, FrontEndWords } from '@ocikit/core';
/** What a command needs from the process, injectable so tests can run `main` in-process. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Secret values (passwords, tokens) to mask in anything printed. */
  secrets: Set<string>;
  /** Fires on SIGINT/SIGTERM: the running verb stops, deletes its upload sessions and temp files (main.ts). */
  signal?: AbortSignal;
  /** `--no-tty`: plain progress lines even on a terminal (the rule: drawsBars in output/progress-renderer.ts). */
  noTty?: boolean;
  /**
   * Whose words errors and warnings speak: the CLI's by default (`--max-unpack-bytes`);
   * a GitLab component running a verb in-process gives its inputs' names and advice.
   */
  words?: FrontEndAdvice;
}

/** A front end's names for core's options, and its advice after an error of a kind (a refused login). */
export interface FrontEndAdvice extends FrontEndWords {
  hints: Partial<Record<ErrorCode, string>>;
}

export function processContext(): CliContext {
  return { env: process.env, stdout: process.stdout, stderr: process.stderr, secrets: new Set() };
}
