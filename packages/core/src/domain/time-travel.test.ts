import { describe, expect, it } from 'vitest';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import type { StateView } from './decider.js';
import { stateAsOf, stateAtRevision, streamHistory } from './time-travel.js';

const balance: StateView<number, { type: string; data: { amount: number } }> = {
  initialState: () => 0,
  evolve: (s, e) => s + e.data.amount,
};

/** A store whose clock advances one hour per append, starting 2026-03-02 00:00 UTC. */
async function ledger(): Promise<EventStore> {
  let hour = 0;
  const store = new EventStore(new MemoryStore({ now: () => new Date(Date.UTC(2026, 2, 2, hour++)) }));
  for (const amount of [100, -30, 50, -20]) await store.append('acct-1', [{ type: 'Moved', data: { amount } }]);
  return store;
}

describe('time travel', () => {
  it('gives the state at a revision', async () => {
    const store = await ledger();
    expect(await stateAtRevision(store, 'acct-1', balance, 1n)).toEqual({
      state: 70,
      revision: 1n,
      recordedAt: '2026-03-02T01:00:00.000Z',
    });
    expect((await stateAtRevision(store, 'acct-1', balance, 99n)).state).toBe(100);
    expect((await stateAtRevision(store, 'nope', balance, 0n)).revision).toBeUndefined();
  });

  it('gives the state as of a past instant, including events recorded exactly then', async () => {
    const store = await ledger();
    expect((await stateAsOf(store, 'acct-1', balance, '2026-03-02T01:59:59Z')).state).toBe(70);
    expect((await stateAsOf(store, 'acct-1', balance, new Date('2026-03-02T02:00:00Z'))).state).toBe(120);
    expect(await stateAsOf(store, 'acct-1', balance, '2026-03-01T00:00:00Z')).toEqual({
      state: 0,
      revision: undefined,
      recordedAt: undefined,
    });
    await expect(stateAsOf(store, 'acct-1', balance, 'not a date')).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('lists the history with the state after each event', async () => {
    const store = await ledger();
    const rows: Array<[bigint, number]> = [];
    for await (const { event, state } of streamHistory(store, 'acct-1', balance)) rows.push([event.revision, state]);
    expect(rows).toEqual([
      [0n, 100],
      [1n, 70],
      [2n, 120],
      [3n, 100],
    ]);
    const window: number[] = [];
    for await (const { state } of streamHistory(store, 'acct-1', balance, { from: 1n, to: 2n })) window.push(state);
    expect(window).toEqual([70, 120]);
    for await (const _ of streamHistory(store, 'missing', balance)) throw new Error('a missing stream has no history');
  });
});
