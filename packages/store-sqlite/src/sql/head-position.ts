// The position of the last committed event, 0 for an empty log. Positions are gap-free, so this is also the count.
import type { SqliteDatabase } from '../driver.js';

export const HEAD_POSITION_SQL = 'SELECT coalesce(max(position), 0) AS head FROM logbook_events';

export function headPosition(db: SqliteDatabase): () => bigint {
  const stmt = db.prepare(HEAD_POSITION_SQL).safeIntegers(true);
  return () => (stmt.get() as { head: bigint }).head;
}
