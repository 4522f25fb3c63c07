// Runs a bundled action as the GitHub runner does: `node <action>/<runs.main>`
// with every input as INPUT_<NAME> (upper-cased, hyphens kept: INPUT_ARTIFACT-TYPE),
// action.yml's defaults filled in for inputs the step does not set, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY (which must exist), GITHUB_ENV, GITHUB_STATE and GITHUB_PATH as
// files, and the run's context variables. @github/local-action cannot judge a
// bundle (it needs source and swaps in its own @actions/core), hence this.
// No jest imports here, so bench scripts could use it too.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './ocikit-cli.js';
import { run } from './peers.js';
import { CANARY_SECRET, CANARY_VARIABLE, recordExposure, secretsOfActionRun } from './secret-ledger.js';

export interface ActionStep {
  /** Inputs as `with:` gives them (kebab-case names). Unknown names fail, as a typo should. */
  inputs?: Record<string, string>;
  /** Variables over the run's (GITHUB_*, RUNNER_*, HOME...). */
  env?: Record<string, string>;
  /** The working directory (GITHUB_WORKSPACE); a fresh temp dir by default. */
  cwd?: string;
  /** What `${{ github.token }}` evaluates to in action.yml defaults (default ''). */
  githubToken?: string;
  /** Called once the step's process is started (a test that cancels it midway). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface WorkflowCommand {
  command: string;
  properties: string;
  value: string;
}

export interface ActionResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What the step wrote to GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** The GITHUB_OUTPUT file as written. */
  outputFile: string;
  /** The GITHUB_STEP_SUMMARY file as written. */
  summary: string;
  /** Directories the step added to PATH (the GITHUB_PATH file, one per line). */
  addedPaths: string[];
  /** `::command props::value` lines on stdout, values unescaped. */
  commands: WorkflowCommand[];
}

interface ActionYml {
  inputs?: Record<string, { default?: unknown; required?: boolean }>;
  runs?: { main?: string };
}

/** An action's directory: '.' for the root action, 'actions/pull' for a verb. */
export function actionDir(name: string): string {
  return name === 'push' || name === '.' ? REPO_ROOT : join(REPO_ROOT, 'actions', name);
}

function evaluateDefault(value: unknown, step: ActionStep): string {
  const text = value === undefined || value === null ? '' : String(value);
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.token') return step.githubToken ?? '';
    throw new Error(`action-runner: cannot evaluate \${{ ${expression} }} in a default`);
  });
}

/** The runner's escaping of workflow command values (%25, %0D, %0A). */
function unescapeCommandValue(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** GITHUB_OUTPUT: `name<<delimiter\nvalue\ndelimiter\n` (and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: no closing delimiter for ${name}`);
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line !== '') {
      throw new Error(`GITHUB_OUTPUT: unexpected line ${JSON.stringify(line)}`);
    }
  }
  return outputs;
}

export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (match) commands.push({ command: match[1]!, properties: (match[2] ?? '').trim(), value: unescapeCommandValue(match[3] ?? '') });
  }
  return commands;
}

/** Runs `node <action>/<runs.main>` (its action.js, into the one bundle) as the runner would and collects what the step left behind. */
export async function runAction(name: string, step: ActionStep = {}): Promise<ActionResult> {
  const dir = actionDir(name);
  const yml = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYml;
  const main = join(dir, yml.runs?.main ?? 'action.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build:actions\``);

  const declared = yml.inputs ?? {};
  const given = step.inputs ?? {};
  const unknown = Object.keys(given).filter((input) => !(input in declared));
  if (unknown.length > 0) throw new Error(`action-runner: ${name} has no input(s) ${unknown.join(', ')}`);

  const runDir = mkdtempSync(join(tmpdir(), 'ocikit-action-'));
  try {
    const files = {
      GITHUB_OUTPUT: join(runDir, 'output'),
      GITHUB_STEP_SUMMARY: join(runDir, 'summary'),
      GITHUB_ENV: join(runDir, 'env'),
      GITHUB_STATE: join(runDir, 'state'),
      GITHUB_PATH: join(runDir, 'path'),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const home = join(runDir, 'home');
    const temp = join(runDir, 'temp');
    const workspace = step.cwd ?? mkdtempSync(join(runDir, 'workspace-'));
    for (const d of [home, temp]) mkdirSync(d);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      // A home of its own: no Docker config of the machine running the tests leaks in.
      HOME: home,
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTOR: 'octocat',
      GITHUB_REPOSITORY: 'octo-org/demo',
      GITHUB_REPOSITORY_OWNER: 'octo-org',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: 'ci',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_WORKSPACE: workspace,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_TEMP: temp,
      ...files,
    };
    for (const [input, spec] of Object.entries(declared)) {
      env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = input in given ? given[input] : evaluateDefault(spec?.default, step);
    }
    Object.assign(env, step.env);

    env[CANARY_VARIABLE] ??= CANARY_SECRET;
    const result = await run(process.execPath, [main], { cwd: workspace, env, input: '', timeoutMs: 60_000, ...(step.onSpawn ? { onSpawn: step.onSpawn } : {}) });
    const outputFile = readFileSync(files.GITHUB_OUTPUT, 'utf8');
    const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    // Checked after the test by secrets-check.ts (suite-wide): the log (debug lines included; `::add-mask::`
    // lines are consumed by the runner), the outputs and the summary may show no secret given.
    recordExposure({
      source: `action ${name}`,
      secrets: secretsOfActionRun(step.inputs, step.env, step.githubToken),
      surfaces: {
        log: result.stdout.split(/\r?\n/).filter((line) => !line.startsWith('::add-mask::')).join('\n'),
        stderr: result.stderr,
        outputs: outputFile,
        summary,
      },
    });
    return {
      ...result,
      outputs: parseOutputFile(outputFile),
      outputFile,
      summary,
      addedPaths: readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter((line) => line !== ''),
      commands: parseCommands(result.stdout),
    };
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

/**
 * Everything the step left that a person or a later step can see: stdout without the
 * `::add-mask::` commands (the runner consumes those lines; they never reach the
 * log), stderr, the outputs and the job summary.
 */
export function visibleText(result: ActionResult): string {
  const stdout = result.stdout
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, result.stderr, result.outputFile, result.summary].join('\n');
}
