import type { Position } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('list-checkpoints', () => {
  it('lists every checkpoint ordered by name', () => {
    const { s } = memoryStatements();
    s.writeCheckpoint('zeta', '3' as Position, 't3');
    s.writeCheckpoint('alpha', '1' as Position, 't1');
    expect(s.listCheckpoints()).toEqual([
      { name: 'alpha', position: '1', updatedAt: 't1' },
      { name: 'zeta', position: '3', updatedAt: 't3' },
    ]);
  });
});
