import type { Command } from 'commander';
import { Writable } from 'node:stream';
import type { CliContext } from '../context.js';

/** The CLI's entry (main.ts), passed in: the component's runs are this process's own verbs. */
export type CliMain = (argv: string[], context: CliContext) => Promise<number>;

/**
 * A component run that failed after the verb reported why (its `error:` lines are in
 * the log): main returns its exit code and prints nothing more.
 */
export class ComponentRunFailed extends Error {
  constructor(readonly exitCode: number) {
    super(`the component's ocikit run exited with ${exitCode}`);
  }
}

/**
 * `ocikit gitlab <component>`: the job of a GitLab CI/CD component
 * (templates/<component>.yml), whose inputs arrive as OCIKIT_IN_* variables. The
 * verbs it runs are this CLI's, called in this process with the arguments the log shows.
 */
export function registerGitlab(program: Command, context: CliContext, main: CliMain): void {
  program
    .command('gitlab')
    .description("run a GitLab CI/CD component's job (templates/<component>.yml): its inputs from OCIKIT_IN_* variables, the result as a dotenv report")
    .argument('<component>', 'push, pull, attach, discover, copy, index, recompress, helm, release, sign, attest or verify')
    .action(async (component: string) => {
      // Loaded when a job runs it: no other verb pays for it at start-up.
      const { runComponent, COMPONENT_WORDS } = await import('@ocikit/gitlab');
      // From here on every error this process prints, the component's own and its verbs',
      // names the component's inputs and GitLab's ways to log in, not the CLI's flags.
      context.words = COMPONENT_WORDS;
      const code = await runComponent(component, {
        env: context.env,
        cwd: process.cwd(),
        stdout: context.stdout,
        stderr: context.stderr,
        secrets: context.secrets,
        runCli: async (argv, env) => {
          const chunks: Buffer[] = [];
          const stdout = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
          }) as unknown as NodeJS.WriteStream;
          const code = await main(argv, { ...context, env, stdout });
          return { code, stdout: Buffer.concat(chunks).toString('utf8') };
        },
      });
      if (code !== 0) throw new ComponentRunFailed(code);
    });
}
