// Rebuilds only: removes every unique claim.
import type { SqliteDatabase } from '../driver.js';

export const RESET_UNIQUES_SQL = 'DELETE FROM logbook_uniques';

export function resetUniques(db: SqliteDatabase): () => void {
  const stmt = db.prepare(RESET_UNIQUES_SQL);
  return () => {
    stmt.run();
  };
}
