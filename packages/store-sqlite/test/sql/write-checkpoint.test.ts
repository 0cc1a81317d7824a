import type { Position } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('write-checkpoint', () => {
  it('moves an existing checkpoint and its time', () => {
    const { s } = memoryStatements();
    s.writeCheckpoint('proj', '1' as Position, 't1');
    s.writeCheckpoint('proj', '9' as Position, 't2');
    expect(s.listCheckpoints()).toEqual([{ name: 'proj', position: '9', updatedAt: 't2' }]);
  });
});
