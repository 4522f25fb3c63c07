import { readFile, stat } from 'node:fs/promises';
import { OcikitError } from '../errors.js';
import type { SigningKeySource } from './signing-key.js';

/** cosign's way to name a key held in an environment variable: `env://NAME`. */
const ENV_PREFIX = 'env://';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A public key file is a few hundred bytes; anything this large is not one. */
const MAX_PUBLIC_KEY_BYTES = 64 * 1024;

/**
 * Where a key comes from, one rule for every front end: the PEM text itself (a CI
 * secret given as an input; `origin` names it in messages), `env://NAME` for the
 * content of an environment variable (cosign's form), or a PEM file's path. An unset
 * or empty variable is an error that names the variable, never its content.
 */
export function signingKeySource(reference: string, env: NodeJS.ProcessEnv = process.env, origin = 'the key given'): SigningKeySource {
  if (reference.trimStart().startsWith('-----BEGIN ')) return { pem: reference, origin };
  if (!reference.startsWith(ENV_PREFIX)) {
    if (reference === '') throw new OcikitError('INVALID_INPUT', 'the key is named by an empty path');
    return { path: reference };
  }
  const name = reference.slice(ENV_PREFIX.length);
  if (!ENV_NAME.test(name)) {
    throw new OcikitError('INVALID_INPUT', `"${reference.slice(0, 80)}" does not name an environment variable`, {
      hint: 'write env://NAME, e.g. env://COSIGN_PRIVATE_KEY',
    });
  }
  const pem = env[name];
  if (pem === undefined || pem.trim() === '') {
    throw new OcikitError('INVALID_INPUT', `the environment variable ${name} named for the key is ${pem === undefined ? 'not set' : 'empty'}`, {
      hint: 'map the CI secret into the job\'s environment (GitHub: `env: { NAME: ${{ secrets.NAME }} }`; GitLab: a masked CI/CD variable)',
    });
  }
  return { pem, origin: `$${name}` };
}

/**
 * A verifier's public key (PEM) from a file or `env://NAME`, read but not yet
 * parsed: verification parses it and names what is wrong with it.
 */
export async function readPublicKeyPem(reference: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const source = signingKeySource(reference, env, 'the public key given');
  if (source.pem !== undefined) return source.pem;
  const what = `the public key file ${source.path}`;
  try {
    const info = await stat(source.path);
    if (!info.isFile()) throw new OcikitError('INVALID_INPUT', `${what} is not a file`);
    if (info.size > MAX_PUBLIC_KEY_BYTES) throw new OcikitError('INVALID_INPUT', `${what} is ${info.size} bytes; a PEM public key is far smaller`);
    return await readFile(source.path, 'utf8');
  } catch (error) {
    if (error instanceof OcikitError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new OcikitError('INVALID_INPUT', `${what} ${code === 'ENOENT' ? 'does not exist' : `cannot be read${code ? ` (${code})` : ''}`}`);
  }
}
