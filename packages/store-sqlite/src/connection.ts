// The store's handle on its connection: prepared statements, the gate, the clock, and the two ways to run work.
import { LogbookError } from '@logbook/core';
import type { SqliteDatabase } from './driver.js';
import { toStoreError } from './errors.js';
import { Gate } from './gate.js';
import { rollbackQuietly } from './sql/transaction-control.js';
import type { Statements } from './statements.js';

export class Connection {
  readonly gate = new Gate();
  closed = false;

  constructor(
    readonly db: SqliteDatabase,
    readonly s: Statements,
    readonly now: () => Date,
  ) {}

  assertOpen(): void {
    if (this.closed) throw new LogbookError('store_closed', 'the SQLite store is closed');
  }

  /** A synchronous read (or single-statement write) outside any async transaction. */
  read<T>(fn: (s: Statements) => T): Promise<T> {
    try {
      this.assertOpen();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.gate
      .run(() => fn(this.s))
      .catch((e: unknown) => {
        throw toStoreError(e);
      });
  }

  /** A synchronous read-modify-write in its own IMMEDIATE transaction, so other processes cannot interleave. */
  write<T>(fn: (s: Statements) => T): Promise<T> {
    return this.read((s) => {
      s.tx.begin();
      try {
        const result = fn(s);
        s.tx.commit();
        return result;
      } catch (e) {
        rollbackQuietly(s);
        throw e;
      }
    });
  }
}
