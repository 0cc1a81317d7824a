// The unexpired leases of a consumer group, ordered by partition.
import type { SqliteDatabase } from '../driver.js';
import type { LeaseRow } from './read-lease.js';

export const LIST_LEASES_SQL = `SELECT partition, owner, token, expires_at FROM logbook_leases
  WHERE group_name = ? AND expires_at >= ? ORDER BY partition`;

export function listLeases(db: SqliteDatabase): (group: string, nowMs: number) => LeaseRow[] {
  const stmt = db.prepare(LIST_LEASES_SQL).safeIntegers(true);
  return (group, nowMs) =>
    (stmt.all(group, nowMs) as Array<{ partition: bigint; owner: string; token: bigint; expires_at: bigint }>).map((r) => ({
      group,
      partition: Number(r.partition),
      owner: r.owner,
      token: r.token,
      expiresAt: Number(r.expires_at),
    }));
}
