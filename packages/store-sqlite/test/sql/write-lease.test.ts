import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('write-lease', () => {
  it('replaces the lease of a partition', () => {
    const { s } = memoryStatements();
    s.writeLease({ group: 'g', partition: 0, owner: 'a', token: 1n, expiresAt: 100 });
    s.writeLease({ group: 'g', partition: 0, owner: 'b', token: 2n, expiresAt: 200 });
    expect(s.readLease('g', 0)).toEqual({ group: 'g', partition: 0, owner: 'b', token: 2n, expiresAt: 200 });
  });
});
