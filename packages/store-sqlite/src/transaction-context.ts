// The TransactionContext handed to inline hooks and transaction(): documents, checkpoints and the raw connection,
// all inside the write transaction that is open while the user's code runs.
import type { DocumentWriter, Fence, Position, TransactionContext } from '@logbook/core';
import type { SqliteDatabase } from './driver.js';
import { checkFence } from './fences.js';
import type { Statements } from './statements.js';

export interface OpenTransaction {
  context: TransactionContext;
  /** Re-checks every fence used, just before COMMIT: a lease may have expired while the user's code ran. */
  assertFences(): void;
}

export function openTransaction(db: SqliteDatabase, s: Statements, now: () => Date): OpenTransaction {
  const fences: Fence[] = [];
  const documents: DocumentWriter = {
    get: async (collection, id) => s.getDocument(collection, id),
    list: async (collection, options) => s.listDocuments(collection, options),
    put: async (collection, id, doc) => s.putDocument(collection, id, doc),
    delete: async (collection, id) => s.deleteDocument(collection, id),
    deleteCollection: async (collection) => s.deleteCollection(collection),
  };
  const context: TransactionContext = {
    documents,
    saveCheckpoint: async (name: string, position: Position, fence?: Fence) => {
      const at = now();
      checkFence(s, fence, at.getTime());
      if (fence) fences.push(fence);
      s.writeCheckpoint(name, position, at.toISOString());
    },
    native: db,
  };
  return {
    context,
    assertFences: () => {
      const nowMs = now().getTime();
      for (const f of fences) checkFence(s, f, nowMs);
    },
  };
}
