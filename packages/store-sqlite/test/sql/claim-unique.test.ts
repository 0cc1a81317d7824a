import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('claim-unique', () => {
  it('claims a free value, is idempotent for its owner, and reports the holder to anyone else', () => {
    const { s } = memoryStatements();
    expect(s.claimUnique('email', 'zoë@example.com', 'user-1')).toBe('user-1');
    expect(s.claimUnique('email', 'zoë@example.com', 'user-1')).toBe('user-1');
    expect(s.claimUnique('email', 'zoë@example.com', 'user-2')).toBe('user-1');
    expect(s.claimUnique('login', 'zoë@example.com', 'user-2')).toBe('user-2');
    expect(s.uniqueOwner('email', 'zoë@example.com')).toBe('user-1');
  });
});
