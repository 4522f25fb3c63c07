// The main script of the standalone binaries (Node single executable applications).
// Node 24 runs a SEA's main script as CommonJS only, while the CLI bundle is ESM split
// into chunks (packages/cli/bundle/): so the bundle's files ride along as SEA assets and
// module hooks serve them to `import()` from memory. The binary thus runs the very bytes
// the npm package runs, and nothing is written to disk to start it.
'use strict';
const { registerHooks } = require('node:module');
const { getAsset, getAssetKeys } = require('node:sea');
const { pathToFileURL } = require('node:url');

// Where the bundle's modules appear to live: under the executable's own path (a real
// absolute file URL on every OS, as createRequire(import.meta.url) in the bundle needs;
// it is never read from disk), so a stack trace names the binary.
const base = new URL(`${pathToFileURL(process.execPath).href}/bundle/`);
const sources = new Map();
for (const key of getAssetKeys()) {
  if (key.startsWith('bundle/') && key.endsWith('.js')) sources.set(new URL(key.slice('bundle/'.length), base).href, key);
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL ?? base.href;
    if (parent.startsWith(base.href) && /^\.{0,2}\//.test(specifier)) {
      const url = new URL(specifier, parent).href;
      if (sources.has(url)) return { url, format: 'module', shortCircuit: true };
    } else if (sources.has(specifier)) {
      return { url: specifier, format: 'module', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    const key = sources.get(url);
    if (key !== undefined) return { format: 'module', source: getAsset(key, 'utf8'), shortCircuit: true };
    return nextLoad(url, context);
  },
});

// What bin/ocikit.js does for the npm package (no Node version check: this Node is built in).
import(new URL('main.js', base).href).then(
  async ({ main, interruptibleContext, preferThroughputGc }) => {
    preferThroughputGc();
    process.exitCode = await main(process.argv.slice(2), interruptibleContext());
  },
  (error) => {
    process.stderr.write(`error: the ocikit binary could not start: ${error?.stack ?? error}\n  hint: this binary is damaged: download it again (check it against SHA256SUMS) or install the npm package @ocikit/cli\n`);
    process.exitCode = 70;
  },
);
