// What a registry says about its rate limit: GHCR's wait, written in its 429's body as
// a Go duration, and the headers Docker Hub and others send.
import { describe, expect, it } from '@jest/globals';
import { rateLimitHeaders, retryAfterInText } from '../../packages/core/src/registry/rate-limit.js';

describe('retryAfterInText', () => {
  it("reads GHCR's Go durations, rounded up to a whole millisecond", () => {
    expect(retryAfterInText('toomanyrequests: retry-after: 333.939671ms, allowed: 44000/minute')).toBe(334);
    expect(retryAfterInText('TOOMANYREQUESTS: retry-after: 880.092µs, allowed: 44000/minute')).toBe(1);
    expect(retryAfterInText('retry-after: 1.5s')).toBe(1500);
    expect(retryAfterInText('Retry-After: 1m2.5s')).toBe(62_500);
    expect(retryAfterInText('retry-after: 2h0m0s')).toBe(7_200_000);
  });

  it('finds nothing in a body that does not say it', () => {
    expect(retryAfterInText('You have reached your pull rate limit.')).toBeUndefined();
    expect(retryAfterInText('retry-after: soon')).toBeUndefined();
    expect(retryAfterInText('')).toBeUndefined();
  });
});

describe('rateLimitHeaders', () => {
  it("lists the rate-limit headers sent, in a fixed order, and nothing else", () => {
    expect(rateLimitHeaders({ 'ratelimit-remaining': '0;w=21600', 'content-type': 'application/json', 'ratelimit-limit': '100;w=21600', 'retry-after': '60' })).toBe(
      'ratelimit-limit: 100;w=21600, ratelimit-remaining: 0;w=21600, retry-after: 60',
    );
    expect(rateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
    expect(rateLimitHeaders(undefined)).toBeUndefined();
  });

  it('bounds what a registry can put in the log', () => {
    expect(rateLimitHeaders({ 'ratelimit-limit': 'x'.repeat(10_000) })).toBe(`ratelimit-limit: ${'x'.repeat(100)}`);
  });
});
