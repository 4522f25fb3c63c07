/** `logout`: erase the registry's credential from its helper and its `auths` entries. */
import { credentialHelperFor, deleteAuthEntries, serverAddressesFor } from './auth-entries.js';
import { credentialHelperErase, credentialHelperProgram } from './credential-helper.js';
import { type DockerConfigLocation, dockerConfigPath, readDockerConfig, writeDockerConfig } from './docker-config.js';
import { parseRegistryHost } from './registry-host.js';

export interface LogoutOptions extends DockerConfigLocation {
  registry: string;
}

export interface LogoutResult {
  registry: string;
  /** Where a credential was removed from (helper programs, the config file); empty when there was none. */
  removedFrom: string[];
}

export async function logout(options: LogoutOptions): Promise<LogoutResult> {
  const registry = parseRegistryHost(options.registry);
  const path = dockerConfigPath(options);
  const config = await readDockerConfig(path);
  const removedFrom: string[] = [];

  const helper = credentialHelperFor(config, registry);
  if (helper) {
    let erased = false;
    // The helper may know the registry by any address Docker used for it.
    for (const address of serverAddressesFor(config, registry)) {
      if (await credentialHelperErase(helper, address, options.env ? { env: options.env } : {})) erased = true;
    }
    if (erased) removedFrom.push(credentialHelperProgram(helper));
  }
  const { changed, hadSecret } = deleteAuthEntries(config, registry);
  if (changed) await writeDockerConfig(path, config);
  if (hadSecret) removedFrom.push(path);
  return { registry, removedFrom };
}
