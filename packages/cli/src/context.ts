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
}

export function processContext(): CliContext {
  return { env: process.env, stdout: process.stdout, stderr: process.stderr, secrets: new Set() };
}
