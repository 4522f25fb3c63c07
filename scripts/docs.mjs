#!/usr/bin/env node
// The parts of the docs that the code already says, written from the code so they
// cannot drift: each CLI verb's usage (docs/cli/<verb>.md, from the built CLI's own
// --help), each action's inputs and outputs (actions/<verb>/README.md, from its
// action.yml), and how each CLI option appears in the actions and the components
// (docs/front-ends.md, from scripts/front-ends.ts and the defaults the CLI, the
// action.yml files and the templates say). Only the marked blocks are written; the
// prose around them is by hand.
//
//   npm run docs            rewrite the blocks
//   npm run docs -- --check exit 1, naming each stale page, when a block differs
//                           (the suite runs this)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  ACTION_ONLY,
  CLI_ONLY_VERBS,
  EVERY_ACTION,
  EVERY_COMPONENT,
  FRONT_ENDS,
  actionDefault,
  actionFile,
  cliDefault,
  componentDefault,
  componentFile,
} from './front-ends.ts';

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

// --- The CLI, the actions and the components, option by option ------------------
{
  const commands = new Map();
  const walk = (command, path) => {
    if (command.commands.length === 0) commands.set(path.join(' '), command);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  const actionInputs = (name) => parse(readFileSync(join(ROOT, actionFile(name)), 'utf8')).inputs ?? {};
  const componentInputs = (name) => parse(readFileSync(join(ROOT, componentFile(name)), 'utf8').split('\n---\n')[0]).spec.inputs;
  // Code in a table cell: its pipes escaped (GitHub reads \| as | even in code).
  const code = (text) => `\`${String(text).replace(/\|/g, '\\|')}\``;
  // An input's cell: its name, or a dash (or "not yet") and why there is none.
  const inputCell = (input) => (typeof input === 'string' ? code(input) : `${input.notYet ? 'not yet' : '—'}: ${cell(input.none)}`);
  const sections = [];
  for (const [path, verb] of Object.entries(FRONT_ENDS)) {
    const command = commands.get(path);
    if (!command) throw new Error(`scripts/front-ends.ts maps ocikit ${path}, which the CLI does not have`);
    const actions = verb.action ? actionInputs(verb.action) : {};
    const components = verb.component ? componentInputs(verb.component) : {};
    const rows = [];
    for (const [argument, inputs] of Object.entries(verb.arguments)) {
      const names = [inputs].flat().map(code).join(' + ');
      rows.push(`| ${code(argument)} | ${names} | ${names} | |`);
    }
    if (verb.subcommandInput) rows.push(`| (${code(path)}) | ${code(`${verb.subcommandInput}: ${path.split(' ')[1]}`)} | ${code(`${verb.subcommandInput}: ${path.split(' ')[1]}`)} | |`);
    for (const [long, mapped] of Object.entries(verb.options)) {
      const option = command.options.find((o) => o.long === long);
      if (!option) throw new Error(`scripts/front-ends.ts maps ocikit ${path} ${long}, which the CLI does not have`);
      const cli = cliDefault(option);
      const others = ['action', 'component'].flatMap((end) => {
        const input = mapped[end];
        if (typeof input !== 'string') return [];
        const given = end === 'action' ? actionDefault(actions[input] ?? {}) : componentDefault(components[input] ?? {});
        return given !== undefined && given !== cli ? [[end, given]] : [];
      });
      const shown = cli ?? others[0]?.[1];
      const differ = others.filter(([end, value]) => value !== shown || mapped.otherDefault?.[end]);
      const defaultCell = [
        shown === undefined ? '' : code(shown),
        ...differ.map(([end, value]) => `${end}: ${code(value)} (${cell(mapped.otherDefault?.[end] ?? '')})`),
      ].join('; ');
      const flag = code(option.flags.replace(/^-\w, /, ''));
      const cliOnly = typeof mapped.action !== 'string' && typeof mapped.component !== 'string' && mapped.action.none === mapped.component.none && !mapped.action.notYet;
      // An option of the CLI alone: why, once; its default is the CLI's business.
      if (cliOnly) rows.push(`| ${flag} (CLI only: ${cell(mapped.action.none)}) | — | — | |`);
      else rows.push(`| ${flag} | ${inputCell(mapped.action)} | ${inputCell(mapped.component)} | ${defaultCell} |`);
    }
    for (const [input, what] of Object.entries(verb.actionOnly ?? {})) rows.push(`| — | ${code(input)}: ${cell(what)} | — | |`);
    for (const [input, what] of Object.entries(verb.componentOnly ?? {})) rows.push(`| — | — | ${code(input)}: ${cell(what)} | |`);
    const where = [
      verb.action ? `action [\`${verb.action === 'push' ? 'ocikit/ocikit' : `actions/${verb.action}`}\`](../${actionFile(verb.action)})` : 'no action',
      verb.component ? `component [\`${verb.component}\`](../${componentFile(verb.component)})` : 'no component',
    ].join(', ');
    sections.push([`### ocikit ${path}`, '', `[The CLI](cli/${path.split(' ')[0]}.md), ${where}.`, '', '| CLI | action input | component input | default |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  }
  const list = (entries) => Object.entries(entries).map(([name, what]) => `- ${code(name)}: ${cell(what)}`);
  sections.push(['### Every action and every component', '', 'Every action also takes:', '', ...list(EVERY_ACTION), '', 'Every component also takes:', '', ...list(EVERY_COMPONENT)].join('\n'));
  sections.push(['### Only in one front end', '', 'CLI verbs with no action and no component:', '', ...list(CLI_ONLY_VERBS), '', 'Actions with no CLI verb:', '', ...list(ACTION_ONLY)].join('\n'));
  fill(join(ROOT, 'docs/front-ends.md'), 'front-ends', 'options', sections.join('\n\n'));
}

if (stale.length > 0) {
  console.error(`stale generated docs (run \`npm run build && npm run docs\`):\n${stale.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(check ? 'generated docs are fresh' : 'generated docs written');
