/**
 * Files only this user can read (0600, in a 0700 directory of the job's TMPDIR, never
 * in the project, whose files may become artifacts), for a Docker config that holds
 * secrets. Removed when the run ends, and at exit if the process is stopped first.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './inputs.js';

export class PrivateFiles {
  private readonly dirs: string[] = [];
  private readonly atExit = (): void => {
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  };

  constructor(private readonly env: Env) {}

  /** Writes `content` to a new private file named `name`; returns its path. */
  readonly write = async (name: string, content: string): Promise<string> => {
    if (this.dirs.length === 0) process.once('exit', this.atExit);
    const dir = await mkdtemp(join(this.env.TMPDIR || tmpdir(), 'ocikit-auth-'));
    this.dirs.push(dir);
    const path = join(dir, name);
    await writeFile(path, content, { mode: 0o600, flag: 'wx' });
    return path;
  };

  async removeAll(): Promise<void> {
    process.removeListener('exit', this.atExit);
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}
