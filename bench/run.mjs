#!/usr/bin/env node
// `npm run bench` (after `npm run build`): the benchmarks, run against the built CLI.
// Today there is one, the transfer benchmark; see the README's "Performance" section.
await import('./transfer.mjs');
