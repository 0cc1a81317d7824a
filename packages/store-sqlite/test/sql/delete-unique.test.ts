import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('delete-unique', () => {
  it('removes a value whoever holds it, leaving other values', () => {
    const { s } = memoryStatements();
    s.claimUnique('email', 'a', 'user-1');
    s.claimUnique('email', 'b', 'user-1');
    s.deleteUnique('email', 'a');
    expect(s.uniqueOwner('email', 'a')).toBeUndefined();
    expect(s.uniqueOwner('email', 'b')).toBe('user-1');
  });
});
