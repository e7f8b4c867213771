import type { RuntimeClock } from '../runtime/clock.ts';

/**
 * Wall-clock time for `serve`: the only place the runtime meets real
 * timers. It remembers its timers so a reset or shutdown can cancel them all.
 */
export class RealClock implements RuntimeClock {
  readonly #origin = performance.now();
  /** Event timestamps are real UTC times on the server. */
  readonly epochMs = Date.now();
  readonly #timers = new Set<NodeJS.Timeout>();

  now(): number {
    return Math.round(performance.now() - this.#origin);
  }

  setTimeout(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  clearTimeout(id: unknown): void {
    clearTimeout(id as NodeJS.Timeout);
    this.#timers.delete(id as NodeJS.Timeout);
  }

  clearAll(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
