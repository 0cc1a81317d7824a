// Records that a consumer-group member is alive until the given time.
import type { SqliteDatabase } from '../driver.js';

export const HEARTBEAT_MEMBER_SQL = `INSERT INTO logbook_lease_members (group_name, member, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (group_name, member) DO UPDATE SET expires_at = excluded.expires_at`;

export function heartbeatMember(db: SqliteDatabase): (group: string, member: string, expiresAtMs: number) => void {
  const stmt = db.prepare(HEARTBEAT_MEMBER_SQL);
  return (group, member, expiresAtMs) => {
    stmt.run(group, member, expiresAtMs);
  };
}
