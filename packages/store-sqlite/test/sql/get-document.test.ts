import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('get-document', () => {
  it('reads a document of a collection with its JSON parsed', () => {
    const { s } = memoryStatements();
    s.putDocument('accounts', 'a-1', { balance: 10, owner: 'Zoë 😀' });
    expect(s.getDocument('accounts', 'a-1')).toEqual({ balance: 10, owner: 'Zoë 😀' });
    expect(s.getDocument('other', 'a-1')).toBeUndefined();
  });
});
