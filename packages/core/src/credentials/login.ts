/**
 * `login`: verify a credential with the registry, then store it where Docker
 * would: the registry's `credHelpers` helper, else the `credsStore` helper, else
 * `auths` in config.json. Every other field of the file is kept.
 */
import type { BasicCredential } from '../registry/credentials.js';
import { credentialHelperFor, removeAuthSecrets, setAuthEntry } from './auth-entries.js';
import { credentialHelperProgram, credentialHelperStore } from './credential-helper.js';
import { type DockerConfigLocation, dockerConfigPath, readDockerConfig, writeDockerConfig } from './docker-config.js';
import { dockerServerAddress, parseRegistryHost } from './registry-host.js';
import { type RegistryConnectionOptions, verifyRegistryCredential } from './verify-login.js';

export interface LoginOptions extends DockerConfigLocation, RegistryConnectionOptions {
  /** `ghcr.io`, `https://ghcr.io`, `127.0.0.1:5000`, `docker.io`... */
  registry: string;
  credential: BasicCredential;
}

export interface LoginResult {
  /** The canonical host the credential is stored for. */
  registry: string;
  /** `docker-credential-<helper>`, or the config file's path. */
  storedIn: string;
  /** Whether the secret went into the file in plain text (base64), rather than to a helper. */
  inConfigFile: boolean;
}

export async function login(options: LoginOptions): Promise<LoginResult> {
  const registry = parseRegistryHost(options.registry);
  const path = dockerConfigPath(options);
  // Read before the network round trip, so a broken config fails fast and nothing is half done.
  const config = await readDockerConfig(path);
  await verifyRegistryCredential(registry, options.credential, options);

  const helper = credentialHelperFor(config, registry);
  if (helper) {
    await credentialHelperStore(helper, dockerServerAddress(registry), options.credential, options.env ? { env: options.env } : {});
    if (removeAuthSecrets(config, registry)) await writeDockerConfig(path, config);
    return { registry, storedIn: credentialHelperProgram(helper), inConfigFile: false };
  }
  setAuthEntry(config, registry, options.credential);
  await writeDockerConfig(path, config);
  return { registry, storedIn: path, inConfigFile: true };
}
