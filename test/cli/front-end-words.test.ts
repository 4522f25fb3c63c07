// Core's messages name options by their CLI long name through optionRef, and each
// front end says them in its own words: the CLI `--max-unpack-bytes`, an action its
// input. A raw `--flag` of ocikit's in a core string would reach an action's user as
// a flag they do not have: a scan of core's sources holds that none is left.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_WORDS, OcikitError, inFrontEndWords, optionRef } from '@ocikit/core';
import { ACTION_WORDS } from '../../packages/github/src/front-end-words.js';
import { REPO_ROOT, assertCliBuilt } from '../harness/ocikit-cli.js';

describe('optionRef', () => {
  it('each front end renders the option in its words, in the message and the hint, never in what a registry said', async () => {
    const error = new OcikitError('SIZE_LIMIT', `over the limit of ${optionRef('max-unpack-bytes')}`, {
      hint: `raise ${optionRef('max-unpack-bytes')}, or use ${optionRef('no-overwrite')}`,
      detail: `{{option:concurrency}} as the registry said it`,
      status: 400,
    });
    expect(error.describe()).toBe('over the limit of --max-unpack-bytes\n  registry said: {{option:concurrency}} as the registry said it\n  hint: raise --max-unpack-bytes, or use --no-overwrite');
    expect(error.describe(ACTION_WORDS)).toBe(
      'over the limit of the `max-unpack-bytes` input\n  registry said: {{option:concurrency}} as the registry said it\n  hint: raise the `max-unpack-bytes` input, or use `overwrite: false`',
    );
    expect(inFrontEndWords(`pass ${optionRef('password-stdin')}`, CLI_WORDS)).toBe('pass --password-stdin');
    expect(inFrontEndWords(`pass ${optionRef('password-stdin')}`, ACTION_WORDS)).toBe('pass the `password` input (from a secret)');
  });
});

/** The CLI's long options, from its own command tree. */
async function cliOptions(): Promise<Set<string>> {
  assertCliBuilt();
  const { buildProgram } = (await import(join(REPO_ROOT, 'packages/cli/bundle/main.js'))) as { buildProgram: (context: unknown) => { commands: Array<{ options: Array<{ long?: string }>; commands: unknown[] }> } };
  const program = buildProgram({ env: {}, stdout: process.stdout, stderr: process.stderr, secrets: new Set() });
  const names = new Set<string>();
  const walk = (command: { options: Array<{ long?: string }>; commands: unknown[] }): void => {
    for (const option of command.options) if (option.long) names.add(option.long.slice(2));
    (command.commands as Array<typeof command>).forEach(walk);
  };
  program.commands.forEach(walk);
  return names;
}

/** Where a peer tool's own flag is named, as that tool spells it (not an ocikit option). */
const PEER_FLAGS = [/git log -1 --format/, /skopeo inspect --raw/, /helm package --sign/, /--new-bundle-format/, /oras: --distribution-spec/];

describe("core's strings", () => {
  it("name no ocikit option as a raw --flag (they use optionRef, so an action says its input)", async () => {
    const options = await cliOptions();
    expect(options.has('max-unpack-bytes')).toBe(true);
    const root = join(REPO_ROOT, 'packages/core/src');
    const raw: string[] = [];
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      readFileSync(join(root, file), 'utf8').split('\n').forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/**')) return;
        if (PEER_FLAGS.some((peer) => peer.test(code))) return;
        for (const match of code.matchAll(/['"`][^'"`]*?(?<![\w-])--([a-z][a-z0-9-]+)/g)) {
          if (options.has(match[1]!) || options.has(match[1]!.replace(/^no-/, ''))) raw.push(`${file}:${i + 1}: --${match[1]}`);
        }
      });
    }
    expect(raw).toEqual([]);
  });
});
