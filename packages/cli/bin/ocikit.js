#!/usr/bin/env node
// Checked before anything loads: older Node fails deep inside dependencies (zstd, undici).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`error: ocikit needs Node.js 24 or newer; this is ${process.version}\n  hint: install Node 24 (e.g. actions/setup-node with node-version: 24) and run again\n`);
  process.exit(1);
}
// `ocikit --version`, what install checks and scripts run most, answers without loading
// the bundle: the package's own version (test/core/version.test.ts holds it to core's).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}
// The CLI as one bundle (scripts/bundle-cli.mjs): a few files to read instead of ~200 modules to resolve.
const bundle = new URL('../bundle/main.js', import.meta.url);
const { main, interruptibleContext, preferThroughputGc } = await import(bundle.href).catch(async (error) => {
  if ((await import('node:fs')).existsSync(bundle)) throw error; // it is there: what failed inside it is the error to show
  process.stderr.write('error: ocikit is not built (bundle/main.js is missing)\n  hint: in a checkout, run `npm run build`\n');
  process.exit(1);
});
preferThroughputGc(); // a batch process streaming bulk data: see packages/core/src/util/throughput-gc.ts
// SIGINT/SIGTERM stop the verb cleanly (upload sessions deleted, temp files removed): exit 130/143.
process.exitCode = await main(args, interruptibleContext());
