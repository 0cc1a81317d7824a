// Reading streams (both directions, paged, constant memory) and the global log (filters, resume positions, small pages).
import { type RecordedEvent, START, comparePositions } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { collect, ev, evs, rejectsWith, revisions } from '../fixtures.js';

export function readsSuite(ctx: SuiteContext): void {
  describe('readStream', () => {
    it('reads forward and backward from a revision with a limit, across pages', async () => {
      const store = await ctx.store();
      await store.append('s-1', evs(23));
      const r = (opts: Parameters<typeof store.readStream>[1]) => collect(store.readStream('s-1', { pageSize: 5, ...opts }));
      expect(revisions(await r({}))).toEqual(Array.from({ length: 23 }, (_, i) => BigInt(i)));
      expect(revisions(await r({ from: 20n }))).toEqual([20n, 21n, 22n]);
      expect(revisions(await r({ from: 3n, limit: 4 }))).toEqual([3n, 4n, 5n, 6n]);
      expect(revisions(await r({ direction: 'backward', limit: 3 }))).toEqual([22n, 21n, 20n]);
      expect(revisions(await r({ direction: 'backward', from: 6n }))).toEqual([6n, 5n, 4n, 3n, 2n, 1n, 0n]);
      expect(revisions(await r({ from: 23n }))).toEqual([]);
      expect(revisions(await r({ direction: 'backward', from: 100n, limit: 2 }))).toEqual([22n, 21n]);
    });

    it('pages with readStreamPage and a next revision that is null at the end', async () => {
      const store = await ctx.store();
      await store.append('s-2', evs(5));
      const p1 = await store.readStreamPage('s-2', { limit: 2 });
      expect([revisions(p1.events), p1.next]).toEqual([[0n, 1n], 2n]);
      const p3 = await store.readStreamPage('s-2', { from: 4n, limit: 2 });
      expect([revisions(p3.events), p3.next]).toEqual([[4n], null]);
      const b = await store.readStreamPage('s-2', { direction: 'backward', limit: 3 });
      expect([revisions(b.events), b.next]).toEqual([[4n, 3n, 2n], 1n]);
    });

    it('fails with stream_not_found for a missing stream', async () => {
      const store = await ctx.store();
      await rejectsWith(collect(store.readStream('missing-1')), 'stream_not_found');
      await rejectsWith(store.readStreamPage('missing-1'), 'stream_not_found');
    });
  });

  describe('readAll', () => {
    async function fill() {
      const store = await ctx.store();
      await store.append('account-1', [ev('Opened'), ev('Deposited')]);
      await store.append('order-1', [ev('Placed')]);
      await store.append('account-2', [ev('Opened')]);
      await store.append('accounting-1', [ev('Booked')]);
      await store.append('order-2', [ev('Placed'), ev('Shipped')]);
      return store;
    }

    it('returns every event in global order with a resume position', async () => {
      const store = await fill();
      const page = await store.readAll({ from: START, limit: 100 });
      expect(page.events.map((e) => `${e.streamId}:${e.type}`)).toEqual([
        'account-1:Opened',
        'account-1:Deposited',
        'order-1:Placed',
        'account-2:Opened',
        'accounting-1:Booked',
        'order-2:Placed',
        'order-2:Shipped',
      ]);
      expect(page.next).toBe(page.events[6]?.position);
      expect(page.atEnd).toBe(true);
      const after = await store.readAll({ from: page.next, limit: 10 });
      expect(after.events).toEqual([]);
      expect(after.next).toBe(page.next);
    });

    it('filters by types, categories and prefix', async () => {
      const store = await fill();
      const names = async (filter: object) => (await readEverything(store, 2, filter)).map((e) => `${e.streamId}:${e.type}`);
      expect(await names({ types: ['Opened', 'Shipped'] })).toEqual(['account-1:Opened', 'account-2:Opened', 'order-2:Shipped']);
      expect(await names({ categories: ['account'] })).toEqual(['account-1:Opened', 'account-1:Deposited', 'account-2:Opened']);
      expect(await names({ streamIdPrefix: 'account' })).toEqual([
        'account-1:Opened',
        'account-1:Deposited',
        'account-2:Opened',
        'accounting-1:Booked',
      ]);
      expect(await names({ categories: ['order'], types: ['Shipped'] })).toEqual(['order-2:Shipped']);
      expect(await names({ categories: ['nothing'] })).toEqual([]);
    });

    it('advances the resume position even when nothing in the scanned range matched (sparse filter)', async () => {
      const store = await ctx.store();
      for (let i = 0; i < 30; i++) await store.append(`noise-${i % 3}`, evs(100, 'Noise'));
      const needle = await store.append('needle-1', [ev('Needle')]);
      let from = START;
      let found: RecordedEvent[] = [];
      for (let calls = 0; calls < 10_000; calls++) {
        const page = await store.readAll({ from, limit: 1, filter: { types: ['Needle'] } });
        expect(comparePositions(page.next, from)).toBeGreaterThanOrEqual(0);
        found = found.concat(page.events);
        if (page.atEnd) break;
        expect(comparePositions(page.next, from), 'next must advance while not at the end').toBe(1);
        from = page.next;
      }
      expect(found.map((e) => e.id)).toEqual([needle.events[0]?.id]);
    });

    it('yields each event exactly once for every page size', async () => {
      const store = await fill();
      const all = (await store.readAll({ limit: 100 })).events.map((e) => e.id);
      for (let size = 1; size <= all.length + 1; size++) {
        expect((await readEverything(store, size)).map((e) => e.id)).toEqual(all);
      }
    });

    it('reads after any position it handed out', async () => {
      const store = await fill();
      const all = (await store.readAll({ limit: 100 })).events;
      for (let i = 0; i < all.length; i++) {
        const page = await store.readAll({ from: all[i]?.position, limit: 100 });
        expect(page.events.map((e) => e.id)).toEqual(all.slice(i + 1).map((e) => e.id));
      }
    });
  });

  describe('listStreams', () => {
    it('lists streams by id with prefix and paging, with last revision and activity', async () => {
      const store = await ctx.store();
      for (const id of ['b-2', 'a-1', 'b-1', 'c-1', 'b-3']) await store.append(id, evs(id === 'b-1' ? 3 : 1));
      const p1 = await store.listStreams({ prefix: 'b-', limit: 2 });
      expect(p1.streams.map((s) => s.streamId)).toEqual(['b-1', 'b-2']);
      expect(p1.streams[0]?.lastRevision).toBe(2n);
      expect(p1.streams[0]?.lastRecordedAt).toMatch(/Z$/);
      expect(p1.next).toBe('b-2');
      const p2 = await store.listStreams({ prefix: 'b-', after: p1.next ?? undefined, limit: 2 });
      expect(p2.streams.map((s) => s.streamId)).toEqual(['b-3']);
      expect(p2.next).toBeNull();
      expect((await store.listStreams({ limit: 10 })).streams.map((s) => s.streamId)).toEqual([
        'a-1',
        'b-1',
        'b-2',
        'b-3',
        'c-1',
      ]);
    });
  });
}

/** Follows readAll to the end with the given page size. */
export async function readEverything(
  store: {
    readAll: (o: {
      from?: string;
      limit?: number;
      filter?: object;
    }) => Promise<{ events: RecordedEvent[]; next: string; atEnd: boolean }>;
  },
  pageSize: number,
  filter?: object,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let from: string = START;
  for (let guard = 0; guard < 100_000; guard++) {
    const page = await store.readAll({ from, limit: pageSize, filter });
    out.push(...page.events);
    from = page.next;
    if (page.atEnd) return out;
  }
  throw new Error('readAll never reached the end');
}
