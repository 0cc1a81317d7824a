// Releases (scope, value) only when the releasing owner holds it.
import type { SqliteDatabase } from '../driver.js';

export const RELEASE_UNIQUE_SQL = 'DELETE FROM logbook_uniques WHERE scope = ? AND value = ? AND owner = ?';

export function releaseUnique(db: SqliteDatabase): (scope: string, value: string, owner: string) => void {
  const stmt = db.prepare(RELEASE_UNIQUE_SQL);
  return (scope, value, owner) => {
    stmt.run(scope, value, owner);
  };
}
