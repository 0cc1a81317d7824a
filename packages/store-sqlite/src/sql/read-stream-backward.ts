// One backward page of a stream: revisions from `from` (inclusive) downwards.
import type { RecordedEvent } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';
import { EVENT_COLUMNS, type EventRow, toRecorded } from '../rows.js';

export const READ_STREAM_BACKWARD_SQL = `SELECT ${EVENT_COLUMNS} FROM logbook_events
  WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`;

/** Larger than any revision, for "from the last event". */
export const LAST_REVISION = 9223372036854775807n;

export function readStreamBackward(db: SqliteDatabase): (streamId: string, from: bigint, limit: number) => RecordedEvent[] {
  const stmt = db.prepare(READ_STREAM_BACKWARD_SQL).safeIntegers(true);
  return (streamId, from, limit) => (stmt.all(streamId, from, limit) as EventRow[]).map(toRecorded);
}
