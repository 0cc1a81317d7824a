// Reads one read-model document.
import type { JsonValue } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const GET_DOCUMENT_SQL = 'SELECT doc FROM logbook_documents WHERE collection = ? AND id = ?';

export function getDocument(db: SqliteDatabase): (collection: string, id: string) => JsonValue | undefined {
  const stmt = db.prepare(GET_DOCUMENT_SQL);
  return (collection, id) => {
    const row = stmt.get(collection, id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as JsonValue) : undefined;
  };
}
