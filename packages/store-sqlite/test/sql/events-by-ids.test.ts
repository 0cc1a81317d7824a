import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('events-by-ids', () => {
  it('returns only the stored events among the ids, keyed by id', () => {
    const { s } = memoryStatements();
    const [a, , c] = seed(s, [['x'], ['x'], ['y']]);
    const found = s.eventsByIds([a!.id, randomUUID(), c!.id]);
    expect([...found.keys()].sort()).toEqual([a!.id, c!.id].sort());
    expect(found.get(c!.id)).toMatchObject({ streamId: 'y', revision: 0n, position: '3' });
    expect(s.eventsByIds([]).size).toBe(0);
  });
});
