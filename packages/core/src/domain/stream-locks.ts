// In-process FIFO locks per stream id: commands on one hot stream queue up instead of racing and retrying.
import type { EventStore } from '../event-store.js';

class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier holder of any of `keys` is done. Keys are taken in sorted order, so no deadlock. */
  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const waits = sorted.map((k) => this.tails.get(k) ?? Promise.resolve());
    for (const k of sorted) this.tails.set(k, held);
    try {
      await Promise.all(waits);
      return await fn();
    } finally {
      release();
      for (const k of sorted) if (this.tails.get(k) === held) this.tails.delete(k);
    }
  }
}

const byStore = new WeakMap<EventStore, StreamLocks>();

/** The locks shared by every command handler of one store in this process. */
export function streamLocks(store: EventStore): StreamLocks {
  let locks = byStore.get(store);
  if (!locks) byStore.set(store, (locks = new StreamLocks()));
  return locks;
}
