import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('read-lease', () => {
  it('reads a lease row even when expired, with its token as a bigint', () => {
    const { s } = memoryStatements();
    s.writeLease({ group: 'g', partition: 3, owner: 'w', token: 9007199254740993n, expiresAt: 0 });
    expect(s.readLease('g', 3)).toEqual({ group: 'g', partition: 3, owner: 'w', token: 9007199254740993n, expiresAt: 0 });
    expect(s.readLease('g', 4)).toBeUndefined();
  });
});
