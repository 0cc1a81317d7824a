import type { Position } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('delete-checkpoint', () => {
  it('deletes one checkpoint', () => {
    const { s } = memoryStatements();
    s.writeCheckpoint('a', '1' as Position, 't');
    s.writeCheckpoint('b', '2' as Position, 't');
    s.deleteCheckpoint('a');
    expect(s.listCheckpoints().map((c) => c.name)).toEqual(['b']);
  });
});
