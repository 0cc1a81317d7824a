// A page of streams ordered by the UTF-8 bytes of their ids (BINARY collation), after a cursor and within a prefix.
import type { StreamSummary } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';
import { listBounds } from '../prefix-range.js';

export const LIST_STREAMS_SQL = `SELECT stream_id, last_revision, last_recorded_at FROM logbook_streams
  WHERE stream_id >= ? AND stream_id < ?
  ORDER BY stream_id LIMIT ?`;

export function listStreams(
  db: SqliteDatabase,
): (options: { prefix?: string; after?: string; limit: number }) => StreamSummary[] {
  const stmt = db.prepare(LIST_STREAMS_SQL).safeIntegers(true);
  return ({ prefix, after, limit }) => {
    const { lower, upper } = listBounds({ prefix, after });
    const rows = stmt.all(lower, upper, limit) as Array<{
      stream_id: string;
      last_revision: bigint;
      last_recorded_at: string;
    }>;
    return rows.map((r) => ({ streamId: r.stream_id, lastRevision: r.last_revision, lastRecordedAt: r.last_recorded_at }));
  };
}
