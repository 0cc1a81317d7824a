import { describe, expect, it } from 'vitest';
import { readAllSql } from '../../src/sql/read-all.js';
import { memoryStatements, seed } from './fixtures.js';

describe('read-all', () => {
  it('returns events in (after, until] in position order, filtered and limited', () => {
    const { s } = memoryStatements();
    seed(s, [
      ['order-1', 'Placed'],
      ['cart-1', 'Added'],
      ['order-2', 'Placed'],
      ['order-1', 'Paid'],
      ['order-3', 'Placed'],
    ]);
    expect(s.readAll({ after: 1n, until: 4n, limit: 10 }).map((e) => e.position)).toEqual(['2', '3', '4']);
    expect(s.readAll({ after: 0n, until: 5n, limit: 2, filter: { types: ['Placed'] } }).map((e) => e.position)).toEqual([
      '1',
      '3',
    ]);
    const f = { categories: ['order'], streamIdPrefix: 'order-1' };
    expect(s.readAll({ after: 0n, until: 5n, limit: 10, filter: f }).map((e) => e.type)).toEqual(['Placed', 'Paid']);
    expect(s.readAll({ after: 0n, until: 5n, limit: 10, filter: { types: [] } })).toHaveLength(5);
  });

  it('drives filtered reads through the type and category indexes within the position window', () => {
    const { db } = memoryStatements();
    const plan = (sql: string) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ after: 0, until: 1, limit: 1, types: '[]', categories: '[]' }) as Array<{
          detail: string;
        }>
      ).map((r) => r.detail);
    expect(plan(readAllSql({ types: true, categories: false, prefix: false })).join('\n')).toMatch(/logbook_events_type/);
    expect(plan(readAllSql({ types: false, categories: true, prefix: false })).join('\n')).toMatch(/logbook_events_category/);
  });
});
