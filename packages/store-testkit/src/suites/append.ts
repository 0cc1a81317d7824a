// Appends: 0-based contiguous revisions, every expected-revision variant, and rejected appends leaving no trace.
import { type ExpectedRevision, comparePositions, isUuid } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { collect, ev, evs, rejectsWith, revisions } from '../fixtures.js';

export function appendSuite(ctx: SuiteContext): void {
  describe('append', () => {
    it('numbers revisions from 0, contiguously, across appends', async () => {
      const store = await ctx.store();
      const a = await store.append('order-1', evs(3));
      expect([a.firstRevision, a.lastRevision]).toEqual([0n, 2n]);
      const b = await store.append('order-1', evs(2));
      expect([b.firstRevision, b.lastRevision]).toEqual([3n, 4n]);
      expect(revisions(await store.readStreamToArray('order-1'))).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('records id, type, data, metadata, stream, revision, position and an ISO-8601 UTC time', async () => {
      const store = await ctx.store();
      const before = Date.now();
      const out = await store.append('order-2', [
        { type: 'Placed', data: { total: 12.5, items: ['a'] }, metadata: { by: 'ada' } },
      ]);
      const [e] = out.events;
      expect(e).toBeDefined();
      if (!e) return;
      expect(isUuid(e.id)).toBe(true);
      expect(e).toMatchObject({ streamId: 'order-2', revision: 0n, type: 'Placed', data: { total: 12.5, items: ['a'] } });
      expect(e.metadata).toMatchObject({ by: 'ada' });
      expect(e.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(before - 2000);
      expect(out.position).toBe(e.position);
      const [read] = await store.readStreamToArray('order-2');
      expect(read).toEqual(e);
    });

    it('gives increasing global positions in commit order', async () => {
      const store = await ctx.store();
      const a = await store.append('a-1', evs(2));
      const b = await store.append('b-1', evs(1));
      const c = await store.append('a-1', evs(1));
      expect(comparePositions(a.firstPosition, a.position)).toBe(-1);
      expect(comparePositions(a.position, b.position)).toBe(-1);
      expect(comparePositions(b.position, c.position)).toBe(-1);
    });

    const cases: Array<[string, ExpectedRevision, 'missing' | 'existing', boolean]> = [
      ['any on a missing stream', 'any', 'missing', true],
      ['any on an existing stream', 'any', 'existing', true],
      ['no_stream on a missing stream', 'no_stream', 'missing', true],
      ['no_stream on an existing stream', 'no_stream', 'existing', false],
      ['stream_exists on a missing stream', 'stream_exists', 'missing', false],
      ['stream_exists on an existing stream', 'stream_exists', 'existing', true],
      ['the exact last revision', 1n, 'existing', true],
      ['a stale revision', 0n, 'existing', false],
      ['a future revision', 5n, 'existing', false],
      ['a revision on a missing stream', 0n, 'missing', false],
    ];
    for (const [label, expected, state, accepted] of cases) {
      it(`expected revision: ${label} is ${accepted ? 'accepted' : 'rejected'}`, async () => {
        const store = await ctx.store();
        if (state === 'existing') await store.append('acct-1', evs(2));
        const attempt = store.append('acct-1', evs(1), { expectedRevision: expected });
        if (accepted) {
          const out = await attempt;
          expect(out.outcome).toBe('appended');
          expect(out.firstRevision).toBe(state === 'existing' ? 2n : 0n);
        } else {
          const err = await rejectsWith(attempt, 'wrong_expected_revision');
          expect(err.details).toMatchObject({ streamId: 'acct-1', expected, actual: state === 'existing' ? 1n : 'no_stream' });
        }
      });
    }

    it('leaves no trace when rejected: no revision bump, no consumed position, nothing written', async () => {
      const store = await ctx.store();
      const first = await store.append('acct-2', evs(1));
      await rejectsWith(store.append('acct-2', evs(3), { expectedRevision: 'no_stream' }), 'wrong_expected_revision');
      await rejectsWith(store.append('acct-2', [ev(), { type: 'Bad', data: (() => 1) as never }]), 'invalid_event');
      await rejectsWith(store.append('acct-3', evs(1), { expectedRevision: 0n }), 'wrong_expected_revision');
      const next = await store.append('acct-2', evs(1), { expectedRevision: 0n });
      expect(next.firstRevision).toBe(1n);
      const all = await store.readAll({ limit: 100 });
      expect(all.events.map((e) => e.streamId)).toEqual(['acct-2', 'acct-2']);
      expect((await store.streamInfo('acct-3')).exists).toBe(false);
      const stats = await store.stats();
      expect(stats.events).toBe(2n);
      expect(stats.streams).toBe(1n);
      expect(stats.head).toBe(next.position);
      expect(first.position).not.toBe(next.position);
    });

    it('appends all events of a call or none (atomic batch)', async () => {
      const store = await ctx.store();
      const big = 'x'.repeat(store.limits.maxEventBytes + 1);
      await rejectsWith(store.append('batch-1', [ev(), ev(), ev('Big', { big })]), 'payload_too_large');
      expect((await store.streamInfo('batch-1')).exists).toBe(false);
      const out = await store.append('batch-1', evs(250));
      expect(out.lastRevision).toBe(249n);
      expect((await collect(store.readStream('batch-1', { pageSize: 7 }))).length).toBe(250);
    });

    it('reports stream info: exists, last revision, first and last recordedAt', async () => {
      const store = await ctx.store();
      expect(await store.streamInfo('info-1')).toEqual({ streamId: 'info-1', exists: false });
      await store.append('info-1', evs(2));
      const last = await store.append('info-1', evs(1));
      const info = await store.streamInfo('info-1');
      expect(info).toMatchObject({
        streamId: 'info-1',
        exists: true,
        lastRevision: 2n,
        lastRecordedAt: last.events[0]?.recordedAt,
      });
      expect(Date.parse(info.firstRecordedAt ?? '')).toBeLessThanOrEqual(Date.parse(info.lastRecordedAt ?? ''));
    });
  });
}
