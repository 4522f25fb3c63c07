import type { Command } from 'commander';
import { OcikitError, givenCredential, login, parseRegistryHost } from '@ocikit/core';
import type { CliContext } from '../context.js';
import { DEBUG_HELP, REGISTRY_CONFIG_HELP, type RemoteFlags, givenCredentialFlags } from '../options/remote-options.js';
import { httpDebugLog } from '../output/http-debug.js';

/** Login takes the credential and connection flags of the remote verbs, not the transfer ones. */
type LoginFlags = Pick<RemoteFlags, 'username' | 'password' | 'passwordStdin' | 'registryConfig' | 'plainHttp' | 'insecure' | 'debug'>;

export function registerLogin(program: Command, context: CliContext): void {
  program
    .command('login')
    .description('log in to a registry: check the credentials, then store them where docker login would')
    .argument('<registry>', 'the registry host, e.g. ghcr.io or 127.0.0.1:5000')
    .option('-u, --username <user>', 'registry username (or OCIKIT_USERNAME)')
    .option('-p, --password <password>', 'password or token (or OCIKIT_PASSWORD); prefer --password-stdin')
    .option('--password-stdin', 'read the password or token from standard input')
    .option('--registry-config <path>', REGISTRY_CONFIG_HELP)
    .option('--plain-http', 'use HTTP instead of HTTPS (loopback registries always use HTTP)')
    .option('--insecure', 'do not verify the registry TLS certificate')
    .option('--debug', DEBUG_HELP)
    .action(async (argument: string, flags: LoginFlags) => {
      const registry = parseRegistryHost(argument);
      const credential = givenCredential(await givenCredentialFlags(flags), context.env);
      if (!credential) {
        throw new OcikitError('INVALID_INPUT', `login to ${registry} needs a username and a password or token`, {
          hint: 'pass -u <user> and --password-stdin (or -p <password>)',
        });
      }
      context.secrets.add(credential.password);
      const result = await login({
        registry,
        credential,
        env: context.env,
        ...(flags.registryConfig !== undefined ? { registryConfig: flags.registryConfig } : {}),
        plainHttp: Boolean(flags.plainHttp),
        insecure: Boolean(flags.insecure),
        ...(flags.debug ? { onHttp: httpDebugLog(context.stderr) } : {}),
      });
      context.stderr.write(
        result.inConfigFile
          ? `Credentials stored unencrypted in ${result.storedIn} (configure a credential helper to keep them out of the file)\n`
          : `Credentials stored in ${result.storedIn}\n`,
      );
      context.stdout.write('Login Succeeded\n');
    });
}
