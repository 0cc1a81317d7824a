// Fixtures for the per-SQL-file tests: a migrated in-memory database and event rows to seed it with.
import { randomUUID } from 'node:crypto';
import { categoryOf } from '@logbook/core';
import type { NewEventRow } from '../../src/sql/append-event.js';
import { memoryStatements } from '../helpers.js';

export { memoryStatements };

export function eventRow(position: number, streamId: string, revision: number, type = 'T', data: unknown = {}): NewEventRow {
  return {
    position: BigInt(position),
    id: randomUUID(),
    streamId,
    revision: BigInt(revision),
    type,
    category: categoryOf(streamId),
    data: JSON.stringify(data),
    metadata: '{}',
    recordedAt: `2026-01-01T00:00:0${position % 10}.000Z`,
  };
}

/** Seeds events (and their stream heads) in the order given; returns the rows. */
export function seed(s: ReturnType<typeof memoryStatements>['s'], spec: Array<[streamId: string, type?: string]>): NewEventRow[] {
  const revisions = new Map<string, number>();
  return spec.map(([streamId, type], i) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const row = eventRow(i + 1, streamId, revision, type);
    s.appendEvent(row);
    s.upsertStream(streamId, row.revision, row.recordedAt);
    return row;
  });
}
