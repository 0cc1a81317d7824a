// How many streams exist.
import type { SqliteDatabase } from '../driver.js';

export const COUNT_STREAMS_SQL = 'SELECT count(*) AS n FROM logbook_streams';

export function countStreams(db: SqliteDatabase): () => bigint {
  const stmt = db.prepare(COUNT_STREAMS_SQL).safeIntegers(true);
  return () => (stmt.get() as { n: bigint }).n;
}
