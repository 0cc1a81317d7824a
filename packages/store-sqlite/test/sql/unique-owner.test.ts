import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('unique-owner', () => {
  it('reads the holder of a value within its scope', () => {
    const { s } = memoryStatements();
    s.claimUnique('sku', 'X-1', 'product-9');
    expect(s.uniqueOwner('sku', 'X-1')).toBe('product-9');
    expect(s.uniqueOwner('sku', 'x-1')).toBeUndefined();
    expect(s.uniqueOwner('other', 'X-1')).toBeUndefined();
  });
});
