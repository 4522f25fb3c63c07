/**
 * A counting semaphore: at most `size` holders at once, served in order. The
 * zstd encoders of every layer share one, so frames compressed at once stay
 * near the number of cores however many layers run.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`a limiter needs a size of at least 1, not ${size}`);
  }

  /** Resolves once a slot is free; call the returned function exactly once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.active < this.size) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight on
      else this.active--;
    };
  }
}
