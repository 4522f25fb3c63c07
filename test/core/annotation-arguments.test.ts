// Annotation arguments as docker/metadata-action and buildx write them: a level
// prefix says where the annotation goes, and a verb that has no such place refuses it
// instead of storing "manifest:key" as the key.
import { describe, expect, it } from '@jest/globals';
import { isOcikitError, parseAnnotationArgument, parseAnnotationArguments } from '@ocikit/core';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!isOcikitError(error)) throw error;
    expect(error.code).toBe('INVALID_INPUT');
    return `${error.message} | ${error.hint ?? ''}`;
  }
  throw new Error('expected a refusal');
}

describe('parseAnnotationArgument', () => {
  it.each([
    ['a=b', { key: 'a', value: 'b' }],
    ['a==b=', { key: 'a', value: '=b=' }],
    ['a=', { key: 'a', value: '' }],
    ['manifest:org.opencontainers.image.title=t', { key: 'org.opencontainers.image.title', value: 't', levels: ['manifest'] }],
    ['index,manifest:k=v', { key: 'k', value: 'v', levels: ['index', 'manifest'] }],
    ['manifest,manifest:k=v', { key: 'k', value: 'v', levels: ['manifest'] }],
    ['manifest-descriptor:k=v', { key: 'k', value: 'v', levels: ['manifest-descriptor'] }],
    ['index-descriptor:k=v', { key: 'k', value: 'v', levels: ['index-descriptor'] }],
    ['manifest[linux/arm64]:k=v', { key: 'k', value: 'v', levels: ['manifest'], platforms: [{ os: 'linux', architecture: 'arm64' }] }],
    ['manifest[linux/amd64,linux/arm/v7]:k=v', { key: 'k', value: 'v', levels: ['manifest'], platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }] }],
    // A colon that is not one of Docker's four words is part of the key.
    ['com.example:build=7', { key: 'com.example:build', value: '7' }],
    ['manifests:k=v', { key: 'manifests:k', value: 'v' }],
    ['k=manifest:v', { key: 'k', value: 'manifest:v' }],
  ])('%s', (text, expected) => {
    expect(parseAnnotationArgument(text)).toEqual(expected);
  });

  it.each(['novalue', '=v', 'manifest:=v', 'k[x]=v', 'manifest[linux]:k=v'])('refuses %s', (text) => {
    refusal(() => parseAnnotationArgument(text));
  });
});

describe('parseAnnotationArguments: a verb that writes one manifest or one index', () => {
  it('strips its own level and keeps the last of a key', () => {
    expect(parseAnnotationArguments(['manifest:a=1', 'b=2', 'a=3'], 'push')).toEqual({ a: '3', b: '2' });
    expect(parseAnnotationArguments(['index:a=1', 'b=2'], 'index')).toEqual({ a: '1', b: '2' });
  });

  it.each([
    ['push', 'index:k=v', /push writes no index[\s\S]*index create and release write an index/],
    ['attach', 'manifest-descriptor:k=v', /attach writes no manifest descriptor/],
    ['sign', 'index-descriptor:k=v', /no ocikit verb writes a descriptor of an index/],
    ['index', 'manifest:k=v', /index writes no manifest/],
    ['push', 'index,manifest:k=v', /push writes no index/],
    ['push', 'manifest[linux/amd64]:k=v', /names platforms \(linux\/amd64\)[\s\S]*release writes a manifest per platform/],
  ] as const)('%s refuses %s with where it could go', (verb, text, message) => {
    expect(refusal(() => parseAnnotationArguments([text], verb))).toMatch(message);
  });
});
