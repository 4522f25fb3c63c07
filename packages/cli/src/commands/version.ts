import type { Command } from 'commander';
import { OCIKIT_VERSION, hostPlatform, platformString } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { jsonLine } from './with-target.js';

/**
 * The commit the bundle was built from: scripts/bundle-cli.mjs writes `git rev-parse
 * HEAD` over this placeholder (or `unknown` where it had no git). Unbundled (tsc's
 * dist, the tests' sources) it stays as it is, and reads as unknown.
 */
const BUILD_COMMIT: string = '__OCIKIT_BUILD_COMMIT__';

export interface VersionInfo {
  version: string;
  /** The Node.js running the CLI, as `node --version` prints it. */
  node: string;
  /** os/arch[/variant] as an image index names it: what `pull` picks from an index by default. */
  platform: string;
  /** The git commit of the build, or `unknown`. */
  gitCommit: string;
}

export function versionInfo(): VersionInfo {
  return {
    version: OCIKIT_VERSION,
    node: process.version,
    platform: platformString(hostPlatform()),
    gitCommit: /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(BUILD_COMMIT) ? BUILD_COMMIT : 'unknown',
  };
}

/** `ocikit version`: what `--version` says, and what a bug report needs beside it. */
export function registerVersion(program: Command, context: CliContext): void {
  program
    .command('version')
    .description('print the version, the Node.js version, the platform and the git commit of this build')
    .option('--json', 'print them as JSON on stdout')
    .action((flags: { json?: boolean }) => {
      const info = versionInfo();
      if (flags.json) {
        context.stdout.write(jsonLine(info));
        return;
      }
      context.stdout.write(
        [`Version:    ${info.version}`, `Node.js:    ${info.node}`, `Platform:   ${info.platform}`, `Git commit: ${info.gitCommit}`, ''].join('\n'),
      );
    });
}
