import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('read-snapshot', () => {
  it('reads a named snapshot of a stream with its state parsed', () => {
    const { s } = memoryStatements();
    const snap = { streamId: 'a', name: 'decider', revision: 41n, schemaVersion: 2, state: { ü: [1, 'x'] }, takenAt: 't' };
    s.writeSnapshot(snap);
    expect(s.readSnapshot('a', 'decider')).toEqual(snap);
    expect(s.readSnapshot('a', 'other')).toBeUndefined();
  });
});
