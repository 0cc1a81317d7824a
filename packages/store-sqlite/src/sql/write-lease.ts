// Stores a consumer-group partition lease (owner, fencing token, expiry), replacing the previous row.
import type { SqliteDatabase } from '../driver.js';
import type { LeaseRow } from './read-lease.js';

export const WRITE_LEASE_SQL = `INSERT INTO logbook_leases (group_name, partition, owner, token, expires_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (group_name, partition) DO UPDATE SET owner = excluded.owner, token = excluded.token,
    expires_at = excluded.expires_at`;

export function writeLease(db: SqliteDatabase): (lease: LeaseRow) => void {
  const stmt = db.prepare(WRITE_LEASE_SQL);
  return (l) => {
    stmt.run(l.group, l.partition, l.owner, l.token, l.expiresAt);
  };
}
