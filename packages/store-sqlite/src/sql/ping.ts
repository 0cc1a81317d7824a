// The health probe: a statement that touches the database file's schema.
import type { SqliteDatabase } from '../driver.js';

export const PING_SQL = 'SELECT count(*) AS n FROM logbook_schema_migrations';

export function ping(db: SqliteDatabase): () => void {
  const stmt = db.prepare(PING_SQL);
  return () => {
    stmt.get();
  };
}
