/**
 * A GitLab component's job (`ocikit gitlab <verb>`, the one line of
 * templates/<verb>.yml's script): its inputs become CLI runs, with the job's
 * credentials for each registry; the CLI's `--json` result becomes
 * `.ocikit/<job>.json`, the dotenv report `.ocikit/<job>.env` that later jobs read
 * (artifacts:reports:dotenv), and lines in the job log.
 */
import { OcikitError, printable } from '@ocikit/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliPlan, Component, ComponentReport } from './component.js';
import { COMPONENTS } from './components/all.js';
import { credentialOptions, inputCredential } from './credentials.js';
import { ComponentInputs, type Env, inputVariable } from './inputs.js';
import { jobSlug } from './pipeline.js';
import { PrivateFiles } from './private-files.js';

/** The output of one CLI run: its exit code and what it printed on stdout (its stderr is the job log's). */
export interface CliRunResult {
  code: number;
  stdout: string;
}

/** Runs `ocikit <argv>` with this environment: the CLI's own `main`, in this process. */
export type CliRunner = (argv: string[], env: Env) => Promise<CliRunResult>;

export interface TextSink {
  write(text: string): unknown;
}

export interface ComponentJob {
  env: Env;
  /** The project directory the job runs in. */
  cwd: string;
  /** The job log: results on stdout, what the job does on stderr. */
  stdout: TextSink;
  stderr: TextSink;
  /** Every secret the job knows is added here as soon as it is known: the front end redacts them from anything printed. */
  secrets: Set<string>;
  runCli: CliRunner;
}

/** The default name prefix of the dotenv outputs: OCIKIT_DIGEST, OCIKIT_REFERENCE... */
export const DEFAULT_OUTPUT_PREFIX = 'OCIKIT_';
const OUTPUT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PEM = '-----BEGIN';

/** The names of the components: the verbs that have a templates/<verb>.yml. */
export function componentNames(): string[] {
  return Object.keys(COMPONENTS);
}

/** A component by verb; undefined when there is none. */
export function componentFor(verb: string): Component | undefined {
  return Object.hasOwn(COMPONENTS, verb) ? COMPONENTS[verb] : undefined;
}

/** Runs the job of the component `verb`; returns 0, or the exit code of the CLI run that failed (which reported why). */
export async function runComponent(verb: string, job: ComponentJob): Promise<number> {
  const component = componentFor(verb);
  if (!component) {
    throw new OcikitError('INVALID_INPUT', `there is no GitLab component ${verb}`, { hint: `the components are ${componentNames().join(', ')}` });
  }
  const inputs = new ComponentInputs(verb, component.inputs, job.env);
  // Secrets before anything else, so nothing printed from here on shows them.
  remember(job.secrets, inputs.raw('password'));
  for (const name of component.keyInputs ?? []) if (inputs.text(name).startsWith(PEM)) remember(job.secrets, inputs.text(name));
  const prefix = outputPrefix(inputs);
  const plan = await component.plan(inputs, { env: job.env, cwd: job.cwd });
  const ran = await runPlan(component, plan, inputs, job);
  if (typeof ran === 'number') return ran;
  await writeOutputs(verb, component.report(ran.result, inputs, ran.texts), ran.result, prefix, job);
  return 0;
}

/** The plan's runs with the job's credentials: the `--json` result and what the further runs printed, or the exit code of the one that failed. */
async function runPlan(component: Component, plan: CliPlan, inputs: ComponentInputs, job: ComponentJob): Promise<number | { result: Record<string, unknown>; texts: string[] }> {
  const { env } = job;
  const shared = [
    ...component.switches.filter((name) => inputs.flag(name)).map((name) => `--${name}`),
    ...component.numbers.flatMap((name) => (inputs.number(name) > 0 ? [`--${name}`, String(inputs.number(name))] : [])),
    // Every verb a component runs talks to a registry, so each takes --debug (its HTTP exchanges in the log, secrets redacted).
    ...(inputs.flag('debug') ? ['--debug'] : []),
  ];
  const privateFiles = new PrivateFiles(env);
  try {
    const credentials = await credentialOptions(plan.registries, inputCredential(inputs.text('username'), inputs.raw('password')), env, privateFiles.write);
    for (const secret of credentials.secrets) remember(job.secrets, secret);
    for (const line of credentials.sources) job.stderr.write(`ocikit: ${line}\n`);
    // Progress stays plain lines in a job log: the CLI draws no bars when CI is set.
    const cliEnv: Record<string, string | undefined> = { ...env, CI: env.CI || 'true' };
    delete cliEnv[inputVariable('password')];
    const execute = (options: string[], json: boolean): Promise<CliRunResult> => {
      const args = argv(plan, options, [...shared, ...credentials.options], json);
      job.stderr.write(`$ ocikit ${shownArguments(args, credentials.secrets)}\n`);
      return job.runCli(args, cliEnv);
    };
    const first = await execute(plan.options, true);
    if (first.code !== 0) return first.code;
    const result = parseResult(first.stdout, plan);
    // Further runs with the same credentials, for what --json does not print (discover's graphs).
    const texts: string[] = [];
    for (const options of plan.more ?? []) {
      const again = await execute(options, false);
      if (again.code !== 0) return again.code;
      texts.push(again.stdout);
    }
    return { result, texts };
  } finally {
    await privateFiles.removeAll();
  }
}

/** `.ocikit/<job>.json`, the report's files, the dotenv report `.ocikit/<job>.env`, and the summary in the log. */
async function writeOutputs(verb: string, report: ComponentReport, result: Record<string, unknown>, prefix: string, job: ComponentJob): Promise<void> {
  const slug = jobSlug(job.env, verb);
  const json = `.ocikit/${slug}.json`;
  const dotenvFile = `.ocikit/${slug}.env`;
  await writeProjectFile(job.cwd, json, `${JSON.stringify(result, null, 2)}\n`);
  for (const [path, content] of Object.entries(report.files ?? {})) await writeProjectFile(job.cwd, path, content);
  const outputs: Record<string, unknown> = { DIGEST: result.digest, REFERENCE: result.reference, JSON: json, ...report.outputs };
  // A dotenv line holds one value: a value with a line break (none of ours has one) is left out rather than split.
  const dotenv = Object.entries(outputs)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '' && !/[\r\n]/.test(entry[1]))
    .map(([name, value]) => [`${prefix}${name}`, value] as const);
  await writeProjectFile(job.cwd, dotenvFile, dotenv.map(([name, value]) => `${name}=${value}\n`).join(''));
  // Registry text (titles, types, messages) as one line each, its control characters escaped (core's printable).
  // A verb that names no manifest (referrers-tidy of a whole repository) has no digest line.
  const digestLine = typeof outputs.DIGEST === 'string' ? [`digest: ${outputs.DIGEST}`] : [];
  for (const line of [...report.summary, ...digestLine]) job.stdout.write(`${printable(line)}\n`);
  job.stdout.write(`outputs: ${json}; ${dotenvFile} (${dotenv.map(([name]) => name).join(', ')})\n`);
}

/** `ocikit <command> <options> <shared> [--json] -- <positionals>`: `--` so no positional is read as an option. */
function argv(plan: CliPlan, options: string[], shared: string[], json: boolean): string[] {
  return [...plan.command, ...options, ...shared, ...(json ? ['--json'] : []), '--', ...plan.positionals];
}

/** The command line for the log: secrets masked, and anything a shell would not read as one word quoted. */
export function shownArguments(args: readonly string[], secrets: readonly string[]): string {
  return args.map((arg) => (secrets.includes(arg) ? '***' : /^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}

function parseResult(stdout: string, plan: CliPlan): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OcikitError('INVALID_CONTENT', `ocikit ${plan.command.join(' ')} --json printed no JSON object`, {
      detail: printable(stdout.slice(0, 200)),
      hint: 'this is a bug in ocikit: please report it with the job log',
    });
  }
  return parsed as Record<string, unknown>;
}

/** The `output-prefix` input: the start of every dotenv name (default OCIKIT_). */
function outputPrefix(inputs: ComponentInputs): string {
  const prefix = inputs.text('output-prefix') || DEFAULT_OUTPUT_PREFIX;
  if (!OUTPUT_PREFIX.test(prefix)) {
    throw new OcikitError('INVALID_INPUT', `the input output-prefix is "${prefix}", which cannot start a variable name`, {
      hint: 'use letters, digits and _, not starting with a digit (e.g. BUILD_)',
    });
  }
  return prefix;
}

function remember(secrets: Set<string>, secret: string): void {
  if (secret !== '') secrets.add(secret);
}

async function writeProjectFile(cwd: string, path: string, content: string): Promise<void> {
  const at = resolve(cwd, path);
  await mkdir(dirname(at), { recursive: true });
  await writeFile(at, content);
}
