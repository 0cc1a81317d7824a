// Transaction control: BEGIN IMMEDIATE / COMMIT / ROLLBACK and the per-append savepoint of a group commit.
import type { SqliteDatabase } from '../driver.js';

export const BEGIN_IMMEDIATE_SQL = 'BEGIN IMMEDIATE';
export const COMMIT_SQL = 'COMMIT';
export const ROLLBACK_SQL = 'ROLLBACK';
export const SAVEPOINT_SQL = 'SAVEPOINT logbook_append';
export const RELEASE_SQL = 'RELEASE logbook_append';
export const ROLLBACK_TO_SQL = 'ROLLBACK TO logbook_append';

export interface TransactionControl {
  /** Takes the write lock now (not at the first write), so the expected-revision reads cannot go stale. */
  begin(): void;
  commit(): void;
  /** Rolls back when a transaction is open; a no-op otherwise (SQLite may already have rolled back on an I/O error). */
  rollback(): void;
  savepoint(): void;
  release(): void;
  /** Undoes everything since the savepoint and drops it. */
  rollbackToSavepoint(): void;
}

export function transactionControl(db: SqliteDatabase): TransactionControl {
  const begin = db.prepare(BEGIN_IMMEDIATE_SQL);
  const commit = db.prepare(COMMIT_SQL);
  const rollback = db.prepare(ROLLBACK_SQL);
  const savepoint = db.prepare(SAVEPOINT_SQL);
  const release = db.prepare(RELEASE_SQL);
  const rollbackTo = db.prepare(ROLLBACK_TO_SQL);
  return {
    begin: () => void begin.run(),
    commit: () => void commit.run(),
    rollback: () => {
      if (db.inTransaction) rollback.run();
    },
    savepoint: () => void savepoint.run(),
    release: () => void release.run(),
    rollbackToSavepoint: () => {
      rollbackTo.run();
      release.run();
    },
  };
}

/** Rolls back on a failure path without letting a second error (e.g. a closed connection) hide the first. */
export function rollbackQuietly(s: { tx: TransactionControl }): void {
  try {
    s.tx.rollback();
  } catch {
    // The original error is what the caller reports.
  }
}
