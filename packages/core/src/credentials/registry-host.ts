/**
 * The names a registry goes by in Docker's config.json. `auths` keys may be bare
 * hosts (`ghcr.io`) or URLs (`https://ghcr.io`, `http://host:5000/v2/`), and Docker
 * Hub has four spellings; all of them are compared by canonical host.
 */
import { OcikitError } from '../errors.js';
import { parseRegistryReference } from '../reference/reference.js';

/** The key Docker writes for Docker Hub, and the ServerURL it gives credential helpers for it. */
export const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io']);

/** `https://Index.Docker.io/v1/`, `registry-1.docker.io` → `docker.io`; `http://host:5000/v2/` → `host:5000`. */
export function canonicalRegistryHost(keyOrUrl: string): string {
  let host = keyOrUrl.trim();
  const scheme = host.indexOf('://');
  if (scheme >= 0) host = host.slice(scheme + 3);
  const slash = host.indexOf('/');
  if (slash >= 0) host = host.slice(0, slash);
  host = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/** The address Docker stores a login under (and asks helpers for): the host, or Docker Hub's v1 URL. */
export function dockerServerAddress(registry: string): string {
  const host = canonicalRegistryHost(registry);
  return host === DOCKER_HUB ? DOCKER_HUB_SERVER_ADDRESS : host;
}

/**
 * A registry host as a person gives it to `login`/`logout` (`ghcr.io`,
 * `https://ghcr.io/`, `127.0.0.1:5000`, `index.docker.io`), canonical, or an
 * INVALID_INPUT error. A name that references would read as a Docker Hub
 * organisation (`myregistry`) is refused: a login under it could never be used.
 */
export function parseRegistryHost(input: string): string {
  const host = canonicalRegistryHost(input);
  let parsed: string | undefined;
  try {
    parsed = parseRegistryReference(`${host}/ocikit-login`).registry;
  } catch {
    parsed = undefined;
  }
  if (host === '' || parsed !== host) {
    throw new OcikitError('INVALID_INPUT', `"${input.slice(0, 100)}" is not a registry host`, {
      hint: 'give host[:port] as in a reference: a name with a dot (ghcr.io), a port (myhost:5000) or localhost',
    });
  }
  return host;
}
