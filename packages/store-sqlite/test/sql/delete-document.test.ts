import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('delete-document', () => {
  it('deletes one document', () => {
    const { s } = memoryStatements();
    s.putDocument('c', 'x', 1);
    s.putDocument('c', 'y', 2);
    s.deleteDocument('c', 'x');
    expect(s.getDocument('c', 'x')).toBeUndefined();
    expect(s.getDocument('c', 'y')).toBe(2);
  });
});
