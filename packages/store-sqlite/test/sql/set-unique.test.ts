import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('set-unique', () => {
  it('sets the holder without checks, a later call winning', () => {
    const { s } = memoryStatements();
    s.setUnique('email', 'a', 'user-1');
    s.setUnique('email', 'a', 'user-2');
    expect(s.uniqueOwner('email', 'a')).toBe('user-2');
  });
});
