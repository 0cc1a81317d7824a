// Position waiters: lets callers await "processed up to P" instead of sleeping.
import { LogbookError } from '../errors.js';
import { type Position, START, comparePositions } from '../position.js';

interface Waiter {
  target: Position;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class PositionTracker {
  private current: Position = START;
  private waiters: Waiter[] = [];
  private failure: unknown;

  get position(): Position {
    return this.current;
  }

  /** Moves forward only; an older position is ignored. */
  advance(position: Position): void {
    if (comparePositions(position, this.current) <= 0) return;
    this.current = position;
    const ready = this.waiters.filter((w) => comparePositions(w.target, position) <= 0);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => comparePositions(w.target, position) > 0);
    for (const w of ready) w.resolve();
  }

  /** Resolves once the tracked position reaches `target`; rejects if the owner fails or stops first. */
  waitFor(target: Position): Promise<void> {
    if (comparePositions(target, this.current) <= 0) return Promise.resolve();
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  /** Rejects every pending waiter (the consumer stopped, paused or failed). */
  fail(reason: unknown = new LogbookError('store_closed', 'stopped before reaching the position')): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(reason);
  }

  /** Makes later waitFor calls reject at once with `reason` until `reset`. */
  failFuture(reason: unknown): void {
    this.failure = reason;
    this.fail(reason);
  }

  reset(): void {
    this.failure = undefined;
  }
}
