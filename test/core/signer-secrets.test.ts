// The signing rules both front ends share: what is masked, how a given key is
// read, and the hint when the public Rekor cannot be reached. Pure functions:
// no registry or Sigstore service is needed to judge them.
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  OcikitError,
  explainUnreachableRekor,
  keySigner,
  loadGivenSigningKey,
  oidcTokenSecrets,
  signingKeySecrets,
} from '@ocikit/core';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('signer secrets', () => {
  it('masks a key as its whole text and each base64 line, never the armour lines', () => {
    const secrets = signingKeySecrets(`${pem}\n`);
    const body = pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    expect(secrets).toEqual([pem.trim(), ...body]);
    expect(signingKeySecrets('')).toEqual([]);
  });

  it('masks the OIDC credentials that are set, and only those', () => {
    expect(oidcTokenSecrets({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token', SIGSTORE_ID_TOKEN: '', HOME: '/root' })).toEqual(['request-token']);
  });

  it('refuses a key of another kind as bad input (exit 2), not as an unsupported feature', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const failure = await loadGivenSigningKey({ pem: rsa, origin: 'the test key' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OcikitError);
    expect((failure as OcikitError).code).toBe('INVALID_INPUT');
  });

  it('adds how to sign without Rekor only when a key signature failed to reach Rekor', async () => {
    const key = await loadGivenSigningKey({ pem, origin: 'the test key' });
    const logged = keySigner(key, { rekorURL: 'http://127.0.0.1:9' });
    const unlogged = keySigner(key, { rekorURL: false });
    const unreachable = new OcikitError('NETWORK', 'Rekor at http://127.0.0.1:9 did not record the signature', { hint: 'check the URL' });
    const explained = explainUnreachableRekor(unreachable, logged, 'sign with --no-tlog') as OcikitError;
    expect(explained.hint).toBe('check the URL; sign with --no-tlog');
    expect(explained.cause).toBe(unreachable);
    expect(explainUnreachableRekor(unreachable, unlogged, 'sign with --no-tlog')).toBe(unreachable);
    const other = new OcikitError('NETWORK', 'Fulcio at http://127.0.0.1:9 did not answer');
    expect(explainUnreachableRekor(other, logged, 'sign with --no-tlog')).toBe(other);
  });
});
