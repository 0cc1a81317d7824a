// A stream's head row: last revision and first/last recordedAt, or undefined when it does not exist.
import type { SqliteDatabase } from '../driver.js';

export const STREAM_INFO_SQL = `SELECT last_revision, first_recorded_at, last_recorded_at FROM logbook_streams WHERE stream_id = ?`;

export interface StreamRow {
  last_revision: bigint;
  first_recorded_at: string;
  last_recorded_at: string;
}

export function streamInfo(db: SqliteDatabase): (streamId: string) => StreamRow | undefined {
  const stmt = db.prepare(STREAM_INFO_SQL).safeIntegers(true);
  return (streamId) => stmt.get(streamId) as StreamRow | undefined;
}
