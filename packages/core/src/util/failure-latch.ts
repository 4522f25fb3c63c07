/**
 * The first failure of a long piece of work, which every wait inside it gives way to.
 * `Promise.race([step, failed])` does the same, but each call leaves a reaction on
 * `failed` until it settles, holding that call's result: an extraction that races
 * every chunk it reads against the failure keeps every chunk (its whole content) alive.
 * Here a wait holds on to nothing once it is over.
 */
export class FailureLatch {
  private error: { reason: unknown } | undefined;
  private readonly waiting = new Set<(reason: unknown) => void>();

  /** The first failure, if any. */
  get reason(): unknown {
    return this.error?.reason;
  }

  get failed(): boolean {
    return this.error !== undefined;
  }

  /** Records the first failure (later ones are dropped) and fails every wait under way. */
  fail(reason: unknown): void {
    if (this.error) return;
    this.error = { reason };
    for (const reject of this.waiting) reject(reason);
    this.waiting.clear();
  }

  /** `step`'s outcome, or the failure if it comes first (at once, if it already came). */
  race<T>(step: Promise<T>): Promise<T> {
    if (this.error) {
      step.catch(() => undefined);
      return Promise.reject(this.error.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      step.then(
        (value) => {
          this.waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error);
        },
      );
    });
  }
}
