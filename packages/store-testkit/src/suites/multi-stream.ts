// Multi-stream atomic appends with check-only conditions: all or nothing.
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { evs, rejectsWith } from '../fixtures.js';

export function multiStreamSuite(ctx: SuiteContext): void {
  describe('multi-stream append', () => {
    it('writes several streams atomically with their own expected revisions', async () => {
      const store = await ctx.store();
      await store.append('from-1', evs(2));
      const out = await store.appendMultiple({
        appends: [
          { streamId: 'from-1', events: evs(1), expectedRevision: 1n },
          { streamId: 'to-1', events: evs(2), expectedRevision: 'no_stream' },
        ],
      });
      expect(out.results.map((r) => [r.streamId, r.firstRevision, r.lastRevision, r.outcome])).toEqual([
        ['from-1', 2n, 2n, 'appended'],
        ['to-1', 0n, 1n, 'appended'],
      ]);
      expect(out.recorded.length).toBe(3);
    });

    it('writes nothing when any stream check fails, and names that stream', async () => {
      const store = await ctx.store();
      await store.append('from-2', evs(1));
      const err = await rejectsWith(
        store.appendMultiple({
          appends: [
            { streamId: 'from-2', events: evs(1), expectedRevision: 0n },
            { streamId: 'to-2', events: evs(1), expectedRevision: 0n },
          ],
        }),
        'wrong_expected_revision',
      );
      expect(err.details).toMatchObject({ streamId: 'to-2', actual: 'no_stream' });
      expect((await store.streamInfo('from-2')).lastRevision).toBe(0n);
      expect((await store.streamInfo('to-2')).exists).toBe(false);
      expect((await store.stats()).events).toBe(1n);
    });

    it('honours check-only conditions on streams it does not write', async () => {
      const store = await ctx.store();
      await store.append('guard-1', evs(1));
      const err = await rejectsWith(
        store.appendMultiple({
          appends: [{ streamId: 'w-1', events: evs(1) }],
          conditions: [{ streamId: 'guard-1', expectedRevision: 'no_stream' }],
        }),
        'wrong_expected_revision',
      );
      expect(err.details).toMatchObject({ streamId: 'guard-1', actual: 0n });
      expect((await store.streamInfo('w-1')).exists).toBe(false);
      const ok = await store.appendMultiple({
        appends: [{ streamId: 'w-1', events: evs(1) }],
        conditions: [
          { streamId: 'guard-1', expectedRevision: 0n },
          { streamId: 'guard-2', expectedRevision: 'no_stream' },
        ],
      });
      expect(ok.results).toHaveLength(1);
      expect((await store.streamInfo('guard-2')).exists).toBe(false);
    });

    it('rejects a stream written twice or both written and conditioned', async () => {
      const store = await ctx.store();
      await rejectsWith(
        store.appendMultiple({
          appends: [
            { streamId: 'd-1', events: evs(1) },
            { streamId: 'd-1', events: evs(1) },
          ],
        }),
        'invalid_request',
      );
      await rejectsWith(
        store.appendMultiple({
          appends: [{ streamId: 'd-1', events: evs(1) }],
          conditions: [{ streamId: 'd-1', expectedRevision: 'any' }],
        }),
        'invalid_request',
      );
      expect((await store.stats()).events).toBe(0n);
    });
  });
}
