#!/usr/bin/env node
// Builds the one bundle every action runs: tsc (core + github), then @vercel/ncc
// from packages/github/dist/main/actions.js into dist/ as ESM (actions.js, each
// verb's code split into chunks, licenses.txt, package.json {"type":"module"}),
// then dist/build-manifest.json (see packages/github/src/bundle/manifest.ts).
// Each action's action.yml runs its own two-line action.js, which imports it.
//
//   node packages/github/scripts/build-actions.mjs            build
//   node packages/github/scripts/build-actions.mjs --check    rebuild in memory, compare bytes with
//                                                            what is committed; exit 1 if stale
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledFiles, licenses } from '../../../scripts/bundle-licenses.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
process.chdir(repoRoot);

const check = process.argv.slice(2).includes('--check');

// 1. Compile, so the bundles are made from the sources as they are now.
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'packages/core', 'packages/github'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const manifestLib = await import('../dist/bundle/manifest.js');
const { ACTIONS_BUNDLE, BUILD_CONFIG_FILES, MANIFEST_FILE, hashInputs, inputPathFor, serializeManifest, toolVersions } = manifestLib;
const ncc = require('@vercel/ncc');
const bundle = ACTIONS_BUNDLE;

/** What differs between the committed and the rebuilt build manifest, in words. */
function manifestDifference(committedText, rebuiltText) {
  const committed = JSON.parse(committedText);
  const rebuilt = JSON.parse(rebuiltText);
  const changed = [];
  for (const section of ['tools', 'inputs', 'outputs']) {
    const names = new Set([...Object.keys(committed[section] ?? {}), ...Object.keys(rebuilt[section] ?? {})]);
    for (const name of [...names].sort()) {
      if (committed[section]?.[name] !== rebuilt[section]?.[name]) changed.push(name);
    }
  }
  return `${MANIFEST_FILE} differs (${changed.length ? changed.join(', ') : 'formatting'})`;
}

const sha256 = async (bytes) => (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');

const compiledEntry = join(repoRoot, 'packages/github/dist/main/actions.js');
if (!existsSync(join(repoRoot, bundle.entry)) || !existsSync(compiledEntry)) {
  console.error(`the actions' entry ${bundle.entry} is missing`);
  process.exit(1);
}
const started = Date.now();
const { code, assets, stats } = await ncc(compiledEntry, {
  minify: true,
  sourceMapRegister: false,
  cache: false,
  quiet: true,
});
// The chunks load from the main file by their own names; only the main file is renamed.
const files = { [bundle.main]: Buffer.from(code) };
const { minify } = await import('terser');
for (const [name, asset] of Object.entries(assets)) {
  // ncc minifies the main file only. The chunks lose their comments and spacing (the
  // licenses are in licenses.txt) but keep their names, so a stack trace still reads:
  // 0.58 of their size, which keeps the committed bundle under its bound.
  const source = name.endsWith('.js') ? (await minify(String(asset.source), { module: true, compress: false, mangle: false, format: { comments: false } })).code : asset.source;
  files[name] = Buffer.from(source);
}

const modules = [...bundledFiles(stats)];
const inputs = [...BUILD_CONFIG_FILES, bundle.entry, ...modules.map((f) => inputPathFor(repoRoot, f))];
files['licenses.txt'] = Buffer.from(licenses(modules));
const outputs = {};
for (const name of Object.keys(files).sort()) outputs[name] = await sha256(files[name]);
const manifest = serializeManifest({ name: bundle.name, tools: toolVersions(repoRoot), inputs: hashInputs(repoRoot, inputs), outputs });
files[MANIFEST_FILE] = Buffer.from(manifest);

const distDir = join(repoRoot, bundle.distDir);
if (check) {
  const problems = [];
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(distDir, name);
    if (!existsSync(path)) problems.push(`${name} missing`);
    else if (!(await readFile(path)).equals(bytes)) problems.push(name === MANIFEST_FILE ? manifestDifference(await readFile(path, 'utf8'), bytes.toString()) : `${name} differs`);
  }
  const committed = existsSync(distDir) ? Object.keys(manifestLib.hashOutputs(distDir)) : [];
  for (const name of committed) if (!(name in files)) problems.push(`${name} is not produced by the build`);
  if (problems.length > 0) {
    console.error(`${bundle.distDir} is stale: ${problems.join('; ')}`);
    console.error('run `npm run build:actions` and commit dist/');
    process.exit(1);
  }
  console.log(`${bundle.distDir} is fresh`);
} else {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(distDir, name)), { recursive: true });
    await writeFile(join(distDir, name), bytes);
  }
  const size = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const total = Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0);
  const detail = Object.entries(files)
    .filter(([name]) => name.endsWith('.js'))
    .map(([name, bytes]) => `${name} ${size(bytes.length)}`)
    .join(', ');
  console.log(`${relative(repoRoot, distDir)}: ${size(total)} in all: ${detail} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
