// Related events (causation chain, effects, correlation group, all indexed) and time travel over registered views.
import { EventStore, MemoryStore, type RecordedEvent } from '@logbook/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Views } from '../src/index.js';
import { STORES, ev, removeTempDirs, startTestServer } from './helpers.js';

afterAll(removeTempDirs);

const ids = Array.from({ length: 6 }, () => crypto.randomUUID());

describe.each(STORES)('related events on $name', (kind) => {
  it('walks the causation chain up, lists caused and correlated events from the index', async () => {
    const s = await startTestServer(await kind.create());
    try {
      const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
      const meta = (corr: string, cause?: string) => ({
        metadata: { correlationId: corr, ...(cause ? { causationId: cause } : {}) },
      });
      await s.client.append('order-1', [ev('Placed', {}, { id: a, ...meta('corr-1') })]);
      await s.client.append('payment-1', [ev('Charged', {}, { id: b, ...meta('corr-1', a) })]);
      await s.client.transaction({
        appends: [
          { streamId: 'order-1', events: [ev('Paid', {}, { id: c, ...meta('corr-1', b) })] },
          { streamId: 'mail-1', events: [ev('Sent', {}, { id: d, ...meta('corr-1', b) })] },
        ],
      });
      await s.client.append('order-2', [ev('Placed', {}, { id: e, ...meta('corr-2') })]);
      await s.client.append('audit-1', [ev('Noted', {}, { id: f })]);
      const r = await s.client.related(c);
      expect(r.event.id).toBe(c);
      expect(r.causedBy.map((x) => x.id)).toEqual([b, a]);
      expect(r.caused).toEqual([]);
      expect(r.correlationId).toBe('corr-1');
      expect(r.correlated.map((x) => x.id)).toEqual([a, b, c, d]);
      const fromB = await s.client.related(b);
      expect(fromB.caused.map((x) => x.id).sort()).toEqual([c, d].sort());
      expect(fromB.causedBy.map((x) => x.id)).toEqual([a]);
      const lonely = await s.client.related(f);
      expect(lonely).toMatchObject({ causedBy: [], caused: [], correlated: [], correlationId: null });
      expect((await s.call('GET', `/v1/events/${crypto.randomUUID()}/related`)).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});

describe.each(STORES)('related-events index on $name', (kind) => {
  it('indexes events written before the server started, and resumes after a restart without duplicates', async () => {
    const store = new EventStore(await kind.create());
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    // Written straight to the store: no server is running to see them.
    await store.append('order-7', [ev('Placed', {}, { id: a, metadata: { correlationId: 'early' } }) as never]);
    await store.append('order-7', [ev('Paid', {}, { id: b, metadata: { correlationId: 'early', causationId: a } }) as never]);
    const first = await startTestServer(store.port, { store, closeStore: false });
    try {
      expect((await first.client.related(a)).caused.map((x) => x.id)).toEqual([b]);
      expect((await first.client.related(b)).correlated.map((x) => x.id)).toEqual([a, b]);
    } finally {
      await first.close();
    }
    const second = await startTestServer(store.port, { store });
    try {
      await second.client.append('order-7', [ev('Shipped', {}, { id: c, metadata: { correlationId: 'early', causationId: b } })]);
      const r = await second.client.related(c);
      expect(r.correlated.map((x) => x.id)).toEqual([a, b, c]);
      expect(r.causedBy.map((x) => x.id)).toEqual([b, a]);
      expect((await second.client.related(b)).caused.map((x) => x.id)).toEqual([c]);
    } finally {
      await second.close();
    }
  });
});

describe('a store without transactions', () => {
  it('still serves related events by causation chain and counts the append rate, without the index', async () => {
    const memory = new MemoryStore();
    // The same store with its transaction capability hidden: the server cannot register its inline index.
    const port = Object.assign(Object.create(memory) as MemoryStore, { transaction: undefined });
    const s = await startTestServer(port, { store: new EventStore(port) });
    try {
      const [a, b] = ids as [string, string];
      await s.client.append('order-9', [ev('Placed', {}, { id: a, metadata: { correlationId: 'k' } })]);
      await s.client.append('order-9', [ev('Paid', {}, { id: b, metadata: { correlationId: 'k', causationId: a } })]);
      const r = await s.client.related(b);
      expect(r.causedBy.map((x) => x.id)).toEqual([a]);
      expect(r.correlated).toEqual([]);
      expect((await s.client.stats()).rate.at(-1)?.events).toBe(2);
    } finally {
      await s.close();
    }
  });
});

describe('time travel', () => {
  interface Account {
    balance: number;
    open: boolean;
  }
  const views: Views = {
    account: {
      initialState: (): Account => ({ balance: 0, open: false }),
      evolve: (state: Account, e: RecordedEvent): Account => {
        const amount = (e.data as { amount?: number }).amount ?? 0;
        if (e.type === 'Opened') return { ...state, open: true };
        if (e.type === 'Deposited') return { ...state, balance: state.balance + amount };
        if (e.type === 'Withdrawn') return { ...state, balance: state.balance - amount };
        return state;
      },
    },
  };

  it('gives the state after each event for streams with a view, as of a time, and plain events otherwise', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const port = new MemoryStore({ now: () => new Date((now += 60_000)) });
    const s = await startTestServer(port, { store: new EventStore(port), views });
    try {
      await s.client.append('account-1', [ev('Opened'), ev('Deposited', { amount: 100 }), ev('Withdrawn', { amount: 30 })]);
      await s.client.append('account-1', [ev('Deposited', { amount: 5 })]);
      await s.client.append('note-1', [ev('Written', { text: 'hi' })]);
      const all = await s.client.streamStates('account-1');
      expect(all.view).toBe('account');
      expect(all.lastRevision).toBe(3);
      expect(all.items.map((i) => i.state)).toEqual([
        { balance: 0, open: true },
        { balance: 100, open: true },
        { balance: 70, open: true },
        { balance: 75, open: true },
      ]);
      const page = await s.client.streamStates('account-1', { from: 2, limit: 1 });
      expect(page.items.map((i) => [i.event.revision, i.state])).toEqual([[2, { balance: 70, open: true }]]);
      expect(page.next).toBe(3);
      const firstAppendTime = all.items[0]?.event.recordedAt as string;
      const at = await s.client.streamStates('account-1', { at: firstAppendTime });
      expect(at.at).toEqual({ time: firstAppendTime, revision: 2, state: { balance: 70, open: true } });
      const before = await s.client.streamStates('account-1', { at: '2025-01-01T00:00:00Z' });
      expect(before.at).toMatchObject({ revision: null, state: { balance: 0, open: false } });
      const plain = await s.client.streamStates('note-1');
      expect(plain.view).toBeNull();
      expect(plain.items).toEqual([{ event: expect.objectContaining({ type: 'Written' }) }]);
      expect((await s.call('GET', '/v1/streams/account-1/states?at=yesterday')).body.error.code).toBe('invalid_request');
      expect((await s.call('GET', '/v1/streams/account-9/states')).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('pages through a long stream from cached checkpoints with the same states as a full fold', async () => {
    const s = await startTestServer(new MemoryStore(), { views });
    try {
      await s.client.append('account-2', [ev('Opened')]);
      for (let b = 0; b < 5; b++) {
        await s.client.append(
          'account-2',
          Array.from({ length: 500 }, () => ev('Deposited', { amount: 1 })),
        );
      }
      // After revision r the balance is r: each page must agree, whichever checkpoint it started from.
      for (const from of [1999, 2400, 500, 2400, 0]) {
        const page = await s.client.streamStates('account-2', { from, limit: 3 });
        expect(page.items.map((i) => [i.event.revision, (i.state as { balance: number }).balance])).toEqual([
          [from, from],
          [from + 1, from + 1],
          [from + 2, from + 2],
        ]);
      }
    } finally {
      await s.close();
    }
  });
});
