// 20 concurrent clients appending to one stream with optimistic concurrency: no lost and no duplicated event.
import { randomUUID } from 'node:crypto';
import { LogbookClient, isLogbookHttpError } from '@logbook/client';
import { afterAll, describe, expect, it } from 'vitest';
import { STORES, removeTempDirs, startTestServer } from './helpers.js';

afterAll(removeTempDirs);

describe.each(STORES)('concurrent appends on $name', (kind) => {
  it('20 clients x 5 appends over 4 streams, with conflicts and retries: every acknowledged event exactly once', async () => {
    const s = await startTestServer(await kind.create());
    try {
      const acknowledged: string[] = [];
      let conflicts = 0;
      const worker = async (w: number) => {
        const client = new LogbookClient({ baseUrl: s.url });
        for (let i = 0; i < 5; i++) {
          const id = randomUUID();
          const stream = `counter-${(w + i) % 4}`;
          for (;;) {
            const head = await client.readStream(stream, { direction: 'backward', limit: 1 }).catch((e) => {
              if (isLogbookHttpError(e, 'stream_not_found')) return { events: [] };
              throw e;
            });
            const last = head.events[0];
            try {
              const r = await client.append(stream, [{ id, type: 'Incremented', data: { w, i } }], {
                expectedRevision: last ? last.revision : 'no_stream',
              });
              expect(r.firstRevision).toBe(last ? last.revision + 1 : 0);
              acknowledged.push(id);
              break;
            } catch (e) {
              if (!isLogbookHttpError(e, 'wrong_expected_revision')) throw e;
              conflicts++;
            }
          }
        }
        // A retry of an acknowledged append is idempotent and changes nothing.
        const again = await client
          .append(`counter-${(w + 9) % 4}`, [{ id: acknowledged.at(-1) as string, type: 'X', data: null }])
          .catch((e) => e);
        expect(isLogbookHttpError(again, 'idempotency_conflict') || again.outcome === 'already_appended').toBe(true);
      };
      await Promise.all(Array.from({ length: 20 }, (_, w) => worker(w)));
      const events = [];
      for (let k = 0; k < 4; k++) {
        const stream = [];
        for await (const e of s.client.readStreamAll(`counter-${k}`)) stream.push(e);
        expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
        events.push(...stream);
      }
      expect(events).toHaveLength(100);
      expect(acknowledged).toHaveLength(100);
      expect(new Set(events.map((e) => e.id))).toEqual(new Set(acknowledged));
      expect((await s.client.stats()).events).toBe(100);
      expect(conflicts).toBeGreaterThan(0);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toContain(`logbook_append_conflicts_total{code="wrong_expected_revision"} ${conflicts}`);
    } finally {
      await s.close();
    }
  });
});
