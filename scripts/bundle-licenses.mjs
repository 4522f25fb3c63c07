// What an @vercel/ncc bundle is made of, and the licenses it must carry with it:
// shared by the actions' build (packages/github/scripts/build-actions.mjs) and the
// CLI's (packages/cli/scripts/bundle-cli.mjs).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file webpack read, through concatenated modules. */
export function bundledFiles(stats) {
  const files = new Set();
  const walk = (modules) => {
    for (const m of modules ?? []) {
      if (m.modules) walk(m.modules);
      const id = m.identifier ?? '';
      const path = id.slice(id.lastIndexOf('!') + 1).split('|')[0];
      if (path.startsWith('/') && existsSync(path)) files.add(path);
    }
  };
  walk(stats.toJson({ modules: true, nestedModules: true }).modules);
  return files;
}

/**
 * The license of every third-party package in the bundle, with its text, in name
 * order (ncc's own license option lists only a few of them).
 */
export function licenses(modules) {
  const packages = new Map();
  for (const file of modules) {
    const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (!match || packages.has(match[1])) continue;
    const dir = match[1];
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    packages.set(dir, {
      name: pkg.name,
      version: pkg.version,
      license: typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN'),
      text: licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : '(no license file in the package)',
    });
  }
  const entries = [...packages.values()].sort((a, b) => (a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1));
  const seen = new Set();
  return entries
    .filter((p) => !seen.has(`${p.name}@${p.version}`) && seen.add(`${p.name}@${p.version}`))
    .map((p) => `${p.name}@${p.version}\n${p.license}\n${p.text}\n`)
    .join('\n');
}
