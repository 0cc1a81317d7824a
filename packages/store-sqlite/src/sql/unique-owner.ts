// Who holds (scope, value), if anyone.
import type { SqliteDatabase } from '../driver.js';

export const UNIQUE_OWNER_SQL = 'SELECT owner FROM logbook_uniques WHERE scope = ? AND value = ?';

export function uniqueOwner(db: SqliteDatabase): (scope: string, value: string) => string | undefined {
  const stmt = db.prepare(UNIQUE_OWNER_SQL);
  return (scope, value) => (stmt.get(scope, value) as { owner: string } | undefined)?.owner;
}
