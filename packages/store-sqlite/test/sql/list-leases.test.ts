import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('list-leases', () => {
  it('lists the unexpired leases of one group by partition', () => {
    const { s } = memoryStatements();
    s.writeLease({ group: 'g', partition: 2, owner: 'a', token: 1n, expiresAt: 500 });
    s.writeLease({ group: 'g', partition: 1, owner: 'b', token: 1n, expiresAt: 500 });
    s.writeLease({ group: 'g', partition: 0, owner: 'c', token: 1n, expiresAt: 50 });
    s.writeLease({ group: 'h', partition: 0, owner: 'd', token: 1n, expiresAt: 500 });
    expect(s.listLeases('g', 100).map((l) => [l.partition, l.owner])).toEqual([
      [1, 'b'],
      [2, 'a'],
    ]);
  });
});
