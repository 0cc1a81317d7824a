import type { Position } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('read-checkpoint', () => {
  it('reads a stored position as written, undefined when missing', () => {
    const { s } = memoryStatements();
    s.writeCheckpoint('proj', '7781.42' as Position, 't');
    expect(s.readCheckpoint('proj')).toBe('7781.42');
    expect(s.readCheckpoint('none')).toBeUndefined();
  });
});
