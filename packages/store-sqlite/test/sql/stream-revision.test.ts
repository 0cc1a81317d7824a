import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('stream-revision', () => {
  it('gives the last revision as a bigint, or no_stream', () => {
    const { s } = memoryStatements();
    seed(s, [['a'], ['a'], ['b']]);
    expect(s.streamRevision('a')).toBe(1n);
    expect(s.streamRevision('b')).toBe(0n);
    expect(s.streamRevision('c')).toBe('no_stream');
  });
});
