// The examples at the end of every command's --help (packages/cli/src/help/examples.ts):
// every command has some, and every `ocikit` line among them is one the CLI's own
// parser accepts (commander, in this process, with each command's action replaced
// by one that only records it ran: an unknown option, a missing argument or a value
// an option's parser refuses fails here, not in a user's terminal).
import { describe, expect, it } from '@jest/globals';
import type { Command } from 'commander';
import { buildProgram } from '@ocikit/cli';
import { EXAMPLES, commandPath } from '../../packages/cli/src/help/examples.js';
import { disguiseStdinArguments } from '../../packages/cli/src/options/stdin-argument.js';
import { ocikit } from '../harness/ocikit-cli.js';
import { capturedStream } from '../harness/outcomes.js';

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/**
 * The `ocikit` invocation in a shell line, as its words: quotes removed, the
 * command found among pipes, redirections and process substitutions.
 */
function ocikitWords(line: string): string[] {
  const segments: string[][] = [[]];
  let word: string | undefined;
  let skipNext = false; // a redirection's file
  const end = (): void => {
    if (word === undefined) return;
    if (skipNext) skipNext = false;
    else segments.at(-1)!.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (/\s/.test(c)) {
      end();
    } else if (line.startsWith('<(', i) || c === ')' || c === '|' || c === ';' || line.startsWith('&&', i)) {
      end();
      segments.push([]);
      if (c === '<' || c === '&') i++;
    } else if (c === '>' || c === '<') {
      end();
      if (line[i + 1] === '>') i++;
      skipNext = true;
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  const invocation = segments.find((segment) => segment[0] === 'ocikit');
  if (!invocation) throw new Error(`no ocikit command in: ${line}`);
  return invocation.slice(1);
}

/** Whether the CLI's parser accepts `argv`, and which command it would have run. */
async function parse(argv: string[]): Promise<{ ok: boolean; ran?: string; stderr: string }> {
  const stderr = capturedStream();
  const program = buildProgram({ env: {}, stdout: capturedStream().stream, stderr: stderr.stream, secrets: new Set() });
  let ran: string | undefined;
  for (const command of everyCommand(program)) {
    command.action(() => {
      ran = commandPath(command);
    });
  }
  try {
    await program.parseAsync(disguiseStdinArguments(argv), { from: 'user' });
    return { ok: true, ...(ran !== undefined ? { ran } : {}), stderr: stderr.text() };
  } catch (error) {
    return { ok: false, stderr: `${stderr.text()}${String(error)}` };
  }
}

describe('the examples in --help', () => {
  const sink = capturedStream();
  const program = buildProgram({ env: {}, stdout: sink.stream, stderr: sink.stream, secrets: new Set() });
  const commands = everyCommand(program);

  it('every command has at least one, and its --help ends with them', () => {
    expect(commands.length).toBeGreaterThan(25);
    const without = commands.map(commandPath).filter((path) => !EXAMPLES[path]?.length);
    expect(without).toEqual([]);
    // No examples for a command that is not there (a renamed verb).
    expect(Object.keys(EXAMPLES).filter((path) => !commands.some((c) => commandPath(c) === path))).toEqual([]);
    for (const command of commands) {
      const help = capturedStream();
      command.configureOutput({ ...command.configureOutput(), writeOut: (text) => help.stream.write(text) });
      command.outputHelp();
      const examples = EXAMPLES[commandPath(command)]!;
      expect(help.text()).toContain(`\nExamples:\n  # ${examples[0]!.what}\n  $ ${examples[0]!.run}\n`);
    }
  });

  it('each one parses with the CLI\'s own parser and runs the command it is listed under', async () => {
    for (const [path, examples] of Object.entries(EXAMPLES)) {
      for (const example of examples) {
        const argv = ocikitWords(example.run);
        const parsed = await parse(argv);
        expect({ example: example.run, ...parsed }).toEqual({ example: example.run, ok: true, ran: parsed.ran, stderr: '' });
        // The program's examples show other commands; a command's are its own (a group's, its subcommands').
        const own = path === '' || parsed.ran === path || Boolean(parsed.ran?.startsWith(`${path} `));
        expect({ example: example.run, ran: parsed.ran, own }).toEqual({ example: example.run, ran: parsed.ran, own: true });
      }
    }
  });

  it('the check refuses what the parser refuses', async () => {
    expect((await parse(ocikitWords('ocikit push ghcr.io/org/app:v1 --no-such-option f'))).ok).toBe(false);
    expect((await parse(ocikitWords('ocikit pull'))).ok).toBe(false); // <reference> missing
    expect((await parse(ocikitWords('ocikit push ghcr.io/org/app:v1 --concurrency 0 f'))).ok).toBe(false);
    expect(ocikitWords('echo "$T" | ocikit login ghcr.io -u "$U" --password-stdin < t.txt')).toEqual(['login', 'ghcr.io', '-u', '$U', '--password-stdin']);
    expect(ocikitWords('source <(ocikit completion bash)')).toEqual(['completion', 'bash']);
  });

  it('the built CLI shows them', async () => {
    const result = await ocikit(['helm', 'pull', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Examples:\n  # ${EXAMPLES['helm pull']![0]!.what}\n  $ ${EXAMPLES['helm pull']![0]!.run}\n`);
  });
});
