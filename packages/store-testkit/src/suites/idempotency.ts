// Idempotent appends by event id: the same events again are acknowledged with the original outcome; anything else conflicts.
import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { rejectsWith } from '../fixtures.js';

export function idempotencySuite(ctx: SuiteContext): void {
  describe('idempotency', () => {
    const batch = (): EventToAppend[] => [
      { id: randomUUID(), type: 'Opened', data: { owner: 'ada' } },
      { id: randomUUID(), type: 'Deposited', data: { amount: 10 } },
    ];

    it('re-appending the same events returns already_appended with the original revisions and positions, writing nothing', async () => {
      const store = await ctx.store();
      await store.append('acct-1', [{ type: 'Before', data: null }]);
      const events = batch();
      const first = await store.append('acct-1', events, { expectedRevision: 0n });
      const again = await store.append('acct-1', events, { expectedRevision: 0n });
      expect(again.outcome).toBe('already_appended');
      expect(again).toMatchObject({
        firstRevision: first.firstRevision,
        lastRevision: first.lastRevision,
        position: first.position,
        firstPosition: first.firstPosition,
      });
      // Even with another expected revision (a retry after a lost acknowledgement), the outcome is the same.
      const retry = await store.append('acct-1', events, { expectedRevision: 'any' });
      expect(retry.outcome).toBe('already_appended');
      expect((await store.stats()).events).toBe(3n);
      expect((await store.append('acct-1', [{ type: 'After', data: null }])).firstRevision).toBe(3n);
    });

    it('the same id with other content fails with idempotency_conflict', async () => {
      const store = await ctx.store();
      const [a, b] = batch();
      if (!a || !b) throw new Error('unreachable');
      await store.append('acct-2', [a, b]);
      await rejectsWith(store.append('acct-2', [a, { ...b, data: { amount: 11 } }]), 'idempotency_conflict');
      await rejectsWith(store.append('acct-2', [{ ...a, type: 'Other' }, b]), 'idempotency_conflict');
      expect((await store.stats()).events).toBe(2n);
    });

    it('the same id elsewhere (another stream, another place, a partial batch) fails with idempotency_conflict', async () => {
      const store = await ctx.store();
      const [a, b] = batch();
      if (!a || !b) throw new Error('unreachable');
      await store.append('acct-3', [a, b]);
      await rejectsWith(store.append('acct-4', [a]), 'idempotency_conflict');
      await rejectsWith(store.append('acct-3', [b, a]), 'idempotency_conflict');
      await rejectsWith(store.append('acct-3', [a, b, { id: randomUUID(), type: 'More', data: 1 }]), 'idempotency_conflict');
      await rejectsWith(store.append('acct-3', [{ id: randomUUID(), type: 'New', data: 1 }, b]), 'idempotency_conflict');
      expect((await store.stats()).events).toBe(2n);
      expect((await store.streamInfo('acct-4')).exists).toBe(false);
    });

    it('a multi-stream append retried as a whole is already_appended for every stream', async () => {
      const store = await ctx.store();
      const input = {
        appends: [
          { streamId: 'x-1', events: batch() },
          { streamId: 'y-1', events: batch() },
        ],
      };
      const first = await store.appendMultiple(input);
      const again = await store.appendMultiple(input);
      expect(again.results.map((r) => r.outcome)).toEqual(['already_appended', 'already_appended']);
      expect(again.results.map((r) => r.position)).toEqual(first.results.map((r) => r.position));
      expect((await store.stats()).events).toBe(4n);
    });

    it('two concurrent appends of the same events: one appended, the other already_appended, stored once', async () => {
      const store = await ctx.store();
      const events = batch();
      const outcomes = await Promise.all([
        store.append('race-1', events, { expectedRevision: 'any' }),
        store.append('race-1', events, { expectedRevision: 'any' }),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already_appended', 'appended']);
      expect(outcomes[0]?.position).toBe(outcomes[1]?.position);
      expect((await store.stats()).events).toBe(2n);
    });

    it('ids are stored lower-case and found by id', async () => {
      const store = await ctx.store();
      const id = randomUUID().toUpperCase();
      const out = await store.append('acct-5', [{ id, type: 'T', data: 1 }]);
      expect(out.events[0]?.id).toBe(id.toLowerCase());
      expect((await store.readEventById(id.toLowerCase()))?.streamId).toBe('acct-5');
      expect(await store.readEventById(randomUUID())).toBeUndefined();
    });
  });
}
