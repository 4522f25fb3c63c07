// The first failure of a long piece of work, which every wait inside it gives way to
// (util/failure-latch.ts), holding nothing of a wait once it is over.
import { describe, expect, it } from '@jest/globals';
import { FailureLatch } from '../../packages/core/src/util/failure-latch.js';

describe('FailureLatch', () => {
  it("passes a step's outcome through while nothing failed", async () => {
    const latch = new FailureLatch();
    await expect(latch.race(Promise.resolve(42))).resolves.toBe(42);
    await expect(latch.race(Promise.reject(new Error('the step')))).rejects.toThrow('the step');
    expect(latch.failed).toBe(false);
  });

  it('fails every wait under way with the first failure, and every later one at once', async () => {
    const latch = new FailureLatch();
    const never = new Promise<never>(() => undefined);
    const waits = [latch.race(never), latch.race(never)];
    latch.fail(new Error('first'));
    latch.fail(new Error('second'));
    for (const wait of waits) await expect(wait).rejects.toThrow('first');
    await expect(latch.race(Promise.resolve(1))).rejects.toThrow('first');
    expect(latch.reason).toEqual(new Error('first'));
  });

  it('forgets a wait once it is over (Promise.race against a long-lived promise would keep each one)', async () => {
    const latch = new FailureLatch();
    for (let i = 0; i < 1000; i++) await latch.race(Promise.resolve(Buffer.alloc(16)));
    expect((latch as unknown as { waiting: Set<unknown> }).waiting.size).toBe(0);
  });
});
