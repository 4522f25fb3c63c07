// The bound on resumed transfers (downloads resumed with Range, uploads resumed from
// what their session holds): a unit test, no registry needed.
import { describe, expect, it } from '@jest/globals';
import { ResumeBudget } from '../../packages/core/src/registry/resume-budget.js';

const POLICY = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 60_000 };

describe('ResumeBudget', () => {
  it('allows maxAttempts - 1 resumes in a row without progress, each after a backoff of at most the policy’s', () => {
    const budget = new ResumeBudget(POLICY);
    const first = budget.next(500);
    const second = budget.next(500);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(100);
    expect(second).toBeLessThanOrEqual(200);
    expect(budget.next(500)).toBeUndefined();
    expect(budget.failuresInARow).toBe(3);
  });

  it('starts a new streak once the transfer gets minProgress bytes past where the streak began', () => {
    const budget = new ResumeBudget(POLICY, 1000);
    budget.next(0);
    budget.next(600); // not yet 1000 past the streak's start
    expect(budget.failuresInARow).toBe(2);
    expect(budget.next(1000)).toBeDefined(); // a new streak, not the third failure in a row
    expect(budget.failuresInARow).toBe(1);
    budget.next(1500);
    expect(budget.next(1999)).toBeUndefined();
  });

  it('waits what the registry’s Retry-After says, and gives up when that passes maxElapsedMs', () => {
    const budget = new ResumeBudget(POLICY);
    expect(budget.next(0, 5000)).toBe(5000);
    expect(new ResumeBudget(POLICY).next(0, 120_000)).toBeUndefined();
  });

  it('ends however much progress each resume brings', () => {
    const budget = new ResumeBudget(POLICY);
    let position = 0;
    let resumes = 0;
    while (budget.next((position += 10)) !== undefined) resumes++;
    expect(resumes).toBe(1000);
  });
});
