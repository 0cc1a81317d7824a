import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('count-streams', () => {
  it('counts distinct streams, not events', () => {
    const { s } = memoryStatements();
    expect(s.countStreams()).toBe(0n);
    seed(s, [['a'], ['b'], ['a']]);
    expect(s.countStreams()).toBe(2n);
  });
});
