// Concurrency torture: 8 writers with random expected revisions, sleeps and rollbacks inside their transactions,
// while 3 subscribers follow the global log. Every acknowledged event must reach every subscriber exactly once.
import { EventStore, type ExpectedRevision, LogbookError, type RecordedEvent, comparePositions, sleep } from '@logbook/core';
import { expect, it } from 'vitest';
import { testStore } from './helpers.js';

const WRITERS = 8;
const SUBSCRIBERS = 3;
const STREAMS = ['hot-0', 'hot-1', 'hot-2', 'hot-3'];
const WRITE_FOR_MS = 20_000;

class DeliberateRollback extends Error {}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

it('loses and duplicates nothing under concurrent writers with sleeps and rollbacks inside transactions', {
  timeout: 90_000,
}, async () => {
  // The hook below reads nothing other appends write, so inline appends may run concurrently (the point here).
  const port = await testStore({ poolSize: 12, serializeInlineAppends: false });
  const store = new EventStore(port);
  let rollbacks = 0;
  store.use({
    inline: async () => {
      // Hold the transaction open (and its transaction id below readers' horizon) for a while.
      await sleep(Math.random() < 0.3 ? Math.random() * 25 : Math.random() * 3);
      if (Math.random() < 0.1) {
        rollbacks++;
        throw new DeliberateRollback('deliberate rollback');
      }
    },
  });

  const delivered: RecordedEvent[][] = Array.from({ length: SUBSCRIBERS }, () => []);
  const subs = delivered.map((into, i) =>
    store.subscribe({ batchSize: 1 + i * 2 }, async (e) => {
      into.push(e);
      if (Math.random() < 0.05) await sleep(1);
    }),
  );

  const acked = new Map<string, RecordedEvent>();
  const known = new Map<string, bigint>();
  let appends = 0;
  let conflicts = 0;
  const stopAt = Date.now() + WRITE_FOR_MS;
  const expectedFor = (streamId: string): ExpectedRevision => {
    const k = known.get(streamId);
    const r = Math.random();
    if (r < 0.45 && k !== undefined) return k;
    if (r < 0.6) return 'any';
    if (r < 0.7) return 'no_stream';
    if (r < 0.8) return 'stream_exists';
    return BigInt(Math.floor(Math.random() * Number((k ?? 0n) + 2n)));
  };
  const payload = () => ({ type: 'Tick', data: { at: Date.now(), r: Math.random() } });

  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (Date.now() < stopAt) {
        try {
          if (Math.random() < 0.1) {
            const [a, b] = [pick(STREAMS), pick(STREAMS)];
            if (a === b) continue;
            const out = await store.appendMultiple({
              appends: [
                { streamId: a, events: [payload()], expectedRevision: expectedFor(a) },
                { streamId: b, events: [payload(), payload()], expectedRevision: expectedFor(b) },
              ],
            });
            for (const e of out.recorded) acked.set(e.id, e);
            for (const r of out.results) known.set(r.streamId, r.lastRevision);
          } else {
            const streamId = pick(STREAMS);
            const count = 1 + Math.floor(Math.random() * 3);
            const out = await store.append(streamId, Array.from({ length: count }, payload), {
              expectedRevision: expectedFor(streamId),
            });
            for (const e of out.events) acked.set(e.id, e);
            known.set(streamId, out.lastRevision);
          }
          appends++;
        } catch (e) {
          if (e instanceof DeliberateRollback) continue;
          if (e instanceof LogbookError && e.code === 'wrong_expected_revision') {
            conflicts++;
            continue;
          }
          throw e;
        }
      }
    }),
  );

  // Let the subscribers drain everything acknowledged (bounded by the test timeout).
  const deadline = Date.now() + 30_000;
  while (delivered.some((d) => d.length < acked.size) && Date.now() < deadline) await sleep(20);
  await sleep(200); // a late duplicate, if any, would arrive here
  for (const s of subs) await s.stop();

  const report: Record<string, number> = { appends, ackedEvents: acked.size, conflicts, rollbacks };
  delivered.forEach((events, i) => {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    report[`sub${i}.lost`] = [...acked.keys()].filter((id) => !counts.has(id)).length;
    report[`sub${i}.duplicated`] = [...counts.values()].filter((n) => n > 1).length;
    report[`sub${i}.unacknowledged`] = [...counts.keys()].filter((id) => !acked.has(id)).length;
  });
  console.info('[torture]', JSON.stringify(report));

  expect(appends).toBeGreaterThan(100);
  expect(conflicts).toBeGreaterThan(0);
  expect(rollbacks).toBeGreaterThan(0);
  for (let i = 0; i < SUBSCRIBERS; i++) {
    expect(report[`sub${i}.lost`]).toBe(0);
    expect(report[`sub${i}.duplicated`]).toBe(0);
    expect(report[`sub${i}.unacknowledged`]).toBe(0);
    const events = delivered[i] as RecordedEvent[];
    // Strictly increasing positions, and each stream's revisions in order without holes.
    const next = new Map<string, bigint>();
    for (let j = 0; j < events.length; j++) {
      const e = events[j] as RecordedEvent;
      if (j > 0) expect(comparePositions((events[j - 1] as RecordedEvent).position, e.position)).toBe(-1);
      expect(e.revision).toBe(next.get(e.streamId) ?? 0n);
      next.set(e.streamId, e.revision + 1n);
      expect(e).toEqual(acked.get(e.id));
    }
  }

  // The database holds exactly the acknowledged events, with contiguous revisions per stream.
  const stats = await store.stats();
  expect(stats.events).toBe(BigInt(acked.size));
  let rows = 0;
  for (let from = '0', atEnd = false; !atEnd; ) {
    const page = await store.readAll({ from, limit: 1000 });
    rows += page.events.length;
    ({ next: from, atEnd } = page);
  }
  expect(rows).toBe(acked.size);
  for (const streamId of STREAMS) {
    const revisions: bigint[] = [];
    for await (const e of store.readStream(streamId)) revisions.push(e.revision);
    expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
    expect(revisions.length).toBe([...acked.values()].filter((e) => e.streamId === streamId).length);
  }
});
