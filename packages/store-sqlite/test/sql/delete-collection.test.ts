import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('delete-collection', () => {
  it('deletes every document of one collection only', () => {
    const { s } = memoryStatements();
    s.putDocument('c', 'x', 1);
    s.putDocument('c', 'y', 2);
    s.putDocument('d', 'x', 3);
    s.deleteCollection('c');
    expect(s.listDocuments('c')).toEqual([]);
    expect(s.getDocument('d', 'x')).toBe(3);
  });
});
