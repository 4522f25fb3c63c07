import type { Command } from 'commander';

/** One option of a command as completion sees it. */
export interface OptionNode {
  /** `-a`, `--annotation`: every spelling. */
  flags: string[];
  short?: string;
  long?: string;
  /** Whether the next word is its value (`--annotation <key=value>`). */
  takesValue: boolean;
  /** The values it accepts, when it names them. */
  choices?: string[];
  description: string;
}

/** One command (the program itself at the root), as the CLI's commander tree has it. */
export interface CommandNode {
  name: string;
  /** Its name and aliases (`copy`, `cp`). */
  names: string[];
  description: string;
  /** The names that lead to it from the program, one per level (`['manifest', 'get']`). */
  path: string[];
  options: OptionNode[];
  /** The values each positional argument accepts, where it names them (`completion <shell>`), by position. */
  argumentChoices: Array<string[] | undefined>;
  /** Subcommands, commander's `help` among them where it adds one. */
  commands: CommandNode[];
  /** commander's `help [command]`: its subcommands are its siblings' names. */
  isHelp?: boolean;
}

/**
 * The command tree of a commander program, as its help shows it (visible commands
 * and options only): what shell completion is generated from, so a new verb or
 * option completes without anyone touching a list.
 */
export function commandTree(program: Command): CommandNode {
  return node(program, []);
}

function node(command: Command, path: string[]): CommandNode {
  const help = command.createHelp();
  const subcommands = help.visibleCommands(command);
  const commands = subcommands.map((sub) => {
    const child = node(sub, [...path, sub.name()]);
    // commander's own `help [command]` is in no `commands` list; it takes its siblings' names.
    if (command.commands.includes(sub)) return child;
    const siblings = subcommands.filter((s) => s !== sub).map((s) => ({ ...node(s, [...child.path, s.name()]), options: [], argumentChoices: [], commands: [] }));
    return { ...child, commands: siblings, isHelp: true };
  });
  return {
    name: command.name(),
    names: [command.name(), ...command.aliases()],
    description: oneLine(command.description()),
    path,
    options: help.visibleOptions(command).map((option) => {
      const flags = [option.short, option.long].filter((flag): flag is string => Boolean(flag));
      return {
        flags,
        ...(option.short ? { short: option.short } : {}),
        ...(option.long ? { long: option.long } : {}),
        takesValue: Boolean(option.required),
        ...(option.argChoices?.length ? { choices: [...option.argChoices] } : {}),
        description: oneLine(option.description),
      };
    }),
    argumentChoices: command.registeredArguments.map((argument) => (argument.argChoices?.length ? [...argument.argChoices] : undefined)),
    commands,
  };
}

/** Every command below `root` (not itself), depth first, commander's `help` left out. */
export function allCommands(root: CommandNode): CommandNode[] {
  return root.commands.filter((c) => !c.isHelp).flatMap((c) => [c, ...allCommands(c)]);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
