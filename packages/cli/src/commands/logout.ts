import type { Command } from 'commander';
import { logout } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { REGISTRY_CONFIG_HELP } from '../options/remote-options.js';

export function registerLogout(program: Command, context: CliContext): void {
  program
    .command('logout')
    .description('remove the stored credentials of a registry')
    .argument('<registry>', 'the registry host, e.g. ghcr.io or 127.0.0.1:5000')
    .option('--registry-config <path>', REGISTRY_CONFIG_HELP)
    .action(async (registry: string, flags: { registryConfig?: string }) => {
      const result = await logout({
        registry,
        env: context.env,
        ...(flags.registryConfig !== undefined ? { registryConfig: flags.registryConfig } : {}),
      });
      context.stdout.write(
        result.removedFrom.length > 0
          ? `Removed login credentials for ${result.registry} from ${result.removedFrom.join(' and ')}\n`
          : `Not logged in to ${result.registry}: no stored credentials to remove\n`,
      );
    });
}
