/**
 * Which actions there are, and whether each committed `dist/` is fresh.
 *
 * Every action directory (the repository root for push, `actions/<verb>/`) has a
 * `dist/` that ncc builds from `packages/github/src/main/<verb>.ts`. Next to the
 * bundle, `dist/build-manifest.json` records the sha256 of every file that went
 * into it (our TypeScript sources, each bundled node_modules file, the compiler
 * configuration and the build script), the tool versions, and the sha256 of every
 * file the build wrote. A bundle is fresh when all of them still match: a source
 * edited since, a dependency upgraded, or a hand-edited bundle each make it stale.
 * Checking takes milliseconds, so the test suite does it on every run; the build
 * script's `--check` (run in CI) rebuilds and compares bytes as well.
 *
 * Build tooling, not part of any bundle: nothing under src/main imports it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MANIFEST_FILE = 'build-manifest.json';
/** The root action.yml is the main job. */
export const ROOT_ACTION_VERB = 'push';

/** Files that shape every bundle besides the modules ncc reports. */
export const BUILD_CONFIG_FILES = [
  'tsconfig.base.json',
  'packages/core/tsconfig.json',
  'packages/github/tsconfig.json',
  'packages/github/scripts/build-actions.mjs',
  'scripts/bundle-licenses.mjs',
];

export interface ActionBundle {
  verb: string;
  /** The action's directory, relative to the repository root ('.' for the root action). */
  dir: string;
  /** Where its bundle goes, relative to the repository root. */
  distDir: string;
  /** The TypeScript entry, relative to the repository root. */
  entry: string;
}

export interface BuildManifest {
  verb: string;
  tools: Record<string, string>;
  /** sha256 of each input, by path relative to the repository root (sorted). */
  inputs: Record<string, string>;
  /** sha256 of each file in dist/ but this manifest (sorted). */
  outputs: Record<string, string>;
}

const posix = (path: string): string => path.split(sep).join('/');

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The root action and every `actions/<verb>/action.yml`, each with its entry. */
export function listActionBundles(repoRoot: string): ActionBundle[] {
  const bundles: ActionBundle[] = [];
  const add = (verb: string, dir: string): void => {
    bundles.push({
      verb,
      dir,
      distDir: dir === '.' ? 'dist' : `${dir}/dist`,
      entry: `packages/github/src/main/${verb}.ts`,
    });
  };
  if (existsSync(join(repoRoot, 'action.yml'))) add(ROOT_ACTION_VERB, '.');
  const actionsDir = join(repoRoot, 'actions');
  if (existsSync(actionsDir)) {
    for (const name of readdirSync(actionsDir).sort()) {
      if (existsSync(join(actionsDir, name, 'action.yml'))) add(name, `actions/${name}`);
    }
  }
  return bundles;
}

/** The tool versions that shape a bundle. */
export function toolVersions(repoRoot: string): Record<string, string> {
  const version = (pkg: string): string =>
    (JSON.parse(readFileSync(join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return { '@vercel/ncc': version('@vercel/ncc'), typescript: version('typescript') };
}

/**
 * A bundled module's file as an input: compiled workspace output
 * (`packages/<p>/dist/x.js`) counts as its source (`packages/<p>/src/x.ts`), so
 * freshness does not depend on whether tsc ran.
 */
export function inputPathFor(repoRoot: string, absolutePath: string): string {
  const path = posix(relative(repoRoot, absolutePath));
  const compiled = /^(packages\/[^/]+)\/dist\/(.+)\.js$/.exec(path);
  if (compiled) {
    const source = `${compiled[1]}/src/${compiled[2]}.ts`;
    if (existsSync(join(repoRoot, source))) return source;
  }
  return path;
}

export function hashInputs(repoRoot: string, paths: Iterable<string>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const path of [...new Set(paths)].sort()) inputs[path] = sha256File(join(repoRoot, path));
  return inputs;
}

/** sha256 of every file under a dist directory but the manifest, by relative path. */
export function hashOutputs(distDir: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!(dir === distDir && name === MANIFEST_FILE)) outputs[posix(relative(distDir, path))] = sha256File(path);
    }
  };
  walk(distDir);
  return Object.fromEntries(Object.entries(outputs).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function serializeManifest(manifest: BuildManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Why a committed bundle no longer matches its sources; empty when it is fresh. */
export function staleness(repoRoot: string, bundle: ActionBundle): string[] {
  const distDir = join(repoRoot, bundle.distDir);
  const manifestPath = join(distDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return [`${bundle.distDir}/${MANIFEST_FILE} is missing (never built)`];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuildManifest;
  const problems: string[] = [];
  if (manifest.verb !== bundle.verb) problems.push(`it was built for "${manifest.verb}", not "${bundle.verb}"`);
  if (!(bundle.entry in manifest.inputs)) problems.push(`its entry ${bundle.entry} is not among its inputs`);
  for (const [tool, version] of Object.entries(toolVersions(repoRoot))) {
    if (manifest.tools[tool] !== version) problems.push(`${tool} is ${version}, it was built with ${manifest.tools[tool] ?? 'none'}`);
  }
  for (const [path, hash] of Object.entries(manifest.inputs)) {
    if (!existsSync(join(repoRoot, path))) problems.push(`${path} is gone`);
    else if (sha256File(join(repoRoot, path)) !== hash) problems.push(`${path} changed`);
  }
  const outputs = existsSync(distDir) ? hashOutputs(distDir) : {};
  for (const name of new Set([...Object.keys(manifest.outputs), ...Object.keys(outputs)])) {
    if (!(name in outputs)) problems.push(`${bundle.distDir}/${name} is missing`);
    else if (!(name in manifest.outputs)) problems.push(`${bundle.distDir}/${name} was not written by the build`);
    else if (outputs[name] !== manifest.outputs[name]) problems.push(`${bundle.distDir}/${name} was edited after the build`);
  }
  return problems;
}
