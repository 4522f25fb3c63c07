// What every front end reports the same way, from core: the pinned reference and
// SOURCE_DATE_EPOCH. (The per-verb JSON shapes are checked where the CLI and the
// actions print them: test/cli and test/github.)
import { describe, expect, it } from '@jest/globals';
import { OcikitError, parseReference, pinnedReference, sourceDateEpoch } from '@ocikit/core';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('pinnedReference', () => {
  it('is registry/repo:tag@digest, or repo@digest without a tag, whatever selector the reference had', () => {
    expect(pinnedReference(parseReference('ghcr.io/org/app:v1'), 'v1', DIGEST)).toBe(`ghcr.io/org/app:v1@${DIGEST}`);
    expect(pinnedReference(parseReference(`ghcr.io/org/app@sha256:${'cd'.repeat(32)}`), undefined, DIGEST)).toBe(`ghcr.io/org/app@${DIGEST}`);
    expect(pinnedReference(parseReference('ubuntu'), 'latest', DIGEST)).toBe(`docker.io/library/ubuntu:latest@${DIGEST}`);
    expect(pinnedReference(parseReference('oci-layout:./out:v1'), 'v2', DIGEST)).toBe(`oci-layout:./out:v2@${DIGEST}`);
    expect(() => pinnedReference(parseReference('ghcr.io/org/app'), '-bad', DIGEST)).toThrow('invalid selector');
  });
});

describe('sourceDateEpoch', () => {
  it('reads whole seconds, and refuses anything a timestamp cannot be', () => {
    expect(sourceDateEpoch({})).toBeUndefined();
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '' })).toBeUndefined();
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '0' })).toBe(0);
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1700000000' })).toBe(1700000000);
    for (const bad of ['yesterday', '-1', '1.5', ' 17', '99999999999999999', '8640000000001']) {
      expect(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: bad })).toThrow('is not a number of seconds');
    }
  });
});

describe('OcikitError.describe', () => {
  it('labels the detail "registry said" only when a registry answered; a local failure\'s evidence is just detail', () => {
    const answered = new OcikitError('DENIED', 'push refused', { detail: 'DENIED: requested access to the resource is denied', status: 403, hint: 'check the token' });
    expect(answered.describe()).toBe('push refused\n  registry said: DENIED: requested access to the resource is denied\n  hint: check the token');
    const local = new OcikitError('NETWORK', 'GET 127.0.0.1:5000/v2/: could not reach http://127.0.0.1:5000', { detail: 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5000' });
    expect(local.describe()).toBe('GET 127.0.0.1:5000/v2/: could not reach http://127.0.0.1:5000\n  detail: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5000');
  });
});
