import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('stream-info', () => {
  it('reads the head row of a stream, undefined when missing', () => {
    const { s } = memoryStatements();
    const rows = seed(s, [['a'], ['a']]);
    expect(s.streamInfo('a')).toEqual({
      last_revision: 1n,
      first_recorded_at: rows[0]!.recordedAt,
      last_recorded_at: rows[1]!.recordedAt,
    });
    expect(s.streamInfo('zz')).toBeUndefined();
  });
});
