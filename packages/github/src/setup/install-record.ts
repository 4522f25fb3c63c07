/**
 * What setup leaves next to an installed binary (`.ocikit-setup.json` in its
 * tool-cache directory): where it came from and the digest of the file. A later
 * run that finds the directory trusts it only if it came from the same repository
 * and the file still hashes to that digest; otherwise it installs again.
 */
import { createDigester } from '@ocikit/core';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const INSTALL_RECORD = '.ocikit-setup.json';

export interface InstallRecord {
  /** The repository or layout, without tag or digest. */
  repository: string;
  /** What the reference resolved to (the index, for a release). */
  digest: string;
  /** The platform's manifest that was pulled. */
  manifest: string;
  platform: string;
  /** The installed file's name and its sha256 (the layer digest). */
  file: string;
  fileDigest: string;
  size: number;
}

export async function writeInstallRecord(dir: string, record: InstallRecord): Promise<void> {
  await writeFile(join(dir, INSTALL_RECORD), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
}

async function sha256File(path: string): Promise<string> {
  const hash = createDigester('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

/** The record of a usable installation in `dir`, or why it is not one. */
export async function checkInstallation(dir: string, repository: string, file: string): Promise<InstallRecord | { problem: string }> {
  let record: InstallRecord;
  try {
    record = JSON.parse(await readFile(join(dir, INSTALL_RECORD), 'utf8')) as InstallRecord;
  } catch (error) {
    return { problem: `${join(dir, INSTALL_RECORD)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'not JSON'})` };
  }
  if (record.repository !== repository) return { problem: `it holds ${record.file} from ${record.repository}, not from ${repository}` };
  if (record.file !== file) return { problem: `it holds ${record.file}, not ${file}` };
  const actual = await sha256File(join(dir, file)).catch((error: NodeJS.ErrnoException) => `(${error.code ?? 'unreadable'})`);
  if (actual !== record.fileDigest) return { problem: `${file} there is ${actual}, not ${record.fileDigest} as installed` };
  return record;
}
