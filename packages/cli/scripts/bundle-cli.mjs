#!/usr/bin/env node
// Bundles the CLI: @vercel/ncc takes tsc's packages/cli/dist/main.js and everything
// it imports into packages/cli/bundle/ (ESM; the heavy dependencies core loads
// lazily, undici, tar, sigstore and yaml, become chunks loaded on the same terms;
// licenses.txt for the third-party code inside). bin/ocikit.js runs the bundle, so
// the published package, the Docker image and the benchmarks all run these bytes,
// and a start reads a few files instead of resolving ~200 modules: a one-request
// verb took 0.25 s, now 0.15 s (README, "Start-up"). The git commit it is built from
// goes into it for `ocikit version` (build-commit.mjs: `unknown` without git).
//
//   node packages/cli/scripts/bundle-cli.mjs    after `tsc -b` (`npm run build` does both)
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledFiles, licenses } from '../../../scripts/bundle-licenses.mjs';
import { buildCommit, withBuildCommit } from './build-commit.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(packageDir, 'dist', 'main.js');
const out = join(packageDir, 'bundle');

if (!existsSync(entry)) {
  console.error(`error: ${relative(process.cwd(), entry)} is missing\n  hint: compile first: npx tsc -b packages/core packages/cli (npm run build does both)`);
  process.exit(1);
}

const started = Date.now();
const ncc = createRequire(import.meta.url)('@vercel/ncc');
// Not minified: a stack trace from a user's CI log should name real functions.
const { code, assets, stats } = await ncc(entry, { minify: false, sourceMapRegister: false, cache: false, quiet: true });
const files = { 'main.js': withBuildCommit(code, buildCommit(packageDir)), 'package.json': '{"type":"module"}\n', 'licenses.txt': licenses(bundledFiles(stats)) };
for (const [name, asset] of Object.entries(assets)) {
  if (name !== 'package.json') files[name] = asset.source;
}

// Written beside the old bundle, then swapped in: a CLI started meanwhile finds a whole bundle or none.
const staging = `${out}.tmp-${process.pid}`;
await rm(staging, { recursive: true, force: true });
for (const [name, bytes] of Object.entries(files)) {
  await mkdir(dirname(join(staging, name)), { recursive: true });
  await writeFile(join(staging, name), bytes);
}
await rm(out, { recursive: true, force: true });
await rename(staging, out);
const kib = Math.round(Object.values(files).reduce((sum, bytes) => sum + Buffer.byteLength(bytes), 0) / 1024);
console.log(`${relative(process.cwd(), out) || '.'}: ${Object.keys(files).length} files, ${kib} KiB (${((Date.now() - started) / 1000).toFixed(1)} s)`);
