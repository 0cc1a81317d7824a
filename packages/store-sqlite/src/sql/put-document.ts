// Stores (or replaces) one read-model document as JSON text.
import type { JsonValue } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const PUT_DOCUMENT_SQL = `INSERT INTO logbook_documents (collection, id, doc) VALUES (?, ?, ?)
  ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc`;

export function putDocument(db: SqliteDatabase): (collection: string, id: string, doc: JsonValue) => void {
  const stmt = db.prepare(PUT_DOCUMENT_SQL);
  return (collection, id, doc) => {
    stmt.run(collection, id, JSON.stringify(doc));
  };
}
