/**
 * Which actions there are, and whether the committed bundle is fresh.
 *
 * Every action (the repository root for push, `actions/<verb>/`) runs a two-line
 * `action.js` that calls the one bundle in `dist/`, which ncc builds from
 * `packages/github/src/main/actions.ts` (each verb's code a chunk of it). Next to
 * the bundle, `dist/build-manifest.json` records the sha256 of every file that went
 * into it (our TypeScript sources, each bundled node_modules file, the compiler
 * configuration and the build script), the tool versions, and the sha256 of every
 * file the build wrote. It is fresh when all of them still match: a source edited
 * since, a dependency upgraded, or a hand-edited bundle each make it stale.
 * Checking takes milliseconds, so the test suite does it on every run; the build
 * script's `--check` (run in CI) rebuilds and compares bytes as well.
 *
 * Build tooling, not part of the bundle: nothing under src/main imports it.
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

/** The one bundle of every action. */
export interface ActionsBundle {
  /** Its name in the build manifest. */
  name: string;
  /** Where it goes, relative to the repository root. */
  distDir: string;
  /** The TypeScript entry, relative to the repository root. */
  entry: string;
  /** What ncc's main file is named in distDir (the actions' entries import it). */
  main: string;
}

export const ACTIONS_BUNDLE: ActionsBundle = { name: 'actions', distDir: 'dist', entry: 'packages/github/src/main/actions.ts', main: 'actions.js' };

/** One action: its verb, its directory, and the entry its action.yml runs. */
export interface ActionEntry {
  verb: string;
  /** The action's directory, relative to the repository root ('.' for the root action). */
  dir: string;
  /** `action.js` in that directory, relative to the repository root. */
  entry: string;
}

export interface BuildManifest {
  name: string;
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
export function listActions(repoRoot: string): ActionEntry[] {
  const actions: ActionEntry[] = [];
  const add = (verb: string, dir: string): void => {
    actions.push({ verb, dir, entry: dir === '.' ? 'action.js' : `${dir}/action.js` });
  };
  if (existsSync(join(repoRoot, 'action.yml'))) add(ROOT_ACTION_VERB, '.');
  const actionsDir = join(repoRoot, 'actions');
  if (existsSync(actionsDir)) {
    for (const name of readdirSync(actionsDir).sort()) {
      if (existsSync(join(actionsDir, name, 'action.yml'))) add(name, `actions/${name}`);
    }
  }
  return actions;
}

/** The tool versions that shape a bundle. */
export function toolVersions(repoRoot: string): Record<string, string> {
  const version = (pkg: string): string =>
    (JSON.parse(readFileSync(join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return { '@vercel/ncc': version('@vercel/ncc'), terser: version('terser'), typescript: version('typescript') };
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

/** Why the committed bundle no longer matches its sources; empty when it is fresh. */
export function staleness(repoRoot: string, bundle: ActionsBundle = ACTIONS_BUNDLE): string[] {
  const distDir = join(repoRoot, bundle.distDir);
  const manifestPath = join(distDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return [`${bundle.distDir}/${MANIFEST_FILE} is missing (never built)`];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuildManifest;
  const problems: string[] = [];
  if (manifest.name !== bundle.name) problems.push(`it was built as "${manifest.name}", not "${bundle.name}"`);
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
