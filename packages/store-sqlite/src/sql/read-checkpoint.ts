// Reads a consumer's checkpoint position.
import type { Position } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const READ_CHECKPOINT_SQL = 'SELECT position FROM logbook_checkpoints WHERE name = ?';

export function readCheckpoint(db: SqliteDatabase): (name: string) => Position | undefined {
  const stmt = db.prepare(READ_CHECKPOINT_SQL);
  return (name) => (stmt.get(name) as { position: Position } | undefined)?.position;
}
