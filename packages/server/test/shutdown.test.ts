// Graceful shutdown during appends: every acknowledged event is in the database afterwards; SSE streams end cleanly.
import { join } from 'node:path';
import { LogbookClient } from '@logbook/client';
import { EventStore } from '@logbook/core';
import { createSqliteStore } from '@logbook/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, startTestServer, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('graceful shutdown', () => {
  it('loses no acknowledged append when stopped mid-load, and closes subscriptions and the store', async () => {
    const path = join(tempDir(), 'shutdown.db');
    const s = await startTestServer(await createSqliteStore({ path }));
    const acknowledged: string[] = [];
    let refused = 0;
    let stop = false;
    const client = new LogbookClient({ baseUrl: s.url });
    const sub = client.subscribe({ onEvent: () => {}, retryMaxMs: 50 });
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = crypto.randomUUID();
        try {
          await client.append(`load-${w}`, [{ id, type: 'Tick', data: { w, i } }]);
          acknowledged.push(id);
        } catch {
          refused++;
          if (refused > 200) return;
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    while (acknowledged.length < 50) await new Promise((r) => setTimeout(r, 5));
    await s.close();
    stop = true;
    await Promise.all(writers);
    sub.close();
    await sub.done;

    expect(s.logbook.state.openSubscriptions).toBe(0);
    // The store was closed by the server: reads now fail.
    await expect(s.store.port.ping()).rejects.toThrow();
    const reopened = new EventStore(await createSqliteStore({ path }));
    try {
      const stored = new Set<string>();
      let from: string | undefined;
      for (;;) {
        const page = await reopened.readAll({ from, limit: 1000 });
        for (const e of page.events) stored.add(e.id);
        if (page.atEnd) break;
        from = page.next;
      }
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(50);
    } finally {
      await reopened.close();
    }
  });
});
