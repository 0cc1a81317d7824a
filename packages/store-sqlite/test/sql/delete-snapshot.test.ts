import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('delete-snapshot', () => {
  it('deletes one named snapshot only', () => {
    const { s } = memoryStatements();
    s.writeSnapshot({ streamId: 'a', name: 'n', revision: 1n, schemaVersion: 1, state: 1, takenAt: 't' });
    s.writeSnapshot({ streamId: 'a', name: 'm', revision: 1n, schemaVersion: 1, state: 2, takenAt: 't' });
    s.deleteSnapshot('a', 'n');
    expect(s.readSnapshot('a', 'n')).toBeUndefined();
    expect(s.readSnapshot('a', 'm')?.state).toBe(2);
  });
});
