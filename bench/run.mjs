#!/usr/bin/env node
// `npm run bench [-- <name>]`, after `npm run build`: runs bench/<name>.mjs against the
// built CLI. The default is the transfer benchmark (README, "Performance").
const name = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv.splice(2, 1)[0] : 'transfer';
if (!/^[a-z0-9-]+$/.test(name)) {
  console.error(`error: "${name}" is not a benchmark name (one of bench/*.mjs, without .mjs)`);
  process.exit(2);
}
await import(`./${name}.mjs`);
