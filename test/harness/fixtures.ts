// Small trees of real files for round trips, and a comparison of two trees.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A directory with nested files, an executable and a symlink; returns its path. */
export async function makeTree(root: string, name = 'site'): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'assets', 'img'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<h1>ocikit</h1>\n');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log("hi")\n');
  await writeFile(join(dir, 'assets', 'img', 'noise.bin'), randomBytes(70_000));
  await writeFile(join(dir, 'run.sh'), '#!/bin/sh\necho run\n');
  await chmod(join(dir, 'run.sh'), 0o755);
  await symlink('index.html', join(dir, 'latest.html'));
  return dir;
}

/** path → description (content hash-free: the bytes themselves, mode bits, link targets), for equality checks. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (relative: string): Promise<void> => {
    const entries = (await readdir(join(dir, relative))).sort();
    for (const name of entries) {
      const path = join(relative, name);
      const info = await lstat(join(dir, path));
      if (info.isDirectory()) {
        result[`${path}/`] = 'dir';
        await walk(path);
      } else if (info.isSymbolicLink()) {
        result[path] = `link -> ${await readlink(join(dir, path))}`;
      } else {
        const exec = (info.mode & 0o111) !== 0 ? 'x' : '-';
        result[path] = `${exec} ${(await readFile(join(dir, path))).toString('base64')}`;
      }
    }
  };
  await walk('');
  return result;
}
