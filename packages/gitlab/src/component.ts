/**
 * What a GitLab component is to this package: the inputs it declares, the CLI runs
 * they become (the CLI's flags are the contract: one behaviour per verb, the CLI's),
 * and what its job reports from the CLI's `--json` result.
 */
import { OcikitError, parseFileArgument, parseReference, parseReferrersMode } from '@ocikit/core';
import type { ComponentInputs, Env, InputDeclaration } from './inputs.js';

export interface JobContext {
  env: Env;
  /** The project directory, where the job runs: relative paths in inputs are relative to it. */
  cwd: string;
}

/** The CLI run a component makes: `ocikit <command> <options> --json -- <positionals>`. */
export interface CliPlan {
  /** The verb, and its subcommand: ['index', 'create']. */
  command: string[];
  options: string[];
  positionals: string[];
  /** The registries the run talks to (canonical hosts), the one written to first: they get credentials. */
  registries: string[];
  /** Further runs of the verb with the same positionals, for what `--json` does not print (discover's graphs): their options. */
  more?: string[][];
}

export interface ComponentReport {
  /** Lines for the job log; registry text in them is escaped when printed. */
  summary: string[];
  /** Outputs for later jobs, named without the prefix (`SUBJECT` is OCIKIT_SUBJECT by default): besides DIGEST, REFERENCE and JSON, or instead of the first two. */
  outputs: Record<string, string | undefined>;
  /** Files the job writes into the project directory (discover's Markdown graph), by relative path. */
  files?: Record<string, string>;
}

export interface Component<Result = unknown> {
  verb: string;
  /** Its inputs besides the common ones (inputs.ts COMMON_INPUTS) and the job's (job-name, stage, image). */
  inputs: InputDeclaration;
  /** Boolean inputs passed on as `--<name>` when true, then number inputs as `--<name> <n>` when above 0, in this order. */
  switches: readonly string[];
  numbers: readonly string[];
  /** String inputs that may hold a private key's PEM, which is then masked like the password. */
  keyInputs?: readonly string[];
  plan(inputs: ComponentInputs, job: JobContext): CliPlan | Promise<CliPlan>;
  /** `texts`: the output of each of the plan's `more` runs. */
  report(result: Result, inputs: ComponentInputs, texts: string[]): ComponentReport;
}

/** The registry a reference names, as core parses it (an OCI layout names none). */
export function registriesOf(...references: string[]): string[] {
  return references.flatMap((text) => {
    const reference = parseReference(text);
    return reference.kind === 'registry' ? [reference.registry] : [];
  });
}

/** `--referrers-mode <mode>` unless it is `auto`, the CLI's default. */
export function referrersModeOptions(inputs: ComponentInputs): string[] {
  const mode = parseReferrersMode(inputs.text('referrers-mode') || 'auto');
  return mode === 'auto' ? [] : ['--referrers-mode', mode];
}

/** The `files` input's lines; standard input (`-`, as core's parseFileArgument reads it) has nothing to give in a job. */
export function fileArguments(inputs: ComponentInputs, verb: string): string[] {
  const files = inputs.lines('files');
  for (const file of files) {
    if (parseFileArgument(file).path === '-') {
      throw new OcikitError('INVALID_INPUT', `the input files names standard input (-), which cannot be ${verb} from a job`, {
        hint: 'write it to a file and list that',
      });
    }
  }
  return files;
}

/** A value option when the input is given: `--artifact-type <type>`. */
export function valueOption(inputs: ComponentInputs, input: string, option = `--${input}`): string[] {
  const value = inputs.text(input);
  return value ? [option, value] : [];
}
