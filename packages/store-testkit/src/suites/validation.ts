// Bad input gets a typed error with a stable code and changes nothing; unicode round-trips byte for byte.
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { ev, rejectsWith } from '../fixtures.js';

export function validationSuite(ctx: SuiteContext): void {
  describe('validation', () => {
    it('rejects bad stream ids with invalid_stream_id', async () => {
      const store = await ctx.store();
      for (const id of ['', 'x'.repeat(257), 'é'.repeat(129), 'a\u0000b', 'tab\there', 'nl\n', '$system', '\ud800lone']) {
        await rejectsWith(store.append(id, [ev()]), 'invalid_stream_id');
      }
      const ok = 'x'.repeat(256);
      expect((await store.append(ok, [ev()])).streamId).toBe(ok);
      expect((await store.stats()).events).toBe(1n);
    });

    it('rejects data that is not JSON with invalid_event', async () => {
      const store = await ctx.store();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const bad: unknown[] = [
        () => 1,
        10n,
        cyclic,
        undefined,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        new Date(),
        { f: Symbol('s') },
        [1, () => 2],
      ];
      for (const data of bad) await rejectsWith(store.append('v-1', [{ type: 'T', data: data as never }]), 'invalid_event');
      await rejectsWith(store.append('v-1', [{ type: '', data: 1 }]), 'invalid_event');
      await rejectsWith(store.append('v-1', [{ type: 'T', data: 1, metadata: [] as never }]), 'invalid_event');
      await rejectsWith(store.append('v-1', [{ type: 'T', data: 1, id: 'not-a-uuid' }]), 'invalid_event');
      await rejectsWith(store.append('v-1', []), 'invalid_event');
      expect((await store.streamInfo('v-1')).exists).toBe(false);
    });

    it('rejects events and batches over the size limits with payload_too_large', async () => {
      const store = await ctx.store({ limits: { maxEventBytes: 1000, maxEventsPerAppend: 5, maxAppendBytes: 2000 } });
      await rejectsWith(store.append('p-1', [ev('T', { s: 'x'.repeat(1000) })]), 'payload_too_large');
      await rejectsWith(
        store.append(
          'p-1',
          Array.from({ length: 6 }, () => ev()),
        ),
        'payload_too_large',
      );
      await rejectsWith(
        store.append(
          'p-1',
          Array.from({ length: 3 }, () => ev('T', { s: 'x'.repeat(900) })),
        ),
        'payload_too_large',
      );
      expect((await store.stats()).events).toBe(0n);
      expect((await store.append('p-1', [ev('T', { s: 'x'.repeat(900) })])).lastRevision).toBe(0n);
    });

    it('round-trips unicode stream ids, types and payloads byte for byte', async () => {
      const store = await ctx.store();
      const id = 'naïve-Ünïcødé-日本語-🎉-\u00e9\u0065\u0301';
      const data = {
        s: 'ℌ𝔢𝔩𝔩𝔬 🌍 \u0000-nul \u2028 "quotes" \\ back',
        rtl: 'مرحبا',
        combining: 'e\u0301',
        n: -0.5e-10,
        big: 2 ** 53 - 1,
      };
      const metadata = { ключ: 'значение', emoji: '👩‍👩‍👧' };
      await store.append(id, [{ type: 'Événement-✓', data, metadata }]);
      const [e] = await store.readStreamToArray(id);
      expect(e?.streamId).toBe(id);
      expect(e?.type).toBe('Événement-✓');
      expect(JSON.stringify(e?.data)).toBe(JSON.stringify(data));
      expect(e?.metadata).toMatchObject(metadata);
      expect((await store.listStreams({ prefix: 'naïve', limit: 5 })).streams.map((s) => s.streamId)).toEqual([id]);
      expect((await store.readAll({ filter: { categories: ['naïve'] } })).events).toHaveLength(1);
    });
  });
}
