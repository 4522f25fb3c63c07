/**
 * Checks a username and password against a registry before anything is stored:
 * `GET /v2/` answering its challenge with them (Basic, or a Bearer token fetched
 * with them), as `docker login` does.
 */
import { OcikitError, isOcikitError } from '../errors.js';
import { registryEndpointHost } from '../reference/reference.js';
import { type BasicCredential, staticCredentials } from '../registry/credentials.js';
import { RegistryClient, type RegistryClientOptions } from '../registry/registry-client.js';
import { registryAnswer, registryError } from '../registry/registry-error.js';

export type RegistryConnectionOptions = Pick<RegistryClientOptions, 'plainHttp' | 'insecure' | 'dispatcher' | 'retry' | 'onWarning' | 'onHttp'>;

/** Resolves when the registry accepts the credential; an UNAUTHORIZED OcikitError when it refuses. */
export async function verifyRegistryCredential(
  registry: string,
  credential: BasicCredential,
  options: RegistryConnectionOptions = {},
): Promise<void> {
  const client = new RegistryClient({
    ...options,
    registry,
    endpointHost: registryEndpointHost(registry),
    credentials: staticCredentials(credential),
  });
  const what = `logging in to ${registry} as ${credential.username}`;
  try {
    // `/v2/` needs no repository: the token (if any) is asked for with no scope.
    const response = await client.send({ method: 'GET', url: '/v2/', scope: '', idempotent: true });
    if (response.status === 200) {
      response.body.resume();
      return;
    }
    if (response.status === 401) {
      throw new OcikitError('UNAUTHORIZED', `${what} failed: the registry refused the username and password`, {
        detail: await registryAnswer(401, response.body),
        hint: 'check the username and the password or token; nothing was stored',
        status: 401,
      });
    }
    throw await registryError(`${what}: GET /v2/`, response.status, response.body, response.headers);
  } catch (error) {
    // The token service's refusal reads as a token problem; say it is the login that failed.
    if (isOcikitError(error, 'UNAUTHORIZED') && !error.message.startsWith(what)) {
      throw new OcikitError('UNAUTHORIZED', `${what} failed: ${error.message}`, {
        ...(error.detail ? { detail: error.detail } : {}),
        hint: `${error.hint ?? 'check the username and the password or token'}; nothing was stored`,
        ...(error.status ? { status: error.status } : {}),
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.close();
  }
}
