import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('list-documents', () => {
  it('pages a collection by id with prefix, exclusive cursor and limit', () => {
    const { s } = memoryStatements();
    for (const id of ['b', '', 'a-2', 'a-1', 'a']) s.putDocument('c', id, id);
    s.putDocument('other', 'a-3', 0);
    const ids = (o?: { prefix?: string; after?: string; limit?: number }) => s.listDocuments('c', o).map((d) => d.id);
    expect(ids()).toEqual(['', 'a', 'a-1', 'a-2', 'b']);
    expect(ids({ prefix: 'a-' })).toEqual(['a-1', 'a-2']);
    expect(ids({ after: 'a', limit: 2 })).toEqual(['a-1', 'a-2']);
    expect(s.listDocuments('c', { prefix: 'b' })).toEqual([{ id: 'b', doc: 'b' }]);
  });
});
