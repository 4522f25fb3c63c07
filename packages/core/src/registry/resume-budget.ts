import { type RetryPolicy, nextDelay } from './retry-policy.js';

/** Resumes of one transfer at most, however much progress each brings (a server dribbling bytes). */
const MAX_RESUMES = 1000;

/**
 * How often a transfer that goes on from where it stopped (a download resumed
 * with `Range`, an upload resumed from the bytes its session holds) may do so:
 * the retry policy's `maxAttempts - 1` times in a row without progress, each
 * after the policy's backoff (or the registry's `Retry-After`), within
 * `maxElapsedMs` of the first of them. Getting `minProgress` bytes past where
 * the streak began starts a new one, so a long transfer over a flaky link is
 * not judged by its total of failures; MAX_RESUMES bounds them all.
 */
export class ResumeBudget {
  private streak = 0;
  private streakStartedAt = 0;
  private mark = Number.NEGATIVE_INFINITY;
  private total = 0;

  constructor(
    private readonly policy: Readonly<RetryPolicy>,
    private readonly minProgress = 1,
  ) {}

  /** The wait before going on from `position` after a failure; undefined once the budget is spent. */
  next(position: number, retryAfterMs?: number): number | undefined {
    if (position - this.mark >= this.minProgress) {
      this.mark = position;
      this.streak = 0;
      this.streakStartedAt = Date.now();
    }
    this.streak++;
    this.total++;
    return this.total > MAX_RESUMES ? undefined : nextDelay(this.policy, this.streak, this.streakStartedAt, retryAfterMs);
  }

  /** Failures in a row without progress, the last one included (for the error that gives up). */
  get failuresInARow(): number {
    return this.streak;
  }
}
