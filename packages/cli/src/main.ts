import { Command, CommanderError } from 'commander';
import { OCIKIT_VERSION, isOcikitError } from '@ocikit/core';
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
import { registerIndex } from './commands/index.js';
import { registerRelease } from './commands/release.js';
import { registerHelm } from './commands/helm.js';
import { type CliContext, processContext } from './context.js';
import { disguiseStdinArguments } from './options/stdin-argument.js';
import { redact } from './output/redact.js';
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
      writeErr: (text) => context.stderr.write(redact(text, context.secrets)),
    });
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
  registerIndex(program, context);
  registerRelease(program, context);
  registerHelm(program, context);
  registerLogin(program, context);
  registerLogout(program, context);
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync(disguiseStdinArguments(argv), { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    const text = isOcikitError(error)
      ? `error: ${describeError(error)}`
      : `error: ${(error as Error)?.stack ?? String(error)}`;
    context.stderr.write(`${redact(text, context.secrets)}\n`);
    if (isOcikitError(error) && ['INVALID_INPUT', 'INVALID_REFERENCE'].includes(error.code)) return 2;
    return 1;
  }
}
