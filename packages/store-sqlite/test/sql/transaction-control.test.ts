import { describe, expect, it } from 'vitest';
import { eventRow, memoryStatements } from './fixtures.js';

describe('transaction-control', () => {
  it('undoes only the work since the savepoint, and everything on rollback', () => {
    const { db, s } = memoryStatements();
    s.tx.begin();
    expect(db.inTransaction).toBe(true);
    s.appendEvent(eventRow(1, 'a', 0));
    s.tx.savepoint();
    s.appendEvent(eventRow(2, 'a', 1));
    s.tx.rollbackToSavepoint();
    s.tx.savepoint();
    s.appendEvent(eventRow(2, 'b', 0));
    s.tx.release();
    s.tx.commit();
    expect(s.headPosition()).toBe(2n);
    expect(s.readStreamForward('a', 0n, 10)).toHaveLength(1);
    s.tx.begin();
    s.appendEvent(eventRow(3, 'c', 0));
    s.tx.rollback();
    s.tx.rollback(); // a no-op outside a transaction
    expect(s.headPosition()).toBe(2n);
  });
});
