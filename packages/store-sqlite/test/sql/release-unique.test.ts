import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('release-unique', () => {
  it('releases only a value the releasing owner holds', () => {
    const { s } = memoryStatements();
    s.claimUnique('email', 'a', 'user-1');
    s.releaseUnique('email', 'a', 'user-2');
    expect(s.uniqueOwner('email', 'a')).toBe('user-1');
    s.releaseUnique('email', 'a', 'user-1');
    expect(s.uniqueOwner('email', 'a')).toBeUndefined();
  });
});
