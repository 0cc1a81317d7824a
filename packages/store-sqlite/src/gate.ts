// Keeps work on the single connection apart: synchronous work runs at once unless an async transaction holds it.
//
// better-sqlite3 is synchronous, so a synchronous unit of work (a group commit without inline hooks, a read) can never
// interleave with another. Only a transaction that awaits user code (inline hooks, transaction()) leaves the connection
// inside an open transaction across turns of the event loop; everything else must wait for it, or reads would see its
// uncommitted rows and writes would join it.
import { Mutex } from '@logbook/core';

export class Gate {
  private readonly lock = new Mutex();
  private held = 0;

  /** Runs a synchronous `fn` now when no async transaction is open, otherwise right after it. */
  run<T>(fn: () => T): Promise<T> {
    if (this.held === 0) {
      try {
        return Promise.resolve(fn());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.lock.run(fn);
  }

  /** Holds the connection across awaits, after any earlier holder. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.held++;
      try {
        return await fn();
      } finally {
        this.held--;
      }
    });
  }

  /** Whether an async transaction currently holds the connection. */
  get busy(): boolean {
    return this.held > 0;
  }
}
