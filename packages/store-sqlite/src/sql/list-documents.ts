// A page of a collection's documents ordered by id, after a cursor and within a prefix.
import type { DocumentEntry, JsonValue } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';
import { listBounds } from '../prefix-range.js';

export const LIST_DOCUMENTS_SQL = `SELECT id, doc FROM logbook_documents
  WHERE collection = ? AND id >= ? AND id < ?
  ORDER BY id LIMIT ?`;

export const DEFAULT_DOCUMENT_PAGE = 1000;

export function listDocuments(
  db: SqliteDatabase,
): (collection: string, options?: { prefix?: string; after?: string; limit?: number }) => DocumentEntry[] {
  const stmt = db.prepare(LIST_DOCUMENTS_SQL);
  return (collection, options = {}) => {
    const { lower, upper } = listBounds(options);
    const rows = stmt.all(collection, lower, upper, options.limit ?? DEFAULT_DOCUMENT_PAGE) as Array<{
      id: string;
      doc: string;
    }>;
    return rows.map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as JsonValue }));
  };
}
