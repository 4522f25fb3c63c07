#!/usr/bin/env node
// The parts of the docs that the code already says, written from the code so they
// cannot drift: each CLI verb's usage (docs/cli/<verb>.md, from the built CLI's own
// --help) and each action's inputs and outputs (actions/<verb>/README.md, from its
// action.yml). Only the marked blocks are written; the prose around them is by hand.
//
//   npm run docs            rewrite the blocks
//   npm run docs -- --check exit 1, naming each stale page, when a block differs
//                           (the suite runs this)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const stale = [];

/** Replaces what stands between `<!-- <tag>: <name> -->` and `<!-- end <tag>: <name> -->` in a page. */
function fill(path, tag, name, content) {
  const text = readFileSync(path, 'utf8');
  const open = `<!-- ${tag}: ${name} -->`;
  const close = `<!-- end ${tag}: ${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`${path} has no ${open} ... ${close} block`);
  const next = `${text.slice(0, start + open.length)}\n${content.trimEnd()}\n${text.slice(end)}`;
  if (next === text) return;
  if (check) stale.push(path.slice(ROOT.length));
  else writeFileSync(path, next);
}

// --- CLI usage ------------------------------------------------------------------
const bundle = join(ROOT, 'packages/cli/bundle/main.js');
if (!existsSync(bundle)) {
  console.error('error: the CLI is not built\n  hint: npm run build, then npm run docs');
  process.exit(1);
}
const { buildProgram } = await import(bundle);
const program = buildProgram({ env: {}, stdout: process.stdout, stderr: process.stderr, secrets: new Set() });
// Help wraps at the terminal's width: a fixed one, so the pages do not depend on who made them, or where.
const fixedWidth = (command) => {
  command.configureOutput({ ...command.configureOutput(), getOutHelpWidth: () => 100 });
  command.commands.forEach(fixedWidth);
};
fixedWidth(program);
for (const command of program.commands) {
  const name = command.name();
  const page = join(ROOT, 'docs/cli', `${name}.md`);
  if (!existsSync(page)) {
    stale.push(`docs/cli/${name}.md (missing: every verb has a page)`);
    continue;
  }
  const helps = [command, ...command.commands].map((c) => `$ ocikit ${c === command ? name : `${name} ${c.name()}`} --help\n${c.helpInformation().trimEnd()}`);
  fill(page, 'usage', name, ['```text', helps.join('\n\n'), '```'].join('\n'));
}

// --- Action inputs and outputs --------------------------------------------------
// One table cell: one line, its pipes escaped, and <placeholders> shown rather than taken for HTML.
const cell = (text) => String(text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
for (const verb of readdirSync(join(ROOT, 'actions'))) {
  const yml = join(ROOT, 'actions', verb, 'action.yml');
  if (!existsSync(yml)) continue;
  const page = join(ROOT, 'actions', verb, 'README.md');
  if (!existsSync(page)) {
    stale.push(`actions/${verb}/README.md (missing: every action has a page)`);
    continue;
  }
  const action = parse(readFileSync(yml, 'utf8'));
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, input]) => `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default === undefined || input.default === '' ? '' : `\`${cell(input.default)}\``} | ${cell(input.description)} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  fill(page, 'inputs', verb, ['| input | required | default | meaning |', '| --- | --- | --- | --- |', ...inputs].join('\n'));
  fill(page, 'outputs', verb, ['| output | meaning |', '| --- | --- |', ...outputs].join('\n'));
}

if (stale.length > 0) {
  console.error(`stale generated docs (run \`npm run build && npm run docs\`):\n${stale.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(check ? 'generated docs are fresh' : 'generated docs written');
