import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('event-by-id', () => {
  it('finds one event by id, case-insensitively', () => {
    const { s } = memoryStatements();
    const [row] = seed(s, [['x', 'Made']]);
    expect(s.eventById(row!.id.toUpperCase())).toMatchObject({ id: row!.id, type: 'Made', metadata: {} });
    expect(s.eventById(randomUUID())).toBeUndefined();
  });
});
