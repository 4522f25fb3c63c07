import type { Command } from 'commander';
import { OcikitError, deleteManifest, pinnedReference, putManifest } from '@ocikit/core';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CliContext } from '../context.js';
import { type RemoteFlags, addRemoteOptions } from '../options/remote-options.js';
import { claimStdin } from '../options/stdin.js';
import { jsonLine, withTarget } from './with-target.js';

interface GetFlags extends RemoteFlags {
  descriptor?: boolean;
}

interface PutFlags extends RemoteFlags {
  mediaType?: string;
}

export function registerManifest(program: Command, context: CliContext): void {
  const manifest = program.command('manifest').description('read, write and delete manifests as they are');

  addRemoteOptions(
    manifest
      .command('get')
      .description('print a manifest\'s exact bytes, verified against its digest')
      .argument('<reference>', 'registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]')
      .option('--descriptor', 'print its descriptor instead'),
  ).action(async (reference: string, flags: GetFlags) => {
    await withTarget(context, flags, reference, async ({ target, selector }) => {
      const fetched = await target.fetchManifest(selector);
      context.stdout.write(flags.descriptor ? jsonLine(fetched.descriptor) : fetched.bytes);
    });
  });

  addRemoteOptions(
    manifest
      .command('put')
      .description('store a manifest document as it is, after checking it')
      .argument('<reference>', 'registry/repo[:tag|@digest] or oci-layout:<dir>[:tag|@digest]; without a tag it is stored by digest')
      .argument('[file]', 'the manifest JSON; - or nothing reads standard input', '-')
      .option('--media-type <type>', 'its media type (default: its mediaType field)'),
  ).action(async (reference: string, file: string, flags: PutFlags) => {
    await withTarget(context, flags, reference, async ({ target, reference: parsed }) => {
      const fromStdin = file === '-';
      const content = fromStdin ? (claimStdin('the manifest') as Readable) : await openFile(file);
      const result = await putManifest(target, content, {
        ...(flags.mediaType ? { mediaType: flags.mediaType } : {}),
        ...(parsed.tag ? { tag: parsed.tag } : {}),
        ...(parsed.digest ? { digest: parsed.digest } : {}),
        name: fromStdin ? 'the manifest on standard input' : file,
      });
      const pushed = pinnedReference(parsed, parsed.tag, result.descriptor.digest);
      context.stdout.write(flags.json ? jsonLine({ reference: pushed, ...result.descriptor }) : `Pushed ${pushed}\nDigest: ${result.descriptor.digest}\n`);
    });
  });

  addRemoteOptions(
    manifest
      .command('delete')
      .description('delete a manifest by tag or digest (with every tag that names it)')
      .argument('<reference>', 'registry/repo:tag|@digest or oci-layout:<dir>:tag|@digest'),
  ).action(async (reference: string, flags: RemoteFlags) => {
    await withTarget(context, flags, reference, async ({ target, reference: parsed, selector }) => {
      if (parsed.tag === undefined && parsed.digest === undefined) {
        throw new OcikitError('INVALID_INPUT', `${reference} names no tag or digest; delete does not assume "latest"`, {
          hint: 'add :<tag> or @<digest>',
        });
      }
      const deleted = await deleteManifest(target, selector);
      const name = pinnedReference(parsed, parsed.tag, deleted.digest);
      context.stdout.write(flags.json ? jsonLine({ reference: name, ...deleted }) : `Deleted ${name}\n`);
    });
  });
}

async function openFile(file: string): Promise<Readable> {
  const handle = await open(file, 'r').catch((error: Error) => {
    throw new OcikitError('INVALID_INPUT', `cannot read ${file}`, { detail: error.message, cause: error });
  });
  return handle.createReadStream();
}
