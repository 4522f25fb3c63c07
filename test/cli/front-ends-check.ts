// What is wrong between the CLI, the actions and the components, as
// scripts/front-ends.ts maps them: an option or an input in no column, a mapped
// input that does not exist, defaults that differ without a reason. Pure: the world
// (the CLI's command tree, each action.yml's inputs, each template's spec) is read by
// readWorld, so front-ends.test.ts can also hand it a broken one.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import {
  ACTION_ONLY,
  CLI_ONLY_VERBS,
  EVERY_ACTION,
  EVERY_COMPONENT,
  FRONT_ENDS,
  type VerbFrontEnds,
  actionDefault,
  cliDefault,
  componentDefault,
} from '../../scripts/front-ends.js';
import { REPO_ROOT, listTemplates } from '../gitlab/component-spec.js';

export interface CliCommand {
  /** `push`, `index create`. */
  path: string;
  /** As the usage names them: `<reference>`, `[files...]`. */
  arguments: string[];
  /** Long name (`--no-overwrite`) → default as text (cliDefault). */
  options: Record<string, string | undefined>;
}

/** Inputs by name → default as text (actionDefault, componentDefault). */
export type Inputs = Record<string, string | undefined>;

export interface World {
  cli: CliCommand[];
  actions: Record<string, Inputs>;
  components: Record<string, Inputs>;
}

export interface Mapping {
  verbs: Record<string, VerbFrontEnds>;
  cliOnlyVerbs: Record<string, string>;
  actionOnly: Record<string, string>;
  everyAction: Record<string, string>;
  everyComponent: Record<string, string>;
}

export const MAPPING: Mapping = { verbs: FRONT_ENDS, cliOnlyVerbs: CLI_ONLY_VERBS, actionOnly: ACTION_ONLY, everyAction: EVERY_ACTION, everyComponent: EVERY_COMPONENT };

/** The leaf commands of a CLI program (`index create`, not `index`). */
export function cliCommands(program: Command): CliCommand[] {
  const found: CliCommand[] = [];
  const walk = (command: Command, path: string[]): void => {
    if (command.commands.length > 0) {
      for (const sub of command.commands) walk(sub, [...path, sub.name()]);
      return;
    }
    found.push({
      path: path.join(' '),
      arguments: command.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`)),
      options: Object.fromEntries(command.options.map((o) => [o.long!, cliDefault(o)])),
    });
  };
  walk(program, []);
  return found;
}

/** The actions (actions/<name>/action.yml; push is the root action.yml) and the components (templates/) of this repository. */
export function readFrontEnds(): Pick<World, 'actions' | 'components'> {
  const inputsOf = (file: string): Inputs => {
    const action = parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
    return Object.fromEntries(Object.entries(action.inputs ?? {}).map(([name, input]) => [name, actionDefault(input)]));
  };
  const actions: Record<string, Inputs> = { push: inputsOf('action.yml') };
  for (const entry of readdirSync(join(REPO_ROOT, 'actions'), { withFileTypes: true })) {
    if (entry.isDirectory()) actions[entry.name] = inputsOf(join('actions', entry.name, 'action.yml'));
  }
  const components = Object.fromEntries(
    listTemplates().map((t) => [t.verb, Object.fromEntries(Object.entries(t.inputs).map(([name, spec]) => [name, componentDefault(spec)]))]),
  );
  return { actions, components };
}

type FrontEnd = 'action' | 'component';

/** Every disagreement between the world and the mapping, one line each. */
export function frontEndProblems(world: World, mapping: Mapping = MAPPING): string[] {
  const problems: string[] = [];
  const commands = new Map(world.cli.map((c) => [c.path, c]));
  const inputsOf = (end: FrontEnd, name: string): Inputs | undefined => (end === 'action' ? world.actions : world.components)[name];
  /** Per front end and name, the inputs the mapping accounts for. */
  const accounted: Record<FrontEnd, Map<string, Set<string>>> = { action: new Map(), component: new Map() };
  const account = (end: FrontEnd, name: string, input: string): void => {
    if (!accounted[end].has(name)) accounted[end].set(name, new Set());
    accounted[end].get(name)!.add(input);
  };

  for (const command of world.cli) {
    if (!(command.path in mapping.verbs) && !(command.path in mapping.cliOnlyVerbs)) {
      problems.push(`ocikit ${command.path}: neither mapped to an action and a component nor marked as the CLI's only`);
    }
  }
  for (const path of [...Object.keys(mapping.verbs), ...Object.keys(mapping.cliOnlyVerbs)]) {
    if (!commands.has(path)) problems.push(`ocikit ${path}: mapped, but the CLI has no such command`);
  }

  for (const [path, verb] of Object.entries(mapping.verbs)) {
    const command = commands.get(path);
    if (!command) continue;
    const ends: Array<[FrontEnd, string | undefined]> = [['action', verb.action], ['component', verb.component]];
    for (const [end, name] of ends) {
      if (name !== undefined && !inputsOf(end, name)) problems.push(`ocikit ${path}: there is no ${end} ${name}`);
    }
    /** An input the mapping names: it must exist, and it is accounted for. */
    const named = (end: FrontEnd, name: string | undefined, input: string, what: string): void => {
      if (name === undefined) {
        problems.push(`ocikit ${path}: ${what} names the ${end} input ${input}, but the verb has no ${end}`);
        return;
      }
      const inputs = inputsOf(end, name);
      if (!inputs) return; // said once above: there is no such action or component
      if (!(input in inputs)) problems.push(`ocikit ${path}: ${what} names the input ${input}, which the ${end} ${name} does not have`);
      account(end, name, input);
    };

    // Arguments: exactly the command's, each given by inputs of both front ends.
    const mappedArguments = Object.keys(verb.arguments);
    if (mappedArguments.join(' ') !== command.arguments.join(' ')) {
      problems.push(`ocikit ${path}: the arguments are ${command.arguments.join(' ') || 'none'}, the mapping says ${mappedArguments.join(' ') || 'none'}`);
    }
    for (const [argument, inputs] of Object.entries(verb.arguments)) {
      for (const input of [inputs].flat()) for (const [end, name] of ends) named(end, name, input, `the argument ${argument}`);
    }
    if (verb.subcommandInput) for (const [end, name] of ends) named(end, name, verb.subcommandInput, 'the subcommand');

    // Options: each of the command's mapped or marked, and nothing else.
    for (const option of Object.keys(command.options)) {
      if (!(option in verb.options)) problems.push(`ocikit ${path} ${option}: neither mapped to inputs nor marked with a reason`);
    }
    for (const [option, mapped] of Object.entries(verb.options)) {
      if (!(option in command.options)) {
        problems.push(`ocikit ${path} ${option}: mapped, but the CLI has no such option`);
        continue;
      }
      const defaults: Partial<Record<FrontEnd, string>> = {};
      for (const [end, name] of ends) {
        const input = mapped[end];
        if (typeof input !== 'string') {
          if (input.none.trim() === '') problems.push(`ocikit ${path} ${option}: the ${end} has no input and no reason`);
          continue;
        }
        named(end, name, input, option);
        const value = name === undefined ? undefined : inputsOf(end, name)?.[input];
        if (value !== undefined) defaults[end] = value;
      }
      problems.push(...defaultProblems(`ocikit ${path} ${option}`, command.options[option], defaults, mapped.otherDefault ?? {}));
    }
    for (const [end, name, only] of [['action', verb.action, verb.actionOnly], ['component', verb.component, verb.componentOnly]] as const) {
      for (const input of Object.keys(only ?? {})) named(end, name, input, `its ${end}-only input`);
    }
  }

  // Every input of every action and component is accounted for.
  const every: Record<FrontEnd, Record<string, string>> = { action: mapping.everyAction, component: mapping.everyComponent };
  for (const end of ['action', 'component'] as const) {
    for (const [name, inputs] of Object.entries(end === 'action' ? world.actions : world.components)) {
      if (end === 'action' && name in mapping.actionOnly) continue;
      const known = accounted[end].get(name);
      if (!known) {
        problems.push(`${end} ${name}: no CLI verb is mapped to it${end === 'action' ? ', and it is not marked as an action only' : ''}`);
        continue;
      }
      for (const input of Object.keys(every[end])) if (!(input in inputs)) problems.push(`${end} ${name}: lacks the input ${input} every ${end} has`);
      for (const input of Object.keys(inputs)) {
        if (!known.has(input) && !(input in every[end])) problems.push(`${end} ${name}: the input ${input} is neither mapped to the CLI nor marked as the ${end}'s own`);
      }
    }
  }
  for (const name of Object.keys(mapping.actionOnly)) if (!(name in world.actions)) problems.push(`action ${name}: marked as an action only, but there is none`);
  return problems;
}

/** The defaults that all say one must agree, unless the mapping says why a front end's differs (and then they must differ). */
function defaultProblems(where: string, cli: string | undefined, defaults: Partial<Record<FrontEnd, string>>, reasons: Partial<Record<FrontEnd, string>>): string[] {
  const problems: string[] = [];
  const explained = (end: FrontEnd): boolean => Boolean(reasons[end]);
  // The reference: the CLI's default, else the action's (an option with no default whose inputs both have one).
  const reference = cli ?? defaults.action;
  for (const end of ['action', 'component'] as const) {
    const value = defaults[end];
    const differs = value !== undefined && reference !== undefined && value !== reference;
    if (differs && !explained(end)) {
      problems.push(`${where}: the ${end}'s default is ${JSON.stringify(value)}, the ${cli !== undefined ? 'CLI' : 'action'}'s ${JSON.stringify(reference)}`);
    }
    if (!differs && explained(end)) problems.push(`${where}: a reason for the ${end}'s other default, but it has the same one`);
  }
  return problems;
}
