// Stores (or moves) a consumer's checkpoint.
import type { Position } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const WRITE_CHECKPOINT_SQL = `INSERT INTO logbook_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`;

export function writeCheckpoint(db: SqliteDatabase): (name: string, position: Position, updatedAt: string) => void {
  const stmt = db.prepare(WRITE_CHECKPOINT_SQL);
  return (name, position, updatedAt) => {
    stmt.run(name, position, updatedAt);
  };
}
