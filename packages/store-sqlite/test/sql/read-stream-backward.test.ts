import { describe, expect, it } from 'vitest';
import { LAST_REVISION } from '../../src/sql/read-stream-backward.js';
import { memoryStatements, seed } from './fixtures.js';

describe('read-stream-backward', () => {
  it('pages a stream downwards from an inclusive revision, or from the last event', () => {
    const { s } = memoryStatements();
    seed(s, [['a'], ['a'], ['b'], ['a']]);
    expect(s.readStreamBackward('a', LAST_REVISION, 2).map((e) => e.revision)).toEqual([2n, 1n]);
    expect(s.readStreamBackward('a', 0n, 5).map((e) => e.revision)).toEqual([0n]);
    expect(s.readStreamBackward('b', 7n, 5).map((e) => e.position)).toEqual(['3']);
  });
});
