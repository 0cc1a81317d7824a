import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('write-snapshot', () => {
  it('replaces the previous snapshot of the same stream and name', () => {
    const { s } = memoryStatements();
    s.writeSnapshot({ streamId: 'a', name: 'n', revision: 1n, schemaVersion: 1, state: 1, takenAt: 't1' });
    s.writeSnapshot({ streamId: 'a', name: 'n', revision: 5n, schemaVersion: 2, state: null, takenAt: 't2' });
    expect(s.readSnapshot('a', 'n')).toEqual({
      streamId: 'a',
      name: 'n',
      revision: 5n,
      schemaVersion: 2,
      state: null,
      takenAt: 't2',
    });
  });
});
