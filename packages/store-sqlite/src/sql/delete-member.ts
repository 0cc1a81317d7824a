// Removes a member from a consumer group.
import type { SqliteDatabase } from '../driver.js';

export const DELETE_MEMBER_SQL = 'DELETE FROM logbook_lease_members WHERE group_name = ? AND member = ?';

export function deleteMember(db: SqliteDatabase): (group: string, member: string) => void {
  const stmt = db.prepare(DELETE_MEMBER_SQL);
  return (group, member) => {
    stmt.run(group, member);
  };
}
