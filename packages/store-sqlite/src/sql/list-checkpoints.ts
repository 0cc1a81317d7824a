// Every checkpoint, ordered by name.
import type { Position } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const LIST_CHECKPOINTS_SQL = 'SELECT name, position, updated_at FROM logbook_checkpoints ORDER BY name';

export function listCheckpoints(db: SqliteDatabase): () => Array<{ name: string; position: Position; updatedAt: string }> {
  const stmt = db.prepare(LIST_CHECKPOINTS_SQL);
  return () =>
    (stmt.all() as Array<{ name: string; position: Position; updated_at: string }>).map((r) => ({
      name: r.name,
      position: r.position,
      updatedAt: r.updated_at,
    }));
}
