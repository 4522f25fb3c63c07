// A password given on the command line (-p/--password) is warned of by every verb
// that takes one, once, before the verb runs (one rule: passwordOnCommandLineWarning
// in packages/cli/src/options/remote-options.ts). The verbs are found in the CLI's
// own command tree, so a new one is covered without being listed here, and each runs
// for real against a registry on loopback (most fail on the made-up arguments they
// are given: the warning comes first all the same).
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram, main } from '@ocikit/cli';
import { ocikit } from '../harness/ocikit-cli.js';
import { useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';
import { capturedStream } from '../harness/outcomes.js';

const registry = useRegistry();
const PASSWORD = 'pw-on-the-command-line-42';
const WARNING = 'warning: a password on the command line can end up in shell history and process lists; prefer --password-stdin or the OCIKIT_PASSWORD variable\n';

/** Every command (by its path) that takes --password, and made-up values for the arguments and options it requires. */
function verbsTakingPassword(): Array<{ path: string[]; args: string[] }> {
  const out = capturedStream();
  const found: Array<{ path: string[]; args: string[] }> = [];
  const walk = (command: Command, path: string[]): void => {
    if (command.options.some((option) => option.long === '--password')) {
      const args = command.registeredArguments.filter((a) => a.required).map(() => `${registry.host}/warn/test:v1`);
      const mandatory = command.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, 'made-up']);
      found.push({ path, args: [...args, ...mandatory] });
    }
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(buildProgram({ env: {}, stdout: out.stream, stderr: out.stream, secrets: new Set() }), []);
  return found;
}

/** A home of its own: login stores nothing where it matters. */
function isolatedEnv(): Record<string, string> {
  const home = makeTempDir('ocikit-home-');
  return { HOME: home, DOCKER_CONFIG: join(home, 'docker'), REGISTRY_AUTH_FILE: '' };
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('a password on the command line', () => {
  it('is warned of once by every verb that takes -p, login included', async () => {
    const verbs = verbsTakingPassword();
    expect(verbs.map((v) => v.path.join(' '))).toEqual(expect.arrayContaining(['push', 'pull', 'copy', 'login', 'helm pull', 'manifest get', 'index create']));
    expect(verbs.length).toBeGreaterThan(20);
    const env = isolatedEnv();
    for (const { path, args } of verbs) {
      const result = await ocikit([...path, ...args, '-u', 'ocikit', '-p', PASSWORD], { env });
      expect({ verb: path.join(' '), warnings: occurrences(result.stderr, WARNING) }).toEqual({ verb: path.join(' '), warnings: 1 });
    }
    // --password=<value> is on the command line too.
    const joined = await ocikit(['tags', `${registry.host}/warn/test`, '-u', 'ocikit', `--password=${PASSWORD}`], { env });
    expect(occurrences(joined.stderr, WARNING)).toBe(1);
  });

  it('is not warned of when the password comes from standard input, the environment, or a run in the same process', async () => {
    const env = isolatedEnv();
    const reference = `${registry.host}/warn/test`;
    const stdin = await ocikit(['tags', reference, '-u', 'ocikit', '--password-stdin'], { env, input: `${PASSWORD}\n` });
    expect(stdin.code).toBe(0);
    expect(stdin.stderr).toBe('');
    const fromEnv = await ocikit(['tags', reference], { env: { ...env, OCIKIT_USERNAME: 'ocikit', OCIKIT_PASSWORD: PASSWORD } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stderr).toBe('');
    // `ocikit gitlab <component>` runs its verbs with --password in this process: on no command line.
    const out = capturedStream();
    const err = capturedStream();
    const code = await main(['tags', reference, '-u', 'ocikit', '-p', PASSWORD], { env: {}, stdout: out.stream, stderr: err.stream, secrets: new Set() });
    expect(code).toBe(0);
    expect(err.text()).toBe('');
  });
});
