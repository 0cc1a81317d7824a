import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('put-document', () => {
  it('stores any JSON value and replaces the previous one', () => {
    const { s } = memoryStatements();
    s.putDocument('c', 'x', [1, 2]);
    s.putDocument('c', 'x', 'now a string');
    expect(s.getDocument('c', 'x')).toBe('now a string');
    s.putDocument('c', 'y', null);
    expect(s.getDocument('c', 'y')).toBeNull();
  });
});
