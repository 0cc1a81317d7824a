// Deletes every document of a collection (a read model being rebuilt).
import type { SqliteDatabase } from '../driver.js';

export const DELETE_COLLECTION_SQL = 'DELETE FROM logbook_documents WHERE collection = ?';

export function deleteCollection(db: SqliteDatabase): (collection: string) => void {
  const stmt = db.prepare(DELETE_COLLECTION_SQL);
  return (collection) => {
    stmt.run(collection);
  };
}
