// Reads a stream's named snapshot.
import type { JsonValue, StoredSnapshot } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const READ_SNAPSHOT_SQL = `SELECT revision, schema_version, state, taken_at FROM logbook_snapshots
  WHERE stream_id = ? AND name = ?`;

export function readSnapshot(db: SqliteDatabase): (streamId: string, name: string) => StoredSnapshot | undefined {
  const stmt = db.prepare(READ_SNAPSHOT_SQL).safeIntegers(true);
  return (streamId, name) => {
    const row = stmt.get(streamId, name) as
      | { revision: bigint; schema_version: bigint; state: string; taken_at: string }
      | undefined;
    if (!row) return undefined;
    return {
      streamId,
      name,
      revision: row.revision,
      schemaVersion: Number(row.schema_version),
      state: JSON.parse(row.state) as JsonValue,
      takenAt: row.taken_at,
    };
  };
}
