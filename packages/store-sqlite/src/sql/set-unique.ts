// Rebuilds only: sets the holder of (scope, value) without checks (a later claim in history wins).
import type { SqliteDatabase } from '../driver.js';

export const SET_UNIQUE_SQL = `INSERT INTO logbook_uniques (scope, value, owner) VALUES (?, ?, ?)
  ON CONFLICT (scope, value) DO UPDATE SET owner = excluded.owner`;

export function setUnique(db: SqliteDatabase): (scope: string, value: string, owner: string) => void {
  const stmt = db.prepare(SET_UNIQUE_SQL);
  return (scope, value, owner) => {
    stmt.run(scope, value, owner);
  };
}
