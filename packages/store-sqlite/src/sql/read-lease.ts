// Reads the lease row of a consumer-group partition, expired or not (its token is what fences stale writers).
import type { SqliteDatabase } from '../driver.js';

export const READ_LEASE_SQL = 'SELECT owner, token, expires_at FROM logbook_leases WHERE group_name = ? AND partition = ?';

export interface LeaseRow {
  group: string;
  partition: number;
  owner: string;
  token: bigint;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export function readLease(db: SqliteDatabase): (group: string, partition: number) => LeaseRow | undefined {
  const stmt = db.prepare(READ_LEASE_SQL).safeIntegers(true);
  return (group, partition) => {
    const row = stmt.get(group, partition) as { owner: string; token: bigint; expires_at: bigint } | undefined;
    return row && { group, partition, owner: row.owner, token: row.token, expiresAt: Number(row.expires_at) };
  };
}
