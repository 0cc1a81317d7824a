import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('reset-uniques', () => {
  it('removes every claim in every scope', () => {
    const { s } = memoryStatements();
    s.claimUnique('email', 'a', 'user-1');
    s.claimUnique('sku', 'b', 'product-1');
    s.resetUniques();
    expect(s.uniqueOwner('email', 'a')).toBeUndefined();
    expect(s.uniqueOwner('sku', 'b')).toBeUndefined();
  });
});
