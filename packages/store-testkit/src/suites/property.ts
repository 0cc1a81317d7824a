// Property-based test: random concurrent appends with random expected revisions never lose, duplicate or misorder events.
import { type ExpectedRevision, LogbookError, type RecordedEvent, comparePositions, revisionMatches } from '@logbook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { evs } from '../fixtures.js';
import { readEverything } from './reads.js';

const expectedArb: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constantFrom<ExpectedRevision>('any', 'no_stream', 'stream_exists'),
  fc.bigInt({ min: 0n, max: 6n }),
);
const opArb = fc.record({
  stream: fc.integer({ min: 0, max: 2 }),
  expected: expectedArb,
  count: fc.integer({ min: 1, max: 3 }),
  delay: fc.integer({ min: 0, max: 3 }),
});

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

export function propertySuite(ctx: SuiteContext, runs: number): void {
  describe('property: concurrent appends', () => {
    it(
      'no lost or duplicated event, contiguous revisions, conflicts exactly when expected != actual, consistent global order',
      async () => {
        let conflicts = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 24 }), async (ops) => {
            const store = await ctx.store();
            const acked: RecordedEvent[] = [];
            await Promise.all(
              ops.map(async (op) => {
                await ticks(op.delay);
                const streamId = `prop-${op.stream}`;
                try {
                  const out = await store.append(streamId, evs(op.count), { expectedRevision: op.expected });
                  expect(out.lastRevision - out.firstRevision).toBe(BigInt(op.count - 1));
                  // Accepted: the stream was exactly as expected just before this append.
                  const before = out.firstRevision === 0n ? 'no_stream' : out.firstRevision - 1n;
                  expect(revisionMatches(op.expected, before)).toBe(true);
                  acked.push(...out.events);
                } catch (e) {
                  if (!(e instanceof LogbookError) || e.code !== 'wrong_expected_revision') throw e;
                  // Rejected: the stream really was otherwise.
                  expect(revisionMatches(op.expected, e.details.actual as bigint | 'no_stream')).toBe(false);
                  conflicts++;
                }
              }),
            );
            const log = await readEverything(store, 1000);
            // Exactly the acknowledged events, once each.
            expect(log.map((e) => e.id).sort()).toEqual(acked.map((e) => e.id).sort());
            expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
            // Global order is strictly increasing and consistent with each stream's order; revisions contiguous from 0.
            const perStream = new Map<string, bigint>();
            for (let i = 0; i < log.length; i++) {
              const e = log[i] as RecordedEvent;
              if (i > 0) expect(comparePositions((log[i - 1] as RecordedEvent).position, e.position)).toBe(-1);
              const next = perStream.get(e.streamId) ?? 0n;
              expect(e.revision).toBe(next);
              perStream.set(e.streamId, next + 1n);
            }
            for (const [streamId, count] of perStream) {
              expect((await store.streamInfo(streamId)).lastRevision).toBe(count - 1n);
            }
            // Paging the global log with every page size yields each event once.
            const ids = log.map((e) => e.id);
            for (let size = 1; size <= Math.min(ids.length, 12); size++) {
              expect((await readEverything(store, size)).map((e) => e.id)).toEqual(ids);
            }
          }),
          { numRuns: runs },
        );
        // The generator must actually produce conflicts, or the property proves little.
        expect(conflicts).toBeGreaterThan(0);
      },
      ctx.timeout * 4,
    );
  });
}
