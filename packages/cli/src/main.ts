import { Command, CommanderError } from 'commander';
import { type Interrupt, OCIKIT_VERSION, interruptOn, isOcikitError } from '@ocikit/core';
/** Re-exported for bin/ocikit.js, the process owner (the verbs run in tests too, which must not change V8's flags). */
export { preferThroughputGc } from '@ocikit/core';
import { registerLogin } from './commands/login.js';
import { registerLogout } from './commands/logout.js';
import { registerPull } from './commands/pull.js';
import { registerPush } from './commands/push.js';
import { registerRecompress } from './commands/recompress.js';
import { registerCopy } from './commands/copy.js';
import { registerTag } from './commands/tag.js';
import { registerResolve } from './commands/resolve.js';
import { registerTags } from './commands/tags.js';
import { registerManifest } from './commands/manifest.js';
import { registerAttach } from './commands/attach.js';
import { registerDiscover } from './commands/discover.js';
import { registerReferrers } from './commands/referrers.js';
import { registerSign } from './commands/sign.js';
import { registerAttest } from './commands/attest.js';
import { registerVerify } from './commands/verify.js';
import { registerIndex } from './commands/index.js';
import { registerRelease } from './commands/release.js';
import { registerHelm } from './commands/helm.js';
import { ComponentRunFailed, registerGitlab } from './commands/gitlab.js';
import { registerVersion } from './commands/version.js';
import { registerCompletion } from './commands/completion.js';
import { addExamples } from './help/examples.js';
import { DEBUG_HELP, beforeVerb } from './options/remote-options.js';
import { type CliContext, processContext } from './context.js';
import { disguiseStdinArguments } from './options/stdin-argument.js';
import { redactingStream } from './output/redact.js';
import { describeError } from './output/describe-error.js';

export function buildProgram(context: CliContext): Command {
  const program = new Command('ocikit')
    .description('Ship build outputs to OCI registries: artifacts, referrers, zstd, indexes.')
    .version(OCIKIT_VERSION)
    // Program options only before the verb: `helm pull --version` is the chart's, not ocikit's.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  // `ocikit --no-tty <verb>`: plain progress lines even on a terminal (drawsBars in output/progress-renderer.ts).
  program.option('--no-tty', 'show progress as plain lines, not bars, even on a terminal');
  program.hook('preAction', () => {
    if (program.opts<{ tty: boolean }>().tty === false) context.noTty = true;
  });
  // `--debug` before the verb too; a password on the command line warned of, whatever the verb (remote-options.ts).
  program.option('--debug', DEBUG_HELP);
  program.hook('preAction', (_program, verb) => beforeVerb(program, verb, context));
  registerPush(program, context);
  registerPull(program, context);
  registerRecompress(program, context);
  registerCopy(program, context);
  registerTag(program, context);
  registerResolve(program, context);
  registerTags(program, context);
  registerManifest(program, context);
  registerAttach(program, context);
  registerDiscover(program, context);
  registerReferrers(program, context);
  registerSign(program, context);
  registerAttest(program, context);
  registerVerify(program, context);
  registerIndex(program, context);
  registerRelease(program, context);
  registerHelm(program, context);
  registerLogin(program, context);
  registerLogout(program, context);
  registerGitlab(program, context, main);
  registerVersion(program, context);
  registerCompletion(program, context);
  addExamples(program);
  return program;
}

/** Exit codes of a verb stopped by a signal, as shells report them (128 + the signal's number). */
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** The interrupt behind a context's `signal`, to tell which process signal aborted it. */
const interrupts = new WeakMap<AbortSignal, Interrupt>();

/**
 * The process context with SIGINT and SIGTERM wired to its `signal`: the first
 * one stops the running verb (requests are aborted, open upload sessions deleted,
 * temp files removed, and `main` returns 130 or 143; the error lists each session
 * as cancelled or not, with the registry's answer); a second one exits at once.
 */
export function interruptibleContext(base: CliContext = processContext()): CliContext {
  const interrupt = interruptOn(Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[], {
    hint: 'temp files removed; nothing was tagged. Run the command again to finish',
    onSecond: (name) => process.exit(SIGNAL_EXIT_CODES[name] ?? 130),
  });
  interrupts.set(interrupt.signal, interrupt);
  return { ...base, signal: interrupt.signal };
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed, 2 usage, 130 interrupted). */
export async function main(argv: string[], given: CliContext = processContext()): Promise<number> {
  // Every text the verb prints, on either stream, is redacted: secrets are known as
  // they are looked up, and a registry may echo one back in any answer.
  const context: CliContext = { ...given, stdout: redactingStream(given.stdout, given.secrets), stderr: redactingStream(given.stderr, given.secrets) };
  const program = buildProgram(context);
  const interrupted = (): number | undefined => {
    if (!context.signal?.aborted) return undefined;
    const received = interrupts.get(context.signal)?.received;
    return (received && SIGNAL_EXIT_CODES[received]) ?? 130;
  };
  try {
    await program.parseAsync(disguiseStdinArguments(argv), { from: 'user' });
    return interrupted() ?? 0;
  } catch (error) {
    // A GitLab component's verb failed and said why: its exit code, nothing more to print.
    if (error instanceof ComponentRunFailed) return error.exitCode;
    const code = interrupted();
    if (code !== undefined) {
      // Whatever broke first, the interruption is the story: no stack, and what was undone as it turned out.
      const interrupt = interrupts.get(context.signal!);
      const reason = interrupt ? await interrupt.report() : isOcikitError(context.signal!.reason) ? context.signal!.reason : error;
      context.stderr.write(`error: ${isOcikitError(reason) ? reason.describe(context.words) : String(reason)}\n`);
      return code;
    }
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    const text = isOcikitError(error)
      ? `error: ${describeError(error, context.words)}`
      : `error: ${(error as Error)?.stack ?? String(error)}`;
    context.stderr.write(`${text}\n`);
    if (isOcikitError(error) && ['INVALID_INPUT', 'INVALID_REFERENCE'].includes(error.code)) return 2;
    return 1;
  }
}
