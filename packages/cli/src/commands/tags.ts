import type { Command } from 'commander';
import { OcikitError, formatReference } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions, positiveInteger } from '../options/remote-options.js';
import { jsonLine, withTarget } from './with-target.js';

interface TagsFlags extends RemoteFlags {
  last?: string;
  pageSize?: number;
}

export function registerTags(program: Command, context: CliContext): void {
  addRemoteOptions(
    program
      .command('tags')
      .description('list the tags of a repository or layout')
      .argument('<repository>', 'registry/repo or oci-layout:<dir>')
      .option('--last <tag>', 'only the tags after this one (lexical order)')
      .option('-n, --page-size <count>', 'tags per request (the registry may ignore it; every page is read)', positiveInteger),
  ).action(async (repository: string, flags: TagsFlags) => {
    await withTarget(context, flags, repository, async ({ target, reference }) => {
      if (reference.tag !== undefined || reference.digest !== undefined) {
        throw new OcikitError('INVALID_INPUT', `tags lists a whole repository, but ${repository} names a tag or digest`, {
          hint: `drop the tag or digest: ocikit tags ${formatReference({ ...reference, tag: undefined, digest: undefined })}`,
        });
      }
      const tags = await target.tags({
        ...(flags.pageSize === undefined ? {} : { n: flags.pageSize }),
        ...(flags.last === undefined ? {} : { last: flags.last }),
      });
      context.stdout.write(flags.json ? jsonLine({ tags }) : tags.map((tag) => `${tag}\n`).join(''));
    });
  });
}
