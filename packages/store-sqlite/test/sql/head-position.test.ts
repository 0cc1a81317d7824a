import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('head-position', () => {
  it('is 0 for an empty log and the last position otherwise', () => {
    const { s } = memoryStatements();
    expect(s.headPosition()).toBe(0n);
    seed(s, [['a'], ['b'], ['a']]);
    expect(s.headPosition()).toBe(3n);
  });
});
