import { VirtualClock, type RuntimeClock } from '../runtime/clock.ts';

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

export type ClockMode = 'running' | 'paused';
export type ClockSpeed = 1 | 10 | 'instant';

/** How many timers an instant run fires before it lets the server answer requests again. */
const instantSlice = 2_000;

/**
 * Virtual time that `serve` can pause, speed up or step (the playground's
 * run controls). Running at 1x it keeps pace with the wall clock, as
 * RealClock does; at 10x it runs ten times faster; `instant` jumps straight
 * from timer to timer (a 5-minute hold takes no time); paused, it stands
 * still until `advanceToNext` (what is due at the paused moment still
 * happens). The timers live in a VirtualClock, so they
 * fire in the same order as in `run`; real timers only wake the clock up.
 */
export class ControlledClock implements RuntimeClock {
  readonly epochMs = Date.now();
  #virtual = new VirtualClock();
  #mode: ClockMode = 'running';
  #speed: ClockSpeed = 1;
  /** Wall time and virtual time when the clock last started running, for 1x and 10x. */
  #anchorReal = performance.now();
  #anchorVirtual = 0;
  #wakeUp: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** How time ran when the clock was made: a reset returns to it. */
  readonly #initial: { mode: ClockMode; speed: ClockSpeed };

  constructor(options: { mode?: ClockMode; speed?: ClockSpeed } = {}) {
    this.#mode = options.mode ?? 'running';
    this.#speed = options.speed ?? 1;
    this.#initial = { mode: this.#mode, speed: this.#speed };
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  get speed(): ClockSpeed {
    return this.#speed;
  }

  get paused(): boolean {
    return this.#mode === 'paused';
  }

  now(): number {
    const kept = this.#virtual.now();
    if (this.#mode === 'paused' || this.#speed === 'instant') return kept;
    return Math.max(kept, Math.floor(this.#anchorVirtual + (performance.now() - this.#anchorReal) * this.#speed));
  }

  setTimeout(fn: () => void, ms: number): number {
    // Due `ms` after the time callers see, which at 1x and 10x is ahead of the timers' own clock.
    const id = this.#virtual.setTimeout(fn, Math.max(0, ms) + (this.now() - this.#virtual.now()));
    this.#schedule();
    return id;
  }

  clearTimeout(id: unknown): void {
    this.#virtual.clearTimeout(id);
  }

  /** Changes how time runs; virtual time carries on from where it is. */
  set(options: { mode?: ClockMode; speed?: ClockSpeed }): void {
    this.#catchUp();
    if (options.mode !== undefined) this.#mode = options.mode;
    if (options.speed !== undefined) this.#speed = options.speed;
    this.#anchorReal = performance.now();
    this.#anchorVirtual = this.#virtual.now();
    this.#schedule();
  }

  /** Fires the timers of the next due time, moving virtual time to it; false when nothing is scheduled. */
  advanceToNext(): boolean {
    const fired = this.#virtual.runNext();
    this.#anchorReal = performance.now();
    this.#anchorVirtual = this.#virtual.now();
    return fired;
  }

  /**
   * Drops every timer and starts again at virtual time 0, running as it did
   * when made (serve: 1x): a speed or pause chosen for one run must not
   * outlive the reset (an instant clock times out the next caller's menu).
   */
  clearAll(): void {
    this.#stopWakeUp();
    this.#virtual = new VirtualClock();
    this.#mode = this.#initial.mode;
    this.#speed = this.#initial.speed;
    this.#anchorReal = performance.now();
    this.#anchorVirtual = 0;
  }

  /** Fires what is due by now (1x and 10x). */
  #catchUp(): void {
    const now = this.now();
    if (now > this.#virtual.now()) this.#virtual.set(now);
  }

  #stopWakeUp(): void {
    if (this.#wakeUp === undefined) return;
    clearTimeout(this.#wakeUp as NodeJS.Timeout);
    clearImmediate(this.#wakeUp as NodeJS.Immediate);
    this.#wakeUp = undefined;
  }

  /** Fires the timers due by now (zero-delay wake-ups), which a pause does not hold back. */
  fireDue(): void {
    this.#virtual.set(this.#virtual.now());
  }

  #schedule(): void {
    this.#stopWakeUp();
    const due = this.#virtual.nextDue();
    if (due === undefined) return;
    if (this.#mode === 'paused') {
      // Pausing stops time, not what is due at this very moment (a poll woken by an event).
      if (due <= this.#virtual.now()) {
        this.#wakeUp = setImmediate(() => {
          this.#wakeUp = undefined;
          this.fireDue();
          this.#schedule();
        });
      }
      return;
    }
    if (this.#speed === 'instant') {
      // In slices, so the server keeps answering while a long stretch of virtual time runs.
      this.#wakeUp = setImmediate(() => {
        this.#wakeUp = undefined;
        for (let fired = 0; fired < instantSlice && this.#mode === 'running' && this.#speed === 'instant'; fired++) {
          if (!this.#virtual.runNext()) break;
        }
        this.#schedule();
      });
      return;
    }
    const wait = Math.max(0, (due - this.now()) / this.#speed);
    this.#wakeUp = setTimeout(() => {
      this.#wakeUp = undefined;
      this.#catchUp();
      this.#schedule();
    }, wait);
  }
}
