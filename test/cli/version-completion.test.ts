// `ocikit version` (and the commit the bundle step writes into it) and `ocikit
// completion bash|zsh|fish`, whose scripts are generated from the CLI's own commander
// tree. The bash script runs in a real bash, its completion function called as bash
// calls it (COMP_WORDS/COMP_CWORD set). zsh and fish are checked where they are
// installed (nothing is installed for it): `-n` syntax, then completions (fish's own
// `complete -C`; zsh through its completion function with compsys's _describe,
// compadd and _files stubbed to print what they were given, as compsys runs only in
// an interactive line editor).
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { OCIKIT_VERSION, hostPlatform, platformString } from '@ocikit/core';
import { buildProgram } from '@ocikit/cli';
import { allCommands, commandTree } from '../../packages/cli/src/help/command-tree.js';
import { COMPLETION_SHELLS, completionScript } from '../../packages/cli/src/help/completion-scripts.js';
import { REPO_ROOT, ocikit } from '../harness/ocikit-cli.js';
import { findBinary, run } from '../harness/peers.js';
import { makeTempDir } from '../harness/temp.js';

interface BuildCommitModule {
  buildCommit(dir: string, env?: NodeJS.ProcessEnv): string;
  withBuildCommit(code: string, commit: string): string;
  BUILD_COMMIT_PLACEHOLDER: string;
}
const buildCommitModule = (): Promise<BuildCommitModule> =>
  import(join(REPO_ROOT, 'packages', 'cli', 'scripts', 'build-commit.mjs')) as Promise<BuildCommitModule>;

/** The CLI's command tree as `ocikit` builds it (in this process; nothing runs). */
function program(): ReturnType<typeof buildProgram> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;
  return buildProgram({ env: {}, stdout: sink, stderr: sink, secrets: new Set() });
}

/** What the bash completion function offers for `words` (the last one is at the cursor). */
async function bashCompletes(script: string, words: string[]): Promise<string[]> {
  const file = join(makeTempDir(), 'ocikit.bash');
  await writeFile(file, script);
  const call = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _ocikit; printf "%s\\n" "${COMPREPLY[@]}"';
  const result = await run('bash', ['--norc', '--noprofile', '-c', call, 'bash', file, ...words]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

describe('ocikit version', () => {
  it('prints the version, Node.js, the platform and the git commit the bundle was built from; --json too', async () => {
    const text = await ocikit(['version']);
    expect(text.code).toBe(0);
    const commit = /^Git commit: ([0-9a-f]{40})$/m.exec(text.stdout)?.[1];
    expect(text.stdout).toBe(
      `Version:    ${OCIKIT_VERSION}\nNode.js:    ${process.version}\nPlatform:   ${platformString(hostPlatform())}\nGit commit: ${commit}\n`,
    );
    // A commit of this repository (the build may predate the newest one).
    expect(() => execFileSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT, stdio: 'ignore' })).not.toThrow();

    const json = await ocikit(['version', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ version: OCIKIT_VERSION, node: process.version, platform: platformString(hostPlatform()), gitCommit: commit });
    expect((await ocikit(['--version'])).stdout).toBe(`${OCIKIT_VERSION}\n`);
  });

  it('the bundle step takes the commit from git, and builds without git or outside a repository with `unknown`', async () => {
    const { buildCommit, withBuildCommit, BUILD_COMMIT_PLACEHOLDER } = await buildCommitModule();
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    expect(buildCommit(join(REPO_ROOT, 'packages', 'cli'))).toBe(head);
    expect(buildCommit(makeTempDir(), { ...process.env, GIT_CEILING_DIRECTORIES: '/' })).toBe('unknown');
    expect(buildCommit(REPO_ROOT, { ...process.env, PATH: makeTempDir() })).toBe('unknown'); // no git at all

    expect(withBuildCommit(`const BUILD_COMMIT = '${BUILD_COMMIT_PLACEHOLDER}';`, head)).toBe(`const BUILD_COMMIT = '${head}';`);
    // version.ts losing its placeholder fails the build rather than shipping a CLI that never knows its commit.
    expect(() => withBuildCommit('const BUILD_COMMIT = "";', head)).toThrow(`${BUILD_COMMIT_PLACEHOLDER} 0 times`);
  });
});

describe('ocikit completion', () => {
  it('bash: completes commands, their options, aliases, subcommands and argument choices', async () => {
    const result = await ocikit(['completion', 'bash']);
    expect(result.code).toBe(0);
    const script = result.stdout;
    expect(await bashCompletes(script, ['ocikit', 'pu'])).toEqual(['pull', 'push']);
    expect(await bashCompletes(script, ['ocikit', 'push', '--an'])).toEqual(['--annotation', '--annotation-file']);
    // An option's value is skipped on the way; the program's own options before the verb too.
    expect(await bashCompletes(script, ['ocikit', '--debug', 'push', '-a', 'k=v', '--an'])).toEqual(['--annotation', '--annotation-file']);
    expect(await bashCompletes(script, ['ocikit', 'cp', '--referrers'])).toEqual(['--referrers', '--referrers-mode']);
    expect(await bashCompletes(script, ['ocikit', 'manifest', ''])).toEqual(['delete', 'get', 'help', 'put']);
    expect(await bashCompletes(script, ['ocikit', 'helm', 'pull', '--dest'])).toEqual(['--destination']);
    expect(await bashCompletes(script, ['ocikit', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(await bashCompletes(script, ['ocikit', 'help', 'ver'])).toEqual(['verify', 'version']);
    // An argument that is a path: nothing offered, so bash completes file names.
    expect(await bashCompletes(script, ['ocikit', 'push', 'ghcr.io/org/app:v1', 'di'])).toEqual([]);
  });

  it('is generated from the command tree: a command added to the program completes, with its options', async () => {
    const extended = program();
    extended.command('zz-added').description('added by the test').option('--shiny-new <value>').option('-q, --quiet-one');
    const script = completionScript('bash', commandTree(extended));
    expect(await bashCompletes(script, ['ocikit', 'zz'])).toEqual(['zz-added']);
    expect(await bashCompletes(script, ['ocikit', 'zz-added', '--'])).toEqual(['--help', '--quiet-one', '--shiny-new']);
    expect(await bashCompletes(script, ['ocikit', 'zz-added', '--shiny-new', '--'])).toEqual([]); // its value: a file name, say
  });

  it('every script names every command and subcommand; an unknown shell is refused', async () => {
    const commands = allCommands(commandTree(program()));
    expect(commands.map((c) => c.path.join(' '))).toEqual(expect.arrayContaining(['push', 'copy', 'manifest get', 'index create', 'helm pull', 'version', 'completion']));
    for (const shell of COMPLETION_SHELLS) {
      const result = await ocikit(['completion', shell]);
      expect(result.code).toBe(0);
      const words = new Set(result.stdout.split(/[\s'|:()]+/));
      for (const command of commands) {
        for (const name of command.names) expect({ shell, name, named: words.has(name) }).toEqual({ shell, name, named: true });
      }
    }
    const unknown = await ocikit(['completion', 'powershell']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Allowed choices are bash, zsh, fish');
  });

  // zsh and fish come with the suite's Debian packages (.ci/run): a missing one fails, it does not skip.
  const shell = (name: string): string => {
    const found = findBinary(name);
    if (!found) throw new Error(`${name} is not on PATH: install it (apt-get install ${name}), as .ci/run does`);
    return found;
  };

  it('zsh: the script parses (zsh -n) and completes as the bash one does', async () => {
    const zsh = shell('zsh');
    const file = join(makeTempDir(), '_ocikit');
    await writeFile(file, (await ocikit(['completion', 'zsh'])).stdout);
    expect(await run(zsh, ['-n', file])).toEqual({ code: 0, stdout: '', stderr: '' });
    const stubs = [
      'compdef() { :; }',
      '_describe() { local name=$4 n; for n in ${${(@P)name}%%:*}; do [[ $n == ${words[CURRENT]}* ]] && print -r -- $n; done; }',
      'compadd() { local name=$2; print -rl -- ${(@P)name}; }',
      '_files() { :; }',
    ].join('\n');
    const completes = async (...line: string[]): Promise<string[]> => {
      const result = await run(zsh, ['-f', '-c', `${stubs}\nsource "$1"; shift; words=("$@"); CURRENT=$#; _ocikit`, 'zsh', file, ...line]);
      expect(result.stderr).toBe('');
      return result.stdout.split('\n').filter(Boolean).sort();
    };
    expect(await completes('ocikit', 'pu')).toEqual(['pull', 'push']);
    expect(await completes('ocikit', 'push', '--an')).toEqual(['--annotation', '--annotation-file']);
    expect(await completes('ocikit', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('fish: the script parses (fish -n) and completes as the bash one does', async () => {
    const fish = shell('fish');
    const file = join(makeTempDir(), 'ocikit.fish');
    await writeFile(file, (await ocikit(['completion', 'fish'])).stdout);
    expect(await run(fish, ['-n', file])).toEqual({ code: 0, stdout: '', stderr: '' });
    const completes = async (line: string): Promise<string[]> => {
      const result = await run(fish, ['--no-config', '-c', 'source $OCIKIT_SCRIPT; complete -C "$OCIKIT_LINE"'], {
        env: { ...process.env, OCIKIT_SCRIPT: file, OCIKIT_LINE: line },
      });
      expect(result.stderr).toBe('');
      return result.stdout.split('\n').filter(Boolean).map((entry) => entry.split('\t')[0]!).sort();
    };
    expect(await completes('ocikit pu')).toEqual(['pull', 'push']);
    expect(await completes('ocikit push --an')).toEqual(['--annotation', '--annotation-file']);
    expect(await completes('ocikit completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});
