#!/usr/bin/env node
// `npm run bench [-- <name>]`, after `npm run build`: runs bench/<name>.mjs against the
// built CLI. The default is the transfer benchmark (README, "Performance"); the others:
// actions-cold-start, discover, index-assembly, recompress, startup (every bench/*.mjs but this one).
import { readdirSync } from 'node:fs';

const available = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .map((file) => file.slice(0, -'.mjs'.length))
  .sort();
const name = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv.splice(2, 1)[0] : 'transfer';
if (!available.includes(name)) {
  console.error(`error: "${name}" is not a benchmark; there are: ${available.join(', ')}`);
  process.exit(2);
}
await import(`./${name}.mjs`);
