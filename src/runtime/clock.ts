import { SimulatedClock } from 'xstate';

/** What the runtime needs of time: the same shape as xstate's clock, plus the current time. */
export interface RuntimeClock {
  now(): number;
  /** Wall-clock milliseconds at time 0, for timestamps in events; simulations use a fixed one. */
  readonly epochMs?: number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** A clock that can stand still (serve's, for the playground): while it does, each contact stops before its next action. */
  readonly paused?: boolean;
}

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * xstate's SimulatedClock, with timers kept in a binary heap ordered by due
 * time and then by creation, so equal due times fire in the order they were
 * set (runs are deterministic) and tens of thousands of pending timers stay
 * cheap. `runNext` advances virtual time straight to the next timer.
 */
export class VirtualClock extends SimulatedClock implements RuntimeClock {
  #now = 0;
  #nextId = 1;
  #heap: Timer[] = [];
  /** Ids of timers cleared while still in the heap; skipped when they surface. */
  #cancelled = new Set<number>();

  override now(): number {
    return this.#now;
  }

  override setTimeout(fn: () => void, ms: number): number {
    const timer: Timer = { id: this.#nextId++, due: this.#now + Math.max(0, ms), fn };
    this.#push(timer);
    return timer.id;
  }

  override clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.#cancelled.add(id);
  }

  /** Due time of the next live timer, or undefined when nothing is scheduled. */
  nextDue(): number | undefined {
    this.#dropCancelledTop();
    return this.#heap[0]?.due;
  }

  /** Number of live timers. */
  get pending(): number {
    return this.#heap.length - this.#cancelled.size;
  }

  /** Advances to `time`, firing every timer due by then in order, each at its own due time. */
  override set(time: number): void {
    if (time < this.#now) throw new RangeError(`Cannot move virtual time back from ${this.#now} to ${time}`);
    for (;;) {
      this.#dropCancelledTop();
      const top = this.#heap[0];
      if (!top || top.due > time) break;
      this.#pop();
      this.#now = top.due;
      top.fn();
    }
    this.#now = time;
  }

  override increment(ms: number): void {
    this.set(this.#now + ms);
  }

  /** Fires the timers of the next due time; false when none is scheduled. */
  runNext(): boolean {
    const due = this.nextDue();
    if (due === undefined) return false;
    this.set(due);
    return true;
  }

  #dropCancelledTop(): void {
    while (this.#heap.length > 0 && this.#cancelled.has((this.#heap[0] as Timer).id)) {
      this.#cancelled.delete((this.#heap[0] as Timer).id);
      this.#pop();
    }
  }

  #before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.#before(heap[left] as Timer, heap[smallest] as Timer)) smallest = left;
        if (right < heap.length && this.#before(heap[right] as Timer, heap[smallest] as Timer)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as Timer, heap[i] as Timer];
        i = smallest;
      }
    }
    return top;
  }
}
