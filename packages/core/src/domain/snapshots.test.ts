import { describe, expect, it } from 'vitest';
import type { StorePort } from '../port.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { aggregateStream, takeSnapshot } from './aggregate.js';
import { CommandHandler } from './command-handler.js';
import type { Decider } from './decider.js';

/** Counts the events the store hands out through readStream, to prove what a load really read. */
function countingStore(port: StorePort): { store: EventStore; read: () => number; reset: () => void } {
  let n = 0;
  const proxy = new Proxy(port, {
    get(target, prop, receiver) {
      if (prop !== 'readStream') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<StorePort['readStream']>) => {
        const page = await target.readStream(...args);
        n += page?.length ?? 0;
        return page;
      };
    },
  });
  return { store: new EventStore(proxy), read: () => n, reset: () => (n = 0) };
}

type State = { count: number; seen: Set<string> };
const counter: Decider<string[], State> = {
  initialState: () => ({ count: 0, seen: new Set() }),
  evolve: (s, e) => ({ count: s.count + 1, seen: new Set([...s.seen, String(e.data)]) }),
  decide: (labels) => labels.map((l) => ({ type: 'Seen', data: l })),
  // A Set is not JSON: the policy converts both ways.
  snapshot: {
    version: 1,
    every: 50,
    toJson: (s) => ({ count: s.count, seen: [...s.seen].sort() }),
    fromJson: (j) => {
      const o = j as { count: number; seen: string[] };
      return { count: o.count, seen: new Set(o.seen) };
    },
  },
};

describe('snapshots', () => {
  it('are taken every N events and loading reads only the tail after them', async () => {
    const port = new MemoryStore();
    const { store, read, reset } = countingStore(port);
    const h = new CommandHandler(store, counter);
    for (let i = 0; i < 12; i++)
      await h.handle(
        's-1',
        Array.from({ length: 10 }, (_, j) => `l${i}-${j % 3}`),
      );
    // 120 events: snapshots were written when 50 and 100 events had accumulated since the previous one.
    const snap = await port.snapshots.read('s-1', 'default');
    expect(snap?.revision).toBe(99n);
    expect(snap?.state).toEqual({
      count: 100,
      seen: [...new Set(Array.from({ length: 30 }, (_, k) => `l${Math.floor(k / 3)}-${k % 3}`))].sort(),
    });
    reset();
    const loaded = await h.load('s-1');
    expect(read()).toBe(20);
    expect(loaded.state.count).toBe(120);
    expect(loaded.state.seen.size).toBe(36);
    reset();
    const full = await aggregateStream(store, 's-1', counter, { useSnapshot: false });
    expect(read()).toBe(120);
    expect(full.state).toEqual(loaded.state);
  });

  it('a new snapshot schema version ignores older snapshots', async () => {
    const port = new MemoryStore();
    const { store, read, reset } = countingStore(port);
    await new CommandHandler(store, counter).handle(
      's-1',
      Array.from({ length: 60 }, (_, i) => `x${i}`),
    );
    expect((await port.snapshots.read('s-1', 'default'))?.revision).toBe(59n);
    reset();
    const v2 = { ...counter, snapshot: { ...counter.snapshot, version: 2 } } as typeof counter;
    const loaded = await new CommandHandler(store, v2).load('s-1');
    expect(read()).toBe(60);
    expect(loaded).toMatchObject({ revision: 59n, snapshotRevision: undefined });
  });

  it('can be taken on demand, and a failing snapshot write does not fail the command', async () => {
    const port = new MemoryStore();
    const store = new EventStore(port);
    const onDemand = { ...counter, snapshot: { ...counter.snapshot, every: undefined } } as typeof counter;
    const h = new CommandHandler(store, onDemand);
    await h.handle('s-1', ['a', 'b', 'c']);
    expect(await port.snapshots.read('s-1', 'default')).toBeUndefined();
    expect(await takeSnapshot(store, 's-1', onDemand)).toBe(2n);
    expect((await port.snapshots.read('s-1', 'default'))?.state).toEqual({ count: 3, seen: ['a', 'b', 'c'] });

    const errors: unknown[] = [];
    const broken = {
      ...counter,
      snapshot: { ...counter.snapshot, every: 1, toJson: () => ({ bad: Number.NaN }) },
    } as typeof counter;
    const out = await new CommandHandler(store, broken, { onSnapshotError: (e) => errors.push(e) }).handle('s-2', ['z']);
    expect(out.revision).toBe(0n);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid_request' });
  });

  it('with snapshots disabled, the handler neither writes nor reads them', async () => {
    const port = new MemoryStore();
    const h = new CommandHandler(new EventStore(port), counter, { snapshots: false });
    await h.handle(
      's-1',
      Array.from({ length: 60 }, (_, i) => `x${i}`),
    );
    expect(await port.snapshots.read('s-1', 'default')).toBeUndefined();
  });
});
