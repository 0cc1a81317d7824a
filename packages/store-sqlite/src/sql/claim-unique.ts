// Claims (scope, value) for an owner unless someone else holds it; returns the holder after the statement.
import type { SqliteDatabase } from '../driver.js';

// The no-op DO UPDATE makes RETURNING report the existing holder on a conflict, so one statement both claims and checks.
export const CLAIM_UNIQUE_SQL = `INSERT INTO logbook_uniques (scope, value, owner) VALUES (?, ?, ?)
  ON CONFLICT (scope, value) DO UPDATE SET owner = logbook_uniques.owner
  RETURNING owner`;

/** Returns the owner now holding the value: `owner` when the claim succeeded (or it already held it). */
export function claimUnique(db: SqliteDatabase): (scope: string, value: string, owner: string) => string {
  const stmt = db.prepare(CLAIM_UNIQUE_SQL);
  return (scope, value, owner) => (stmt.get(scope, value, owner) as { owner: string }).owner;
}
