import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions } from '../options/remote-options.js';
import { jsonLine, withTarget } from './with-target.js';

export function registerResolve(program: Command, context: CliContext): void {
  addRemoteOptions(
    program
      .command('resolve')
      .description('print the digest a tag names (--json: its descriptor)')
      .argument('<reference>', 'registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]'),
  ).action(async (reference: string, flags: RemoteFlags) => {
    await withTarget(context, flags, reference, async ({ target, selector }) => {
      const descriptor = await target.resolve(selector);
      context.stdout.write(flags.json ? jsonLine(descriptor) : `${descriptor.digest}\n`);
    });
  });
}
