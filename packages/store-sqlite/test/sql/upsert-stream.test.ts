import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('upsert-stream', () => {
  it('creates the head row, then moves the last revision and time but keeps the first time', () => {
    const { s } = memoryStatements();
    s.upsertStream('a', 0n, '2026-01-01T00:00:00.000Z');
    s.upsertStream('a', 3n, '2026-01-02T00:00:00.000Z');
    expect(s.streamInfo('a')).toEqual({
      last_revision: 3n,
      first_recorded_at: '2026-01-01T00:00:00.000Z',
      last_recorded_at: '2026-01-02T00:00:00.000Z',
    });
  });
});
