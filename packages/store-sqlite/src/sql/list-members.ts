// The live (unexpired) members of a consumer group, ordered.
import type { SqliteDatabase } from '../driver.js';

export const LIST_MEMBERS_SQL = `SELECT member FROM logbook_lease_members WHERE group_name = ? AND expires_at >= ? ORDER BY member`;

export function listMembers(db: SqliteDatabase): (group: string, nowMs: number) => string[] {
  const stmt = db.prepare(LIST_MEMBERS_SQL);
  return (group, nowMs) => (stmt.all(group, nowMs) as Array<{ member: string }>).map((r) => r.member);
}
