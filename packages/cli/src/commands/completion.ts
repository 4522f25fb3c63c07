import { Argument, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandTree } from '../help/command-tree.js';
import { COMPLETION_SHELLS, type CompletionShell, completionScript } from '../help/completion-scripts.js';

/** `ocikit completion bash|zsh|fish`: a completion script written from the CLI's own command tree. */
export function registerCompletion(program: Command, context: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, subcommands, options) for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(COMPLETION_SHELLS))
    .action((shell: CompletionShell, _flags: unknown, command: Command) => {
      // The whole tree as it stands when the verb runs: every command registered, this one included.
      context.stdout.write(completionScript(shell, commandTree(command.parent ?? program)));
    });
}
