import { OcikitError } from '../errors.js';
import { isLoopbackRegistry } from '../reference/reference.js';

/**
 * A Fulcio, Rekor or timestamp authority URL as given by a user. Fulcio receives
 * the job's OIDC token, so plain HTTP is accepted only on loopback (a local
 * Sigstore, or a test's mock), as for registries.
 */
export function sigstoreServiceURL(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OcikitError('INVALID_INPUT', `the ${what} URL "${value.slice(0, 200)}" is not a URL`, { hint: 'write it as https://host[:port]' });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackRegistry(url.host))) {
    throw new OcikitError('INVALID_INPUT', `the ${what} URL ${url.origin} is not HTTPS`, {
      hint: 'Sigstore services are spoken to over HTTPS; plain HTTP only on loopback',
    });
  }
  if (url.username || url.password) throw new OcikitError('INVALID_INPUT', `the ${what} URL must not carry credentials`);
  return value.replace(/\/+$/, '');
}
