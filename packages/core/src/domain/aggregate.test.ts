import { describe, expect, it } from 'vitest';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { aggregateStream } from './aggregate.js';
import { type Decider, decideOn, foldEvents, normalizeDecision } from './decider.js';

const sum = (s: number, e: { data: unknown }) => s + (e.data as number);

describe('aggregateStream', () => {
  it('folds a stream with a bare evolve function and an initial state', async () => {
    const store = new EventStore(new MemoryStore());
    await store.append(
      'n-1',
      [1, 2, 3].map((n) => ({ type: 'N', data: n })),
    );
    expect(await aggregateStream(store, 'n-1', sum, { initialState: () => 10 })).toEqual({
      state: 16,
      revision: 2n,
      snapshotRevision: undefined,
      eventsRead: 3,
    });
    expect((await aggregateStream(store, 'n-1', sum, { initialState: () => 0, toRevision: 1n })).state).toBe(3);
    expect(await aggregateStream(store, 'missing', sum, { initialState: () => 0 })).toMatchObject({
      state: 0,
      revision: undefined,
    });
    await expect(aggregateStream(store, 'n-1', sum)).rejects.toThrow(/initialState/);
  });
});

describe('decider helpers', () => {
  const d: Decider<number, number> = {
    initialState: () => 0,
    evolve: sum,
    decide: (n, s) =>
      n === 0 ? [] : n > 0 ? { type: 'N', data: n + s } : { events: [{ type: 'N', data: n }], uniques: { claim: [] } },
  };

  it('normalises one event, a list and a decision', async () => {
    expect(normalizeDecision({ type: 'A', data: null })).toEqual({ events: [{ type: 'A', data: null }] });
    expect(normalizeDecision([])).toEqual({ events: [] });
    expect((await decideOn(d, [{ type: 'N', data: 4 }], 1)).events).toEqual([{ type: 'N', data: 5 }]);
    expect(await decideOn(d, [], -1)).toEqual({ events: [{ type: 'N', data: -1 }], uniques: { claim: [] } });
    expect(
      foldEvents(d, [
        { type: 'N', data: 4 },
        { type: 'N', data: 5 },
      ]),
    ).toBe(9);
  });
});
