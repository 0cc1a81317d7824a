// Subscriptions: catch-up then live, in order, no gap and no duplicate across the switch while appends go on.
import { type RecordedEvent, START, sleep } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { ev, evs } from '../fixtures.js';

/** Resolves when `predicate` holds, polling briefly; fails after `ms`. Tests use it instead of fixed sleeps. */
async function until(predicate: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(5);
  }
}

export function subscriptionsSuite(ctx: SuiteContext): void {
  describe('subscriptions', () => {
    it('goes from catch-up to live without gaps or duplicates while appends go on', async () => {
      const store = await ctx.store();
      for (let i = 0; i < 20; i++) await store.append(`sub-${i % 4}`, evs(5));
      const seen: RecordedEvent[] = [];
      const writers = (async () => {
        for (let i = 0; i < 60; i++) {
          await store.append(`sub-${i % 5}`, evs(1 + (i % 3)));
          if (i % 7 === 0) await sleep(1);
        }
      })();
      const sub = store.subscribe({ batchSize: 7 }, (e) => {
        seen.push(e);
      });
      await writers;
      const total = Number((await store.stats()).events);
      await until(() => seen.length >= total);
      await sub.stop();
      const all = (await store.readAll({ limit: 10_000 })).events;
      expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
      await expect(sub.caughtUp).resolves.toBeUndefined();
    });

    it('starts from end, or after a given position, and filters by category', async () => {
      const store = await ctx.store();
      const early = await store.append('cat-1', evs(3));
      await store.append('dog-1', evs(2));
      const fromEnd: string[] = [];
      const fromPos: string[] = [];
      const cats: string[] = [];
      const s1 = store.subscribe({ from: 'end' }, (e) => void fromEnd.push(e.streamId));
      const s2 = store.subscribe({ from: early.firstPosition }, (e) => void fromPos.push(`${e.streamId}:${e.revision}`));
      const s3 = store.subscribe(
        { from: 'start', filter: { categories: ['cat'] } },
        (e) => void cats.push(`${e.streamId}:${e.revision}`),
      );
      await Promise.all([s1.caughtUp, s2.caughtUp, s3.caughtUp]);
      await store.append('cat-2', evs(1));
      await until(() => fromEnd.length === 1 && cats.length === 4 && fromPos.length === 5);
      await Promise.all([s1.stop(), s2.stop(), s3.stop()]);
      expect(fromEnd).toEqual(['cat-2']);
      expect(fromPos).toEqual(['cat-1:1', 'cat-1:2', 'dog-1:0', 'dog-1:1', 'cat-2:0']);
      expect(cats).toEqual(['cat-1:0', 'cat-1:1', 'cat-1:2', 'cat-2:0']);
    });

    it('follows one stream from a revision, catch-up then live', async () => {
      const store = await ctx.store();
      await store.append('one-1', evs(4));
      await store.append('other-1', evs(4));
      const got: bigint[] = [];
      const sub = store.subscribe({ stream: 'one-1', fromRevision: 1n, batchSize: 2 }, (e) => void got.push(e.revision));
      await sub.caughtUp;
      await store.append('one-1', evs(2));
      await store.append('other-1', evs(2));
      await until(() => got.length === 4);
      await sub.stop();
      expect(got).toEqual([2n, 3n, 4n, 5n]);
    });

    it('awaits the handler (backpressure): one event at a time, in order', async () => {
      const store = await ctx.store();
      await store.append('bp-1', evs(10));
      let inFlight = 0;
      let maxInFlight = 0;
      const got: bigint[] = [];
      const sub = store.subscribe({ batchSize: 3 }, async (e) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(1);
        got.push(e.revision);
        inFlight--;
      });
      await sub.caughtUp;
      await sub.stop();
      expect(maxInFlight).toBe(1);
      expect(got).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
    });

    it('passes a handler error to the caller and stops; an AbortSignal stops it cleanly', async () => {
      const store = await ctx.store();
      await store.append('err-1', evs(3));
      const failing = store.subscribe({}, (e) => {
        if (e.revision === 1n) throw new Error('boom');
      });
      await expect(failing.done).rejects.toThrow('boom');
      expect(failing.position()).not.toBe(START);

      const controller = new AbortController();
      const got: string[] = [];
      const sub = store.subscribe({ signal: controller.signal }, (e) => void got.push(e.id));
      await sub.caughtUp;
      controller.abort();
      await expect(sub.done).resolves.toBeUndefined();
      await store.append('err-1', [ev()]);
      await sleep(20);
      expect(got).toHaveLength(3);
    });
  });
}
