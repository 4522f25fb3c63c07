#!/usr/bin/env node
// npm run test:mutation [-- <module>... ] [--force]
// Runs StrykerJS on each module of stryker/modules.mjs in turn (one at a time: each
// run starts registries and keeps both cores busy), then prints the mutation score
// per module and writes it to reports/mutation/summary.md. Exits 1 when a module is
// under the 90% target. Runs are incremental (reports/mutation/<module>.incremental.json):
// only mutants whose code or tests changed are run again; --force runs them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './modules.mjs';

const TARGET = 90;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in MODULES));
if (unknown.length > 0) {
  console.error(`unknown module(s) ${unknown.join(', ')}; the modules are: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names : Object.keys(MODULES);

// Stryker's sandbox is .stryker-tmp/sandbox-*; test/harness/oci-schema.ts reads the image-spec
// schemas from ../shared as seen from the checkout, so the sandbox needs .stryker-tmp/shared.
const shared = resolve(root, '..', 'shared');
const link = join(root, '.stryker-tmp', 'shared');
mkdirSync(dirname(link), { recursive: true });
rmSync(link, { force: true });
if (existsSync(shared)) symlinkSync(relative(dirname(link), shared), link);
else console.warn(`${shared} is missing: the tests that check documents against the OCI schemas will fail`);

const rows = [];
for (const name of selected) {
  const stryker = join(root, 'node_modules', '.bin', 'stryker');
  const incremental = ['--incremental', '--incrementalFile', `reports/mutation/${name}.incremental.json`, ...(force ? ['--force'] : [])];
  console.log(`\n=== ${name}: ${MODULES[name].mutate.join(', ')}`);
  const run = spawnSync(stryker, ['run', 'stryker/stryker.config.mjs', ...incremental], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, OCIKIT_MUTATION_MODULE: name },
  });
  if (run.status !== 0) {
    rows.push({ name, error: `stryker exited ${run.status ?? run.signal}` });
    continue;
  }
  rows.push({ name, ...score(JSON.parse(readFileSync(join(root, 'reports', 'mutation', `${name}.json`), 'utf8'))) });
}

/** Stryker's mutation score: killed (and timed out) among the mutants that count. */
function score(report) {
  const count = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) count[mutant.status] = (count[mutant.status] ?? 0) + 1;
  }
  const killed = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const survived = count.Survived ?? 0;
  const noCoverage = count.NoCoverage ?? 0;
  const valid = killed + survived + noCoverage;
  return {
    killed,
    survived,
    noCoverage,
    ignored: count.Ignored ?? 0,
    invalid: (count.CompileError ?? 0) + (count.RuntimeError ?? 0),
    score: valid === 0 ? 100 : (100 * killed) / valid,
  };
}

// The summary lists every module: those just run, and the others from their last report.
const ran = new Map(rows.map((r) => [r.name, r]));
const summary = Object.keys(MODULES).flatMap((name) => {
  if (ran.has(name)) return [ran.get(name)];
  const report = join(root, 'reports', 'mutation', `${name}.json`);
  return existsSync(report) ? [{ name, ...score(JSON.parse(readFileSync(report, 'utf8'))) }] : [];
});
const lines = [
  '| module | score | killed | survived | no coverage | ignored (message text) | not valid (compile/runtime error) |',
  '|---|---|---|---|---|---|---|',
  ...summary.map((r) =>
    r.error
      ? `| ${r.name} | ${r.error} | | | | | |`
      : `| ${r.name} | ${r.score.toFixed(2)}% | ${r.killed} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.invalid} |`,
  ),
];
mkdirSync(join(root, 'reports', 'mutation'), { recursive: true });
writeFileSync(join(root, 'reports', 'mutation', 'summary.md'), `${lines.join('\n')}\n`);
console.log(`\n${lines.join('\n')}\n\nreports: reports/mutation/<module>.html`);
const below = rows.filter((r) => r.error || r.score < TARGET);
if (below.length > 0) {
  console.error(`under the ${TARGET}% target: ${below.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
