// Deletes one read-model document.
import type { SqliteDatabase } from '../driver.js';

export const DELETE_DOCUMENT_SQL = 'DELETE FROM logbook_documents WHERE collection = ? AND id = ?';

export function deleteDocument(db: SqliteDatabase): (collection: string, id: string) => void {
  const stmt = db.prepare(DELETE_DOCUMENT_SQL);
  return (collection, id) => {
    stmt.run(collection, id);
  };
}
