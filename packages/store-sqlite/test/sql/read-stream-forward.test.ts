import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('read-stream-forward', () => {
  it('pages a stream upwards from an inclusive revision', () => {
    const { s } = memoryStatements();
    seed(s, [['a'], ['b'], ['a'], ['a'], ['a']]);
    expect(s.readStreamForward('a', 1n, 2).map((e) => e.revision)).toEqual([1n, 2n]);
    expect(s.readStreamForward('a', 0n, 10).map((e) => e.position)).toEqual(['1', '3', '4', '5']);
    expect(s.readStreamForward('a', 9n, 10)).toEqual([]);
  });
});
